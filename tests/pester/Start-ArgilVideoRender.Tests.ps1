# Start-ArgilVideoRender: POST /videos/{id}/render, ShouldProcess (it spends credits), the callback,
# the pipeline, and a POST never sent twice.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $avatar = $PublicAvatarIds[0]
    $command = 'ArgilPS.Commands.StartArgilVideoRenderCommand'
    function New-TestVideo {
        [CmdletBinding(SupportsShouldProcess)]
        param([string] $Name = 'To render')
        if ($PSCmdlet.ShouldProcess($Name, 'Create a sandbox video')) {
            New-ArgilVideo -Name $Name -AvatarId $avatar -Transcript 'Hi.' -ErrorAction Stop
        }
    }
}

AfterAll {
    Disconnect-Argil
}

Describe 'Start-ArgilVideoRender' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $info = Get-Command Start-ArgilVideoRender }

        It 'takes -Id as string[] at position 0, by value and by property name, also as -VideoId' {
            $info | Should -HaveParameter Id -Type ([string[]]) -Mandatory -Alias VideoId
            $id = Get-SetParameter Start-ArgilVideoRender __AllParameterSets Id
            $id.Position | Should -Be 0
            $id.ValueFromPipeline | Should -BeTrue
            $id.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'has -CallbackUrl, -WhatIf and -Confirm' {
            $info | Should -HaveParameter CallbackUrl -Type ([uri])
            $info.Parameters.ContainsKey('WhatIf') | Should -BeTrue
            $info.Parameters.ContainsKey('Confirm') | Should -BeTrue
        }

        It 'completes -Id with video ids' {
            $video = New-TestVideo 'Completed'
            $result = TabExpansion2 -inputScript 'Start-ArgilVideoRender -Id ' -cursorColumn 27
            $result.CompletionMatches.CompletionText | Should -Contain "'$($video.Id)'"
        }
    }

    Context 'Rendering' {
        It 'renders and outputs the video with its new status' {
            $video = New-TestVideo
            Clear-ArgilSandboxRequest
            $rendered = Start-ArgilVideoRender -Id $video.Id
            $rendered.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Video'
            $rendered.Id | Should -Be $video.Id
            $rendered.Status | Should -BeIn 'GENERATING_AUDIO', 'GENERATING_VIDEO'
            $post = @(Get-ArgilSandboxRequest -Method POST)
            $post | Should -HaveCount 1
            $post[0].Path | Should -Be "/videos/$($video.Id)/render"
            $post[0].Body | Should -Be '{}'
        }

        It 'sends -CallbackUrl as {callbackUrl}' {
            $video = New-TestVideo
            $null = Start-ArgilVideoRender -Id $video.Id -CallbackUrl 'https://hooks.example.com/argil?run=1'
            (Get-ArgilSandboxRequest -Method POST)[-1].Body | Should -Be '{"callbackUrl":"https://hooks.example.com/argil?run=1"}'
        }

        It 'takes a loopback http:// -CallbackUrl while connected to the sandbox' {
            $video = New-TestVideo
            $null = Start-ArgilVideoRender -Id $video.Id -CallbackUrl 'http://127.0.0.1:8080/argil/'
            (Get-ArgilSandboxRequest -Method POST)[-1].Body | Should -Be '{"callbackUrl":"http://127.0.0.1:8080/argil/"}'
        }

        It 'renders every piped video: videos from New-ArgilVideo, ids, and objects with VideoId' {
            $a = New-TestVideo 'A'
            $b = New-TestVideo 'B'
            $c = New-TestVideo 'C'
            Clear-ArgilSandboxRequest
            $out = @($a | Start-ArgilVideoRender) + @($b.Id | Start-ArgilVideoRender) + @([pscustomobject]@{ VideoId = $c.Id } | Start-ArgilVideoRender)
            ($out.Id -join ',') | Should -Be "$($a.Id),$($b.Id),$($c.Id)"
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 3
        }

        It 'sends nothing with -WhatIf' {
            $video = New-TestVideo
            Clear-ArgilSandboxRequest
            Start-ArgilVideoRender -Id $video.Id -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'shows the operation (as -WhatIf does) with the credits it spends' {
            $video = New-TestVideo
            $lines = Start-ArgilVideoRender -Id $video.Id -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
            $lines | Should -Contain "Performing the operation `"Render (rendering uses Argil credits)`" on target `"Argil video '$($video.Id)'`"."
        }
    }

    Context 'Errors' {
        It 'refuses an http:// callback when binding, before any request' {
            $thrown = { Start-ArgilVideoRender -Id 'x' -CallbackUrl 'http://hooks.example.com/' } | Should -Throw -ErrorId "ParameterArgumentValidationError,$command" -PassThru
            $thrown.Exception.ParameterName | Should -Be 'CallbackUrl'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses a loopback http:// -CallbackUrl when connected to the real API, with InvalidCallbackUrl' {
            Connect-Argil -ApiKey (ConvertTo-TestSecureString 'a-key-for-a-remote-api') -BaseUri 'https://api.example.com/v1' -Scope Runspace
            try {
                $null = Start-ArgilVideoRender -Id 'x' -CallbackUrl 'http://127.0.0.1:8080/' -ErrorVariable failures -ErrorAction SilentlyContinue
            } finally {
                Disconnect-Argil
            }
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "InvalidCallbackUrl,$command"
            $failures[0].Exception.ParamName | Should -Be 'CallbackUrl'
            $failures[0].ToString() | Should -BeLike '*-CallbackUrl*only for a loopback receiver while connected to the sandbox*'
        }

        It 'writes VideoNotFound with the id as target' {
            $null = Start-ArgilVideoRender -Id 'no-such-video' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "VideoNotFound,$command"
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'no-such-video'
        }

        It 'never sends the render again after a <Kind>, and says it may have started and how to check' -ForEach @(
            @{ Kind = 'Status'; Extra = @{ StatusCode = 500 }; ErrorId = 'ServerError'; Category = 'InvalidOperation' }
            @{ Kind = 'Drop'; Extra = @{}; ErrorId = 'ConnectionFailed'; Category = 'ConnectionError' }
        ) {
            $video = New-TestVideo
            Clear-ArgilSandboxRequest
            Add-ArgilSandboxFault -Kind $Kind -Method POST -Path '/videos/*/render' -Count 5 @Extra
            $null = Start-ArgilVideoRender -Id $video.Id -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,$command"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            $failures[0].TargetObject | Should -Be $video.Id
            $failures[0].Exception.MayHaveSucceeded | Should -BeTrue
            $failures[0].Exception.Message | Should -Match 'may have started'
            $failures[0].Exception.Message | Should -Match ([regex]::Escape("Get-ArgilVideo -Id '$($video.Id)'"))
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 1
        }
    }

    Context 'Help' {
        It 'has an example that pipes New-ArgilVideo into it' {
            ((Get-Help Start-ArgilVideoRender -Full).examples.example.code -join "`n") | Should -Match 'Start-ArgilVideoRender'
        }
    }
}
