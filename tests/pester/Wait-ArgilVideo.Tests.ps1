# Wait-ArgilVideo: waiting for renders on the sandbox's manual clock (only the module's waits move it).

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $ProgressPreference = 'SilentlyContinue'
    function Get-SandboxNow { (Set-ArgilSandbox -PassThru).Now }

    function Add-SandboxVideo {
        # A video made through the API (Invoke-ArgilRestMethod) and rendered unless -NotRendered;
        # -Outcome is the sandbox-outcome extra. Returns its id.
        param([string] $Name = 'Test video', [string] $Outcome, [switch] $NotRendered)
        $body = @{ name = $Name; moments = @(@{ avatarId = $PublicAvatarIds[0]; transcript = 'Hello there.' }) }
        if ($Outcome) { $body.extras = @{ 'sandbox-outcome' = $Outcome } }
        $video = Invoke-ArgilRestMethod -Method POST -Path /videos -Body $body -ErrorAction Stop
        if (-not $NotRendered) { $null = Invoke-ArgilRestMethod -Method POST -Path "/videos/$($video.id)/render" -ErrorAction Stop }
        $video.id
    }
}

AfterAll {
    Disconnect-Argil
}

Describe 'Wait-ArgilVideo' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Wait-ArgilVideo }

        It 'has one parameter set, in which only -Id is mandatory' {
            $command.ParameterSets | Should -HaveCount 1
            Get-MandatoryParameterName Wait-ArgilVideo $command.ParameterSets[0].Name | Should -Be 'Id'
        }

        It 'takes -Id as string[] at position 0, from the pipeline and by property name, also as -VideoId' {
            $command | Should -HaveParameter Id -Type ([string[]]) -Mandatory -Alias VideoId
            $id = $command.ParameterSets[0].Parameters | Where-Object Name -EQ 'Id'
            $id.Position | Should -Be 0
            $id.ValueFromPipeline | Should -BeTrue
            $id.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'takes -Timeout (default 3600) and -PollingInterval (default 10) as seconds, and changes nothing' {
            $command | Should -HaveParameter Timeout -Type ([int])
            $command | Should -HaveParameter PollingInterval -Type ([int])
            (Get-Help Wait-ArgilVideo -Parameter Timeout).defaultValue | Should -Be 3600
            (Get-Help Wait-ArgilVideo -Parameter PollingInterval).defaultValue | Should -Be 10
            $command.Parameters.ContainsKey('WhatIf') | Should -BeFalse
            $command.OutputType.Name | Should -Contain 'ArgilPS.Video'
        }
    }

    Context 'Waiting' {
        It 'outputs a rendered video once DONE, after 5 sandbox minutes' {
            $id = Add-SandboxVideo -Name 'Rendered'
            $started = Get-SandboxNow
            $video = Wait-ArgilVideo -Id $id -PollingInterval 60
            $video.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Video'
            $video.Status | Should -Be 'DONE'
            $video.VideoUrl | Should -Not -BeNullOrEmpty
            ((Get-SandboxNow) - $started).TotalMinutes | Should -Be 5
        }

        It 'takes piped <What>' -ForEach @(
            @{ What = 'ids'; Make = { param($id) $id } }
            @{ What = 'objects with an Id property'; Make = { param($id) [pscustomobject]@{ Id = $id } } }
            @{ What = 'objects with a VideoId property'; Make = { param($id) [pscustomobject]@{ VideoId = $id } } }
        ) {
            $id = Add-SandboxVideo -Name $What
            $video = & $Make $id | Wait-ArgilVideo -PollingInterval 60
            $video.Id | Should -Be $id
        }

        It 'waits for every piped video in one loop, each output once' {
            $ids = 1..3 | ForEach-Object { Add-SandboxVideo -Name "Batch $_" }
            Clear-ArgilSandboxRequest
            $done = $ids + $ids[0] | Wait-ArgilVideo -PollingInterval 300
            ($done.Name | Sort-Object) -join ',' | Should -Be 'Batch 1,Batch 2,Batch 3'
            # One round before the only wait, one after: each round is one GET /videos that shows all three.
            Get-ArgilSandboxRequest -Method GET | Should -HaveCount 2
            Get-ArgilSandboxRequest -Method GET | ForEach-Object Path | Sort-Object -Unique | Should -Be '/videos'
        }
    }

    Context 'How a render can end' {
        It 'writes <ErrorId> (<Category>) for a render that ends <Outcome>, with the video as target' -ForEach @(
            @{ Outcome = 'FAILED'; ErrorId = 'VideoGenerationFailed'; Category = 'InvalidResult' }
            @{ Outcome = 'CONTENT_MODERATED'; ErrorId = 'VideoContentModerated'; Category = 'PermissionDenied' }
        ) {
            $id = Add-SandboxVideo -Name $Outcome -Outcome $Outcome
            $video = Wait-ArgilVideo -Id $id -PollingInterval 60 -ErrorVariable failures -ErrorAction SilentlyContinue
            $video | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,ArgilPS.Commands.WaitArgilVideoCommand"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            $failures[0].TargetObject.Id | Should -Be $id
            $failures[0].TargetObject.Status | Should -Be $Outcome
            { Wait-ArgilVideo -Id $id -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
        }

        It 'writes VideoNotRendered, recommending Start-ArgilVideoRender, for a video still IDLE after 30 s' {
            $id = Add-SandboxVideo -Name 'Forgotten' -NotRendered
            $started = Get-SandboxNow
            $video = Wait-ArgilVideo -Id $id -ErrorVariable failures -ErrorAction SilentlyContinue
            $video | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -Be 'VideoNotRendered,ArgilPS.Commands.WaitArgilVideoCommand'
            $failures[0].TargetObject.Id | Should -Be $id
            $failures[0].ErrorDetails.RecommendedAction | Should -BeLike '*Start-ArgilVideoRender*'
            ((Get-SandboxNow) - $started).TotalSeconds | Should -Be 30
        }

        It 'writes VideoWaitTimeout (OperationTimeout) per video still rendering at the deadline, keeping it exactly' {
            $stuck = Add-SandboxVideo -Name 'Stuck' -Outcome GENERATING_VIDEO
            $started = Get-SandboxNow
            $video = Wait-ArgilVideo -Id $stuck -Timeout 600 -PollingInterval 250 -ErrorVariable failures -ErrorAction SilentlyContinue
            $video | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'VideoWaitTimeout,ArgilPS.Commands.WaitArgilVideoCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $failures[0].TargetObject.Id | Should -Be $stuck
            $failures[0].ErrorDetails.RecommendedAction | Should -BeLike '*Wait-ArgilVideo -Timeout 1200*'
            ((Get-SandboxNow) - $started).TotalSeconds | Should -Be 600
        }

        It 'writes VideoNotFound with the id as target for an unknown video' {
            $null = Wait-ArgilVideo -Id 'no-such-video' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be 'VideoNotFound,ArgilPS.Commands.WaitArgilVideoCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'no-such-video'
        }
    }

    Context 'Validation before any request' {
        It 'refuses <Case>' -ForEach @(
            @{ Case = 'an empty -Id'; Arguments = @{ Id = '' } }
            @{ Case = '-Timeout below -1'; Arguments = @{ Id = 'x'; Timeout = -2 } }
            @{ Case = '-PollingInterval 0'; Arguments = @{ Id = 'x'; PollingInterval = 0 } }
            @{ Case = '-PollingInterval over 3600'; Arguments = @{ Id = 'x'; PollingInterval = 3601 } }
        ) {
            { Wait-ArgilVideo @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
            Get-ArgilSandboxRequest | Should -HaveCount 0
        }
    }

    Context 'Help' {
        It 'has a synopsis, examples and every parameter documented' {
            $help = Get-Help Wait-ArgilVideo -Full
            $help.Synopsis | Should -BeLike 'Waits until Argil videos have finished rendering*'
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 3
            foreach ($name in 'Id', 'Timeout', 'PollingInterval') {
                ($help.Parameters.Parameter | Where-Object Name -EQ $name).Description | Should -Not -BeNullOrEmpty
            }
        }
    }
}
