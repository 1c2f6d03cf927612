<#
.SYNOPSIS
    ArgilPS quickstart: connect to the offline sandbox, create an avatar from an image URL,
    wait until it has trained, and list the avatars.
.NOTES
    Runs under any pwsh with ArgilPS installed, or from this repository with nothing but the .NET SDK:
    dotnet run --project tools/pwsh -- -File samples/quickstart.ps1
    Against the real API, replace Connect-Argil -Sandbox with Connect-Argil -ApiKey (Read-Host -AsSecureString).
#>
[CmdletBinding()]
param(
    [string] $Name = 'Quickstart avatar',
    [string] $ImageUrl = 'https://example.com/portraits/presenter-1920x1080.png'
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module -Name ArgilPS)) {
    $built = Join-Path $PSScriptRoot '../out/ArgilPS/ArgilPS.psd1'
    if (Test-Path -Path $built) { Import-Module $built } else { Import-Module ArgilPS }
}

# The sandbox is an emulator of the Argil API inside this process: no key, no network, no credits.
Connect-Argil -Sandbox

try {
    $avatar = New-ArgilAvatar -Name $Name -ImageUrl $ImageUrl
    Write-Host "Created '$($avatar.Name)' ($($avatar.Id)): $($avatar.Status). Waiting for training..."

    $ready = $avatar | Wait-ArgilAvatar -PollingInterval 5
    Write-Host "Trained:"
    $ready | Format-Table

    Write-Host "All avatars:"
    Get-ArgilAvatar | Format-Table
}
finally {
    Disconnect-Argil
}
