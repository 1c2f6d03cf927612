# Get-ArgilSandboxDelivery: the sandbox's journal of webhook deliveries, end to end with a local receiver.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    # A receiver in a background runspace: it answers each POST 200 and keeps the bodies.
    $port = & {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $probe.LocalEndpoint.Port; $probe.Stop()
    }
    $receiverUrl = "http://127.0.0.1:$port/hook/"
    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add($receiverUrl)
    $listener.Start()
    $bodies = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
    $receiver = [powershell]::Create().AddScript({
        param($listener, $bodies)
        while ($listener.IsListening) {
            try { $context = $listener.GetContext() } catch { break }
            $bodies.Enqueue([System.IO.StreamReader]::new($context.Request.InputStream).ReadToEnd())
            $context.Response.StatusCode = 200
            $context.Response.Close()
        }
    }).AddArgument($listener).AddArgument($bodies)
    $null = $receiver.BeginInvoke()
}

AfterAll {
    Disconnect-Argil
    $listener.Stop()
    $listener.Close()
    $receiver.Dispose()
}

Describe 'Get-ArgilSandboxDelivery' {
    It 'has -Event (the four events) and -Wait' {
        $command = Get-Command Get-ArgilSandboxDelivery
        $command | Should -HaveParameter Event -Type ([string[]])
        $command | Should -HaveParameter Wait -Type ([switch])
    }

    It 'shows the delivery of an avatar''s training to a local receiver, which ConvertFrom-ArgilWebhookEvent reads' {
        $hook = New-ArgilWebhook -CallbackUrl $receiverUrl -Event AVATAR_TRAINING_SUCCESS
        $avatar = Add-SandboxAvatar -Name 'Delivered avatar'
        Get-ArgilSandboxDelivery -Wait | Should -BeNullOrEmpty
        Set-ArgilSandbox -AdvanceSeconds 30
        $delivery = Get-ArgilSandboxDelivery -Wait -Event AVATAR_TRAINING_SUCCESS
        $delivery | Should -HaveCount 1
        $delivery.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Sandbox.SandboxDelivery'
        $delivery.Outcome | Should -Be 'Delivered'
        $delivery.StatusCode | Should -Be 200
        $delivery.WebhookId | Should -Be $hook.Id
        $bodies.Count | Should -Be 1
        $received = ConvertFrom-ArgilWebhookEvent -Body ($bodies.ToArray()[0])
        $received.AvatarId | Should -Be $avatar.Id
        (Get-ArgilWebhook -Id $hook.Id).LastTriggeredAt | Should -Not -BeNullOrEmpty
        Get-ArgilSandboxDelivery -Event VIDEO_GENERATION_SUCCESS | Should -BeNullOrEmpty
    }

    It 'stops with NotSandbox when connected to the real API' {
        Connect-Argil -ApiKey (ConvertTo-TestSecureString 'a-key-for-a-remote-api') -BaseUri 'https://api.example.com/v1' -Scope Runspace
        try {
            { Get-ArgilSandboxDelivery } | Should -Throw -ErrorId 'NotSandbox,*'
        } finally {
            Disconnect-Argil
        }
    }
}
