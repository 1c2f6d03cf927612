# Shared helpers for the ArgilPS Pester suite (Pester 5.9.1, run by tests/Invoke-PesterSuite.ps1).
# Dot-source it in a BeforeAll:
#     BeforeAll { . $PSScriptRoot/TestSupport.ps1 }
# It is not a *.Tests.ps1 file, so Pester never runs it on its own.

$ArgilModuleManifest = Join-Path $PSScriptRoot '../../out/ArgilPS/ArgilPS.psd1'
Import-Module $ArgilModuleManifest -Force -ErrorAction Stop

# The three public avatars every fresh sandbox starts with.
$PublicAvatarIds = @(
    '00000000-0000-4000-8000-000000000001'
    '00000000-0000-4000-8000-000000000002'
    '00000000-0000-4000-8000-000000000003'
)

function Write-TestImageFile {
    # Writes a file with just enough of a PNG header (signature and IHDR with width and height) for
    # the module's size and format checks, into TestDrive (Pester removes it with its block), and
    # returns its full path.
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
    $path = Join-Path $TestDrive ("image-$Width" + "x$Height-" + [guid]::NewGuid().ToString('N') + $Extension)
    [IO.File]::WriteAllBytes($path, $Bytes)
    $path
}

function Get-ErrorIdPrefix {
    # The stable part of a FullyQualifiedErrorId: 'AvatarNotFound' of 'AvatarNotFound,ArgilPS.Commands.GetArgilAvatarCommand'.
    param([Parameter(Mandatory)] $ErrorRecord)
    ($ErrorRecord.FullyQualifiedErrorId -split ',')[0]
}

function ConvertTo-TestSecureString {
    # A SecureString from a test's made-up key, built char by char rather than with
    # ConvertTo-SecureString -AsPlainText, which PSScriptAnalyzer rightly flags in real code.
    param([Parameter(Mandatory)] [string] $Text)
    $secure = [securestring]::new()
    foreach ($c in $Text.ToCharArray()) { $secure.AppendChar($c) }
    $secure.MakeReadOnly()
    $secure
}

function Add-SandboxAvatar {
    # Adds an avatar to the connected sandbox with New-ArgilAvatar (which has the ShouldProcess) and
    # returns it; -Outcome is the sandbox-outcome extra.
    param([string] $Name = 'Test avatar', [string] $Outcome = 'IDLE')
    New-ArgilAvatar -Name $Name -ImageUrl 'https://example.com/portrait-1080x1920.png' -Extras @{ 'sandbox-outcome' = $Outcome } -ErrorAction Stop
}

function Get-SetParameter {
    # A parameter as one parameter set of a command sees it (IsMandatory, Position, ValueFromPipeline...);
    # $null when the set does not have it. Should -HaveParameter -InParameterSet tells only whether a
    # set has the parameter and whether it is mandatory there, not its position or pipeline binding.
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
