# Remove-ArgilVideo: DELETE /videos/{id}, ConfirmImpact High, -Force, the pipeline and the errors.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $avatar = $PublicAvatarIds[0]
    $command = 'ArgilPS.Commands.RemoveArgilVideoCommand'
    function New-TestVideo {
        [CmdletBinding(SupportsShouldProcess)]
        param([string] $Name = 'To remove')
        if ($PSCmdlet.ShouldProcess($Name, 'Create a sandbox video')) {
            New-ArgilVideo -Name $Name -AvatarId $avatar -Transcript 'Hi.' -ErrorAction Stop
        }
    }
}

AfterAll {
    Disconnect-Argil
}

Describe 'Remove-ArgilVideo' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $info = Get-Command Remove-ArgilVideo }

        It 'takes -Id as string[] at position 0, by value and by property name, also as -VideoId' {
            $info | Should -HaveParameter Id -Type ([string[]]) -Mandatory -Alias VideoId
            $id = Get-SetParameter Remove-ArgilVideo __AllParameterSets Id
            $id.Position | Should -Be 0
            $id.ValueFromPipeline | Should -BeTrue
            $id.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'has -Force, -WhatIf and -Confirm, and ConfirmImpact High' {
            $info | Should -HaveParameter Force -Type ([switch])
            $info.Parameters.ContainsKey('WhatIf') | Should -BeTrue
            $info.Parameters.ContainsKey('Confirm') | Should -BeTrue
            $info.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact | Should -Be 'High'
        }

        It 'completes -Id with video ids' {
            $video = New-TestVideo 'Completed'
            $result = TabExpansion2 -inputScript 'Remove-ArgilVideo -Id ' -cursorColumn 22
            $result.CompletionMatches.CompletionText | Should -Contain "'$($video.Id)'"
        }
    }

    Context 'Removing' {
        It 'deletes with -Force, outputs nothing, and the video is gone' {
            $video = New-TestVideo
            Clear-ArgilSandboxRequest
            Remove-ArgilVideo -Id $video.Id -Force | Should -BeNullOrEmpty
            $delete = @(Get-ArgilSandboxRequest -Method DELETE)
            $delete | Should -HaveCount 1
            $delete[0].Path | Should -Be "/videos/$($video.Id)"
            $delete[0].StatusCode | Should -Be 200
            { Get-ArgilVideo -Id $video.Id -ErrorAction Stop } | Should -Throw -ErrorId 'VideoNotFound,ArgilPS.Commands.GetArgilVideoCommand'
        }

        It 'says the API''s message with -Verbose' {
            $video = New-TestVideo
            $lines = Remove-ArgilVideo -Id $video.Id -Force -Verbose 4>&1 | ForEach-Object Message
            ($lines -join "`n") | Should -Match ([regex]::Escape("Deleted the video '$($video.Id)'"))
        }

        It 'deletes every piped video: strings, videos and objects with VideoId' {
            $a = New-TestVideo 'A'
            $b = New-TestVideo 'B'
            $c = New-TestVideo 'C'
            Clear-ArgilSandboxRequest
            $a.Id | Remove-ArgilVideo -Force
            $b | Remove-ArgilVideo -Force
            [pscustomobject]@{ VideoId = $c.Id } | Remove-ArgilVideo -Force
            (Get-ArgilSandboxRequest -Method DELETE).Path -join ',' | Should -Be "/videos/$($a.Id),/videos/$($b.Id),/videos/$($c.Id)"
        }

        It 'sends nothing with -WhatIf, even with -Force' {
            $video = New-TestVideo
            Clear-ArgilSandboxRequest
            Remove-ArgilVideo -Id $video.Id -WhatIf
            Remove-ArgilVideo -Id $video.Id -WhatIf -Force
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'deletes without -Force when confirmation is turned off with -Confirm:$false' {
            $video = New-TestVideo
            Clear-ArgilSandboxRequest
            Remove-ArgilVideo -Id $video.Id -Confirm:$false
            Get-ArgilSandboxRequest -Method DELETE | Should -HaveCount 1
        }
    }

    Context 'Errors' {
        It 'writes VideoNotFound with the id as target, and goes on with the next id' {
            $video = New-TestVideo
            Remove-ArgilVideo -Id 'no-such-video', $video.Id -Force -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "VideoNotFound,$command"
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'no-such-video'
            (Get-ArgilSandboxRequest -Method DELETE).StatusCode -join ',' | Should -Be '404,200'
        }

        It 'refuses an empty id when binding, and ''.'' before any request' {
            { Remove-ArgilVideo -Id '' -Force } | Should -Throw -ErrorId "ParameterArgumentValidationError,$command"
            Remove-ArgilVideo -Id '.' -Force -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be "InvalidRequest,$command"
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'Help' {
        It 'has an example with -Force' {
            ((Get-Help Remove-ArgilVideo -Full).examples.example.code -join "`n") | Should -Match 'Remove-ArgilVideo.*-Force'
        }
    }
}
