# Shared helpers for the ArgilPS Pester suite. Dot-source it in a BeforeAll:
#     BeforeAll { . $PSScriptRoot/TestSupport.ps1 }
# It is not a *.Tests.ps1 file, so Pester never runs it on its own. It uses only the language and
# core cmdlets, so it works under real Pester 5 and under tools/PesterCompat alike.

$ArgilModuleManifest = Join-Path $PSScriptRoot '../../out/ArgilPS/ArgilPS.psd1'
Import-Module $ArgilModuleManifest -Force -ErrorAction Stop

# The three public avatars every fresh sandbox starts with.
$PublicAvatarIds = @(
    '00000000-0000-4000-8000-000000000001'
    '00000000-0000-4000-8000-000000000002'
    '00000000-0000-4000-8000-000000000003'
)

function New-TestImageFile {
    # Writes a file with just enough of a PNG header (signature and IHDR with width and height) for
    # the module's size and format checks, under the temporary folder (TestDrive is not available
    # under every runner). Returns the full path; remove it with Remove-Item.
    param(
        [int] $Width = 1920,
        [int] $Height = 1080,
        [string] $Extension = '.png',
        [byte[]] $Bytes
    )
    if (-not $Bytes) {
        $header = [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52)
        $Bytes = [byte[]]::new(33 + 64)
        [Array]::Copy($header, $Bytes, $header.Length)
        foreach ($pair in @(@(16, $Width), @(20, $Height))) {
            $offset, $value = $pair
            $Bytes[$offset] = ($value -shr 24) -band 0xFF
            $Bytes[$offset + 1] = ($value -shr 16) -band 0xFF
            $Bytes[$offset + 2] = ($value -shr 8) -band 0xFF
            $Bytes[$offset + 3] = $value -band 0xFF
        }
        $Bytes[24] = 8
        $Bytes[25] = 2
    }
    $path = Join-Path ([IO.Path]::GetTempPath()) ('argilps-pester-' + [guid]::NewGuid().ToString('N') + $Extension)
    [IO.File]::WriteAllBytes($path, $Bytes)
    $path
}

function Get-ErrorIdPrefix {
    # The stable part of a FullyQualifiedErrorId: 'AvatarNotFound' of 'AvatarNotFound,ArgilPS.Commands.GetArgilAvatarCommand'.
    param([Parameter(Mandatory)] $ErrorRecord)
    ($ErrorRecord.FullyQualifiedErrorId -split ',')[0]
}

function ConvertTo-TestSecureString {
    # A SecureString from plain text without ConvertTo-SecureString, which some hosts lack.
    param([Parameter(Mandatory)] [string] $Text)
    $secure = [securestring]::new()
    foreach ($c in $Text.ToCharArray()) { $secure.AppendChar($c) }
    $secure.MakeReadOnly()
    $secure
}

function New-SandboxAvatar {
    # Creates an avatar in the connected sandbox and returns it; -Outcome is the sandbox-outcome extra.
    param([string] $Name = 'Test avatar', [string] $Outcome = 'IDLE')
    New-ArgilAvatar -Name $Name -ImageUrl 'https://example.com/portrait-1080x1920.png' -Extras @{ 'sandbox-outcome' = $Outcome } -ErrorAction Stop
}

function Get-SetParameter {
    # A parameter as one parameter set of a command sees it (IsMandatory, Position, ValueFromPipeline...);
    # $null when the set does not have it. Should -HaveParameter -InParameterSet does the same job
    # under real Pester, but this works under every runner.
    param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] [string] $ParameterSet, [Parameter(Mandatory)] [string] $Name)
    $set = (Get-Command $Command).ParameterSets | Where-Object Name -EQ $ParameterSet
    if (-not $set) { throw "$Command has no parameter set '$ParameterSet'." }
    $set.Parameters | Where-Object Name -EQ $Name
}

function Get-MandatoryParameterName {
    # The mandatory parameters of one parameter set, sorted and comma-separated: 'ImageUrl,Name'.
    param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] [string] $ParameterSet)
    $set = (Get-Command $Command).ParameterSets | Where-Object Name -EQ $ParameterSet
    if (-not $set) { throw "$Command has no parameter set '$ParameterSet'." }
    (@($set.Parameters | Where-Object IsMandatory | ForEach-Object Name | Sort-Object) -join ',')
}
