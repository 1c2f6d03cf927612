<#
.SYNOPSIS
    Runs the Pester suite (tests/pester) under Pester 5.9.1 and writes its result as JSON.

.DESCRIPTION
    Imports exactly Pester 5.9.1, from the first of:
      -PesterPath          a Pester.psd1 (dotnet test passes the one of the package it restores);
      the installed module Import-Module Pester -RequiredVersion 5.9.1 (what build.ps1 installs);
      the NuGet package folder, where dotnet restore or dotnet test put the same package.
    It runs every *.Tests.ps1 under -Path with Detailed output, then writes -ResultPath: the totals
    and, for every failed test, block (BeforeAll/AfterAll) and container (a file that could not be
    discovered or run), its name, file:line and error messages; the skipped tests are listed too.
    Exits with 0 when everything passed, 1 otherwise.

.EXAMPLE
    dotnet run --project tools/pwsh -- -NoProfile -File tests/Invoke-PesterSuite.ps1

    Runs the suite with the repository's pwsh, once dotnet test (or dotnet restore) has restored Pester.

.EXAMPLE
    ./tests/Invoke-PesterSuite.ps1 -Path ./tests/pester/Connect-Argil.Tests.ps1 -ResultPath ./connect.json
#>
[CmdletBinding()]
param(
    # A Pester.psd1 of version 5.9.1; by default the installed module, else the restored package.
    [string] $PesterPath,

    # Test files or folders to run.
    [string[]] $Path = @(Join-Path $PSScriptRoot 'pester'),

    # Where the JSON result goes.
    [string] $ResultPath = (Join-Path (Join-Path (Split-Path $PSScriptRoot -Parent) 'out') 'pester-result.json')
)

# No script-wide preferences here (such as $ErrorActionPreference or strict mode): the tests run in
# scopes below this script and would inherit them. Each step that must stop says -ErrorAction Stop.
$RequiredPesterVersion = [version] '5.9.1'

function Import-PinnedPester {
    param([string] $ModulePath)

    Remove-Module -Name Pester -Force -ErrorAction SilentlyContinue
    if (-not $ModulePath) {
        $installed = Get-Module -ListAvailable -Name Pester | Where-Object Version -EQ $RequiredPesterVersion
        if (-not $installed) {
            # The package as NuGet restores it from tests/ArgilPS.Tests (its tools/ folder is the module).
            $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path (Join-Path $HOME '.nuget') 'packages' }
            $restored = Join-Path $packages "pester/$RequiredPesterVersion/tools/Pester.psd1"
            if (-not (Test-Path -LiteralPath $restored)) {
                throw "Pester $RequiredPesterVersion is neither installed nor restored. Run 'dotnet restore ArgilPS.sln' (or dotnet test), or Install-PSResource -Name Pester -Version $RequiredPesterVersion, or pass -PesterPath."
            }
            $ModulePath = $restored
        }
    }

    $module = if ($ModulePath) {
        Import-Module -Name $ModulePath -Force -PassThru -ErrorAction Stop
    }
    else {
        Import-Module -Name Pester -RequiredVersion $RequiredPesterVersion -Force -PassThru -ErrorAction Stop
    }
    $module = @($module | Where-Object Name -EQ 'Pester')[0]
    if ($module.Version -ne $RequiredPesterVersion) {
        throw "Pester $RequiredPesterVersion is required, but '$($module.Path)' is Pester $($module.Version)."
    }
    $module
}

function Get-ErrorLocation {
    # Where an error happened, as file:line: the line of a failed Should, else the first frame of the
    # script stack that is not inside Pester, else the error's own position.
    param($ErrorRecord)

    if ($ErrorRecord.FullyQualifiedErrorId -eq 'PesterAssertionFailed' -and $ErrorRecord.TargetObject.File) {
        return "$($ErrorRecord.TargetObject.File):$($ErrorRecord.TargetObject.Line)"
    }
    foreach ($frame in "$($ErrorRecord.ScriptStackTrace)" -split '\r?\n') {
        if ($frame -match '^at .*, (?<file>.+): line (?<line>\d+)$' -and $Matches.file -notmatch 'Pester\.psm1$') {
            return "$($Matches.file):$($Matches.line)"
        }
    }
    if ($ErrorRecord.InvocationInfo.ScriptName) {
        return "$($ErrorRecord.InvocationInfo.ScriptName):$($ErrorRecord.InvocationInfo.ScriptLineNumber)"
    }
    ''
}

function ConvertTo-ErrorSummary {
    param($ErrorRecord)

    foreach ($record in @($ErrorRecord | Where-Object { $null -ne $_ })) {
        [ordered] @{
            message  = if ($record.PSObject.Properties['DisplayErrorMessage']) { $record.DisplayErrorMessage } else { "$($record.Exception.Message)" }
            errorId  = "$($record.FullyQualifiedErrorId)"
            location = Get-ErrorLocation $record
        }
    }
}

function ConvertTo-ItemSummary {
    # A test or block: its full name, the file and line it starts at, and its errors.
    param($Item, [string] $Name)

    [ordered] @{
        name   = $Name
        file   = if ($Item.ScriptBlock) { "$($Item.ScriptBlock.File)" } else { '' }
        line   = [int] $Item.StartLine
        errors = @(ConvertTo-ErrorSummary $Item.ErrorRecord)
    }
}

function ConvertTo-RunSummary {
    param($Run, $PesterModule)

    [ordered] @{
        pesterVersion     = "$($PesterModule.Version)"
        powerShellVersion = "$($PSVersionTable.PSVersion)"
        result            = "$($Run.Result)"
        totalCount        = $Run.TotalCount
        passedCount       = $Run.PassedCount
        failedCount       = $Run.FailedCount
        skippedCount      = $Run.SkippedCount
        inconclusiveCount = $Run.InconclusiveCount
        notRunCount       = $Run.NotRunCount
        durationSeconds   = [math]::Round($Run.Duration.TotalSeconds, 2)
        failedTests       = @(foreach ($test in $Run.Failed) { ConvertTo-ItemSummary $test $test.ExpandedPath })
        failedBlocks      = @(foreach ($block in $Run.FailedBlocks) {
                # A file's root block has no path of its own: name it after its file.
                $name = if ($block.IsRoot) { "$($block.BlockContainer.Item)" } else { $block.ExpandedPath }
                ConvertTo-ItemSummary $block $name
            })
        failedContainers  = @(foreach ($container in $Run.FailedContainers) {
                [ordered] @{
                    name   = "$($container.Item)"
                    errors = @(ConvertTo-ErrorSummary $container.ErrorRecord)
                }
            })
        skippedTests      = @(foreach ($test in $Run.Skipped) { ConvertTo-ItemSummary $test $test.ExpandedPath })
    }
}

$pester = Import-PinnedPester -ModulePath $PesterPath

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Run.Exit = $false
$configuration.Output.Verbosity = 'Detailed'
if ([Console]::IsOutputRedirected) {
    # Plain text in logs (and in dotnet test's output); colours in a terminal.
    $configuration.Output.RenderMode = 'Plaintext'
}

$run = Invoke-Pester -Configuration $configuration

$resultFolder = Split-Path -Path $ResultPath -Parent
if ($resultFolder -and -not (Test-Path -LiteralPath $resultFolder)) {
    $null = New-Item -ItemType Directory -Path $resultFolder -ErrorAction Stop
}
ConvertTo-RunSummary -Run $run -PesterModule $pester | ConvertTo-Json -Depth 6 |
    Set-Content -LiteralPath $ResultPath -Encoding utf8 -ErrorAction Stop

if ($run.Result -eq 'Passed') { exit 0 }
exit 1
