<#
.SYNOPSIS
    ArgilPS quickstart: the whole job against the offline sandbox. Connect, create an avatar and wait
    for its training, make a video from a multi-sentence script and render it, wait for the render,
    save the MP4 into a folder, and export its subtitles.
.NOTES
    Runs under any pwsh with ArgilPS installed, or from this repository with nothing but the .NET SDK:
    dotnet run --project tools/pwsh -- -File samples/quickstart.ps1
    Against the real API, replace Connect-Argil -Sandbox with Connect-Argil -ApiKey (Read-Host -AsSecureString).
    There, the avatar costs 2 credits and the render about 140 credits per minute of video.
#>
[CmdletBinding()]
param(
    [string] $Name = 'Quickstart avatar',
    [string] $ImageUrl = 'https://example.com/portraits/presenter-1920x1080.png',

    # Where the MP4 (and its subtitles) are saved; created if missing.
    [string] $OutputPath = (Join-Path ([IO.Path]::GetTempPath()) 'argilps-quickstart')
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

    # A script of any length: ArgilPS splits it into moments of whole sentences.
    $script = @'
Welcome to the quarterly update. Revenue grew by 12% this quarter, ahead of plan.
Dr. Smith's team shipped three releases, and support answered 98% of tickets within a day!
Next quarter we focus on two things: faster onboarding, and a new partner programme. Thank you for watching.
'@
    $video = New-ArgilVideo -Name "$Name update" -AvatarId $ready.Id -Script $script -Subtitles -Render
    Write-Host "Rendering '$($video.Name)' ($($video.Id)): $($video.Moments.Count) moments, $($video.Status). Waiting for the render..."

    $done = $video | Wait-ArgilVideo -PollingInterval 10
    $file = $done | Save-ArgilVideo -Path $OutputPath -Force
    Write-Host "Saved $($file.FullName) ($($file.Length) bytes)."

    # Export-ArgilSubtitle comes with the subtitles cmdlets; skipped where this build lacks them.
    if (Get-Command -Name Export-ArgilSubtitle -ErrorAction Ignore) {
        $subtitles = $done | Export-ArgilSubtitle -Format vtt -Path $OutputPath -Force
        Write-Host "Subtitles: $($subtitles.FullName)"
    }
}
finally {
    Disconnect-Argil
}
