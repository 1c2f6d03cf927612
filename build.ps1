<#
.SYNOPSIS
    Builds, tests, packages and publishes the ArgilPS module.

.DESCRIPTION
    Build    dotnet build (lays out the module in out/ArgilPS), then Test-ModuleManifest on it.
    Test     Build, dotnet test ArgilPS.sln (xUnit, which also runs the Pester suite under Pester 5.9.1 on the
             PowerShell 7.6.9 engine), then the Pester suite in tests/pester again, in a fresh process of the
             PowerShell running this script, through tests/Invoke-PesterSuite.ps1 (result in out/pester-result.json).
             Pester 5.9.1 is installed from the PowerShell Gallery for the current user when missing.
             Fails when either fails.
    Package  Build, then out/package/ArgilPS.<version>.nupkg (out/package and out/publish are emptied first)
             from out/publish/ArgilPS, a copy of out/ArgilPS without the .pdb: with PSResourceGet
             (Publish-PSResource to a temporary local file repository) or, where PSResourceGet is missing,
             with the .NET-SDK-only packager (tools/ArgilPS.Packager). See docs/packaging.md.
    Publish  Package, then Publish-PSResource to the PowerShell Gallery (repository PSGallery) with the API
             key in $env:PSGALLERY_API_KEY.

.EXAMPLE
    ./build.ps1 -Task Test

.EXAMPLE
    $env:PSGALLERY_API_KEY = '<key>'; ./build.ps1 -Task Publish
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Publish')]
    [string] $Task = 'Build',

    [string] $Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$RepoRoot = $PSScriptRoot
$Solution = Join-Path $RepoRoot 'ArgilPS.sln'
$ModuleFolder = Join-Path (Join-Path $RepoRoot 'out') 'ArgilPS'
$ManifestPath = Join-Path $ModuleFolder 'ArgilPS.psd1'
$PackageFolder = Join-Path (Join-Path $RepoRoot 'out') 'package'
$PublishFolder = Join-Path (Join-Path (Join-Path $RepoRoot 'out') 'publish') 'ArgilPS'
$PackagerProject = Join-Path (Join-Path $RepoRoot 'tools') 'ArgilPS.Packager'
$PesterFolder = Join-Path (Join-Path $RepoRoot 'tests') 'pester'
$PesterRunner = Join-Path (Join-Path $RepoRoot 'tests') 'Invoke-PesterSuite.ps1'
$PesterResultPath = Join-Path (Join-Path $RepoRoot 'out') 'pester-result.json'
# The version tests/Invoke-PesterSuite.ps1 requires and tests/ArgilPS.Tests restores.
$PesterVersion = '5.9.1'
$LocalRepositoryName = 'ArgilPSLocal'

# Progress lines ("> dotnet build ...") go to the information stream, shown by default.
$InformationPreference = 'Continue'

# Runs a native command and throws when it exits with anything but 0.
function Invoke-Native {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @()
    )

    Write-Information "> $FilePath $($ArgumentList -join ' ')"
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Test-PSResourceGet {
    [bool] (Get-Command -Name 'Publish-PSResource' -ErrorAction SilentlyContinue)
}

function Invoke-BuildTask {
    if (-not (Get-Command -Name 'dotnet' -ErrorAction SilentlyContinue)) {
        throw 'The .NET SDK (dotnet) is not on PATH; it is needed to build ArgilPS.'
    }

    Invoke-Native -FilePath 'dotnet' -ArgumentList @('build', $Solution, '--configuration', $Configuration, '-nologo')
    if (-not (Test-Path -LiteralPath $ManifestPath)) {
        throw "dotnet build did not lay out the module: '$ManifestPath' does not exist."
    }

    $module = Test-ModuleManifest -Path $ManifestPath
    Write-Information "Built $($module.Name) $($module.Version) in $ModuleFolder"
}

# tests/Invoke-PesterSuite.ps1 imports Pester $PesterVersion installed or, failing that, as dotnet test restored
# it into the NuGet package folder; it is installed only when it is neither.
function Install-PinnedPester {
    if (Get-Module -ListAvailable -Name 'Pester' | Where-Object { $_.Version -eq [version] $PesterVersion }) {
        return
    }
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path (Join-Path $HOME '.nuget') 'packages' }
    if (Test-Path -LiteralPath (Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1")) {
        return
    }

    Write-Information "Installing Pester $PesterVersion from the PowerShell Gallery (PSGallery) for the current user"
    if (Get-Command -Name 'Install-PSResource' -ErrorAction SilentlyContinue) {
        Install-PSResource -Name 'Pester' -Version $PesterVersion -Repository 'PSGallery' -Scope CurrentUser -TrustRepository
    }
    else {
        # PowerShellGet 2: -SkipPublisherCheck because Windows PowerShell ships an older, differently signed Pester.
        Install-Module -Name 'Pester' -RequiredVersion $PesterVersion -Repository 'PSGallery' -Scope CurrentUser -Force -SkipPublisherCheck
    }
}

# The PowerShell running this script, as a command line that starts a fresh process of it: pwsh,
# powershell.exe, or 'dotnet pwsh.dll' (as the repository's tools/pwsh can be started).
function Get-PowerShellCommandLine {
    $executable = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') {
        return @($executable, [Reflection.Assembly]::GetEntryAssembly().Location)
    }
    @($executable)
}

function Invoke-TestTask {
    Invoke-BuildTask

    # Both suites run, whatever the first one gives; the task fails when either fails.
    $failures = @()
    Write-Information "> dotnet test $Solution --configuration $Configuration --no-build"
    & dotnet test $Solution --configuration $Configuration --no-build -nologo
    if ($LASTEXITCODE -ne 0) {
        $failures += "dotnet test failed with exit code $LASTEXITCODE."
    }

    if (-not (Get-ChildItem -Path $PesterFolder -Filter '*.Tests.ps1' -Recurse -ErrorAction SilentlyContinue)) {
        $failures += "No Pester suite (*.Tests.ps1) found under '$PesterFolder'."
    }
    else {
        Install-PinnedPester
        # A fresh process: the tests must not inherit this script's strict mode and preferences.
        $commandLine = @(Get-PowerShellCommandLine)
        $arguments = @($commandLine | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $PesterRunner, '-ResultPath', $PesterResultPath)
        Write-Information "> $($commandLine[0]) $($arguments -join ' ')"
        & $commandLine[0] @arguments
        if ($LASTEXITCODE -ne 0) {
            $failures += "The Pester suite failed (exit code $LASTEXITCODE): see $PesterResultPath."
        }
    }

    if ($failures.Count -gt 0) {
        throw ($failures -join [Environment]::NewLine)
    }

    Write-Information 'All tests passed (dotnet test and Pester).'
}

function Invoke-PackageTask {
    Invoke-BuildTask

    if (Test-Path -LiteralPath $PackageFolder) {
        Remove-Item -LiteralPath $PackageFolder -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $PackageFolder
    Copy-ModuleForPublishing

    if (Test-PSResourceGet) {
        # A temporary local file repository: Publish-PSResource packs the module exactly as it would for the
        # PowerShell Gallery and drops the .nupkg into the folder.
        if (Get-PSResourceRepository -Name $LocalRepositoryName -ErrorAction SilentlyContinue) {
            Unregister-PSResourceRepository -Name $LocalRepositoryName
        }
        Register-PSResourceRepository -Name $LocalRepositoryName -Uri $PackageFolder -Trusted
        try {
            Publish-PSResource -Path $PublishFolder -Repository $LocalRepositoryName
        }
        finally {
            Unregister-PSResourceRepository -Name $LocalRepositoryName
        }
    }
    else {
        Write-Warning 'PSResourceGet (Publish-PSResource) is not available: packing with the .NET-SDK-only packager (tools/ArgilPS.Packager).'
        Invoke-Native -FilePath 'dotnet' -ArgumentList @('run', '--project', $PackagerProject, '--configuration', $Configuration,
            '--', '--module', $PublishFolder, '--out', $PackageFolder)
    }

    $packages = @(Get-ChildItem -Path $PackageFolder -Filter '*.nupkg' -Recurse)
    if ($packages.Count -ne 1) {
        throw "Expected one .nupkg under '$PackageFolder', found $($packages.Count)."
    }
    Write-Information "Package: $($packages[0].FullName)"
}

# out/ArgilPS keeps ArgilPS.pdb for debugging; what is packed and published is out/publish/ArgilPS, a copy without it.
function Copy-ModuleForPublishing {
    $parent = Split-Path -Parent $PublishFolder
    if (Test-Path -LiteralPath $parent) {
        Remove-Item -LiteralPath $parent -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $parent
    Copy-Item -LiteralPath $ModuleFolder -Destination $PublishFolder -Recurse
    Get-ChildItem -LiteralPath $PublishFolder -Filter '*.pdb' -Recurse -File | Remove-Item -Force
}

function Invoke-PublishTask {
    # Checked before anything is built; the key itself is never written anywhere.
    if ([string]::IsNullOrWhiteSpace($env:PSGALLERY_API_KEY)) {
        throw 'PSGALLERY_API_KEY is not set: set it to a PowerShell Gallery API key to publish.'
    }
    if (-not (Test-PSResourceGet)) {
        throw 'Publishing needs PSResourceGet (Publish-PSResource): Install-Module Microsoft.PowerShell.PSResourceGet, or use PowerShell 7.4 or later.'
    }

    Invoke-PackageTask
    Publish-PSResource -Path $PublishFolder -Repository 'PSGallery' -ApiKey $env:PSGALLERY_API_KEY
    Write-Information 'Published ArgilPS to the PowerShell Gallery.'
}

Push-Location -LiteralPath $RepoRoot
try {
    switch ($Task) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Package' { Invoke-PackageTask }
        'Publish' { Invoke-PublishTask }
    }
}
finally {
    Pop-Location
}
