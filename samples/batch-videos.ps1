<#
.SYNOPSIS
    Turns a CSV of scripts into a folder of MP4 files: one video per row, rendered, waited for and saved.
.DESCRIPTION
    Each row of the CSV has the columns Name, AvatarId, VoiceId (may be empty: the avatar's voice)
    and Script (any length; ArgilPS splits it into moments). The pipeline is the whole job:

        Import-Csv $CsvPath | New-ArgilVideo -Render | Wait-ArgilVideo | Save-ArgilVideo -Path $OutputPath

    Failures are per video (a row the API refuses, a render that fails, a download cut short): they
    are collected and listed at the end, and the other videos go on. The files are named
    <Name>-<id>.mp4. By default it runs against the offline sandbox, with the sample CSV beside it.
.NOTES
    dotnet run --project tools/pwsh -- -File samples/batch-videos.ps1
    Against the real API: -Live, after Connect-Argil -ApiKey (or with $env:ARGIL_API_KEY set). Each
    render spends credits (about 140 per minute of video); try it with -WhatIf first.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $CsvPath = (Join-Path $PSScriptRoot 'weekly.csv'),
    [string] $OutputPath = (Join-Path ([IO.Path]::GetTempPath()) 'argilps-batch'),

    # Use the connection in effect (Connect-Argil or $env:ARGIL_API_KEY) instead of a sandbox.
    [switch] $Live
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module -Name ArgilPS)) {
    $built = Join-Path $PSScriptRoot '../out/ArgilPS/ArgilPS.psd1'
    if (Test-Path -Path $built) { Import-Module $built } else { Import-Module ArgilPS }
}

if (-not $Live) { Connect-Argil -Sandbox }
try {
    $rows = @(Import-Csv -Path $CsvPath)
    Write-Host "$($rows.Count) scripts from $CsvPath; saving to $OutputPath"

    # Empty VoiceId cells are dropped, so those videos use their avatar's own voice.
    $files = $rows |
        ForEach-Object { if ($_.VoiceId) { $_ } else { $_ | Select-Object -Property * -ExcludeProperty VoiceId } } |
        New-ArgilVideo -Render -ErrorAction Continue -ErrorVariable +problems |
        Wait-ArgilVideo -ErrorAction Continue -ErrorVariable +problems |
        Save-ArgilVideo -Path $OutputPath -ErrorAction Continue -ErrorVariable +problems

    $files | Format-Table Name, Length, LastWriteTime
    Write-Host "$(@($files).Count) of $($rows.Count) videos saved."
    foreach ($problem in $problems) {
        Write-Warning "$(($problem.FullyQualifiedErrorId -split ',')[0]): $($problem.Exception.Message)"
    }
}
finally {
    if (-not $Live) { Disconnect-Argil }
}
