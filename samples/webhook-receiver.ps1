<#
.SYNOPSIS
    ArgilPS webhook receiver, end to end and offline: a receiver on a local port, a webhook registered
    for the video events, a video rendered in the sandbox, its VIDEO_GENERATION_SUCCESS event received
    and read, and the finished MP4 saved from the event.
.NOTES
    Runs under any pwsh with ArgilPS installed, or from this repository with nothing but the .NET SDK:
    dotnet run --project tools/pwsh -- -File samples/webhook-receiver.ps1
    The receiver is System.Net.HttpListener on 127.0.0.1. The sandbox calls http:// loopback receivers;
    the real Argil API calls only https:// addresses it can reach, so a receiver in production sits
    behind an https endpoint (a reverse proxy, a tunnel, a serverless function).
#>
[CmdletBinding()]
param(
    # Where the MP4 is saved; created if missing.
    [string] $OutputPath = (Join-Path ([IO.Path]::GetTempPath()) 'argilps-webhook-receiver'),

    # How long (real seconds) to wait for the event before giving up.
    [ValidateRange(1, 600)]
    [int] $TimeoutSeconds = 60
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module -Name ArgilPS)) {
    $built = Join-Path $PSScriptRoot '../out/ArgilPS/ArgilPS.psd1'
    if (Test-Path -Path $built) { Import-Module $built } else { Import-Module ArgilPS }
}

# Waits for the receiver's next request, at most until $deadline, in short waits so that Ctrl+C works.
function Receive-NextRequest {
    param([System.Net.HttpListener] $Listener, [datetime] $Deadline)
    $next = $Listener.GetContextAsync()
    while (-not $next.Wait(250)) {
        if ([datetime]::UtcNow -gt $Deadline) { throw "No webhook event arrived within $TimeoutSeconds seconds." }
    }
    $next.GetAwaiter().GetResult()
}

# The receiver: an HttpListener on a free loopback port. It accepts connections in the background
# from now on; the script reads its requests when it is ready for them.
$probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
$probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
$receiverUrl = "http://127.0.0.1:$port/argil/"
$listener = [System.Net.HttpListener]::new()
$listener.Prefixes.Add($receiverUrl)
$listener.Start()
$webhook = $null
try {
    # The sandbox is an emulator of the Argil API inside this process: no key, no network, no credits.
    # Its default Accelerated clock moves forward whenever the module waits (Wait-ArgilVideo), so the
    # five-minute render ends at once.
    Connect-Argil -Sandbox
    $webhook = New-ArgilWebhook -CallbackUrl $receiverUrl -Event VIDEO_GENERATION_SUCCESS, VIDEO_GENERATION_FAILED
    Write-Host "Receiver listening on $receiverUrl; webhook $($webhook.Id) registered for $($webhook.Events -join ', ')."

    $avatar = New-ArgilAvatar -Name 'Webhook presenter' -ImageUrl 'https://example.com/portraits/presenter-1920x1080.png' |
        Wait-ArgilAvatar -PollingInterval 5
    $script = 'Hello from the webhook sample. This video was announced to a local receiver when it was ready.'
    $video = New-ArgilVideo -Name 'Webhook sample' -AvatarId $avatar.Id -Script $script -Render
    Write-Host "Rendering '$($video.Name)' ($($video.Id)): $($video.Status)."

    # Time passes in the sandbox while the module waits; the render ends and the sandbox posts the event.
    $null = $video | Wait-ArgilVideo -PollingInterval 10

    # Read requests until the event for this video arrives; answer each at once, then do the work.
    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
    $received = $null
    while (-not $received) {
        $context = Receive-NextRequest -Listener $listener -Deadline $deadline
        # The body stream is read as UTF-8, never past the size of an event (1 MB) nor for more than 10 s.
        $argilEvent = ConvertFrom-ArgilWebhookEvent -Body $context.Request.InputStream -ErrorAction SilentlyContinue -ErrorVariable bad
        $context.Response.StatusCode = if ($bad) { 400 } else { 200 }
        $context.Response.Close()
        if ($bad) { Write-Warning "Ignored a request that is not an Argil event: $($bad[0])"; continue }
        if ($argilEvent.VideoId -eq $video.Id) { $received = $argilEvent }
    }
    Write-Host "Received $($received.Event) for '$($received.VideoName)' ($($received.VideoId))."

    if ($received.Event -ne 'VIDEO_GENERATION_SUCCESS') { throw "The render of '$($received.VideoName)' failed." }
    $file = $received | Save-ArgilVideo -Path $OutputPath -Force
    Write-Host "Saved $($file.FullName) ($($file.Length) bytes)."

    # The sandbox's journal of what it posted (in production, Get-ArgilWebhook shows LastTriggeredAt).
    foreach ($delivery in Get-ArgilSandboxDelivery -Wait) {
        Write-Host "Sandbox delivery: $($delivery.Event) to $($delivery.Url), attempt $($delivery.Attempt): HTTP $($delivery.StatusCode), $($delivery.Outcome)."
    }
}
finally {
    if ($webhook) { Remove-ArgilWebhook -Id $webhook.Id -Force }
    $listener.Stop()
    $listener.Close()
    Disconnect-Argil
    if ($webhook) { Write-Host "Removed webhook $($webhook.Id); receiver stopped." }
}
