# The sandbox cmdlets: Set-ArgilSandbox, Add-ArgilSandboxFault, Clear-ArgilSandboxFault,
# Get-ArgilSandboxRequest and Clear-ArgilSandboxRequest.

BeforeDiscovery {
    $sandboxCommands = @(
        @{ Command = 'Set-ArgilSandbox'; Arguments = @{ AdvanceSeconds = 1 } }
        @{ Command = 'Add-ArgilSandboxFault'; Arguments = @{ Kind = 'Status' } }
        @{ Command = 'Clear-ArgilSandboxFault'; Arguments = @{} }
        @{ Command = 'Get-ArgilSandboxRequest'; Arguments = @{} }
        @{ Command = 'Clear-ArgilSandboxRequest'; Arguments = @{} }
    )
}

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $imageUrl = 'https://example.com/portrait-1080x1920.png'
}

AfterAll {
    Disconnect-Argil
}

Describe 'Sandbox cmdlets' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        It '<Command> has one parameter set and does not support -WhatIf' -ForEach $sandboxCommands {
            $info = Get-Command $Command
            $info.ParameterSets | Should -HaveCount 1
            $info.Parameters.ContainsKey('WhatIf') | Should -BeFalse
        }

        It 'Add-ArgilSandboxFault needs only -Kind (a SandboxFaultKind, at position 0)' {
            $command = Get-Command Add-ArgilSandboxFault
            Get-MandatoryParameterName Add-ArgilSandboxFault $command.ParameterSets[0].Name | Should -Be 'Kind'
            $command | Should -HaveParameter Kind -Type ([ArgilPS.Sandbox.SandboxFaultKind]) -Mandatory
            ($command.ParameterSets[0].Parameters | Where-Object Name -EQ 'Kind').Position | Should -Be 0
            foreach ($name in 'Method', 'Path', 'StatusCode', 'RetryAfter', 'Body', 'ContentType', 'DelaySec', 'Count', 'PassThru') {
                $command | Should -HaveParameter $name
            }
        }

        It 'Add-ArgilSandboxFault knows the kinds Status, Delay, Drop, MalformedJson, Body and Truncate' {
            ([enum]::GetNames([ArgilPS.Sandbox.SandboxFaultKind]) | Sort-Object) -join ',' | Should -Be 'Body,Delay,Drop,MalformedJson,Status,Truncate'
        }

        It 'Set-ArgilSandbox has no mandatory parameter' {
            $command = Get-Command Set-ArgilSandbox
            Get-MandatoryParameterName Set-ArgilSandbox $command.ParameterSets[0].Name | Should -Be ''
            $command | Should -HaveParameter TimeMode -Type ([ArgilPS.Sandbox.SandboxTimeMode])
            foreach ($name in 'TrainingSeconds', 'NotTrainedSeconds', 'GeneratingAudioSeconds', 'GeneratingVideoSeconds', 'AdvanceSeconds') { $command | Should -HaveParameter $name -Type ([double]) }
            $command | Should -HaveParameter MaximumTranscriptCharacters -Type ([int])
            $command | Should -HaveParameter VideoFileBytes -Type ([long])
            $command | Should -HaveParameter LegacyTimestampSpelling -Type ([switch])
            $command | Should -HaveParameter PassThru -Type ([switch])
        }

        It 'Get-ArgilSandboxRequest filters by -Method and -Path, neither mandatory' {
            $command = Get-Command Get-ArgilSandboxRequest
            Get-MandatoryParameterName Get-ArgilSandboxRequest $command.ParameterSets[0].Name | Should -Be ''
            $command | Should -HaveParameter Method -Type ([string])
            $command | Should -HaveParameter Path -Type ([string])
        }

        It 'Clear-ArgilSandboxFault and Clear-ArgilSandboxRequest have no parameters of their own' {
            foreach ($name in 'Clear-ArgilSandboxFault', 'Clear-ArgilSandboxRequest') {
                (Get-Command $name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters } | Should -BeNullOrEmpty
            }
        }
    }

    Context 'Set-ArgilSandbox' {
        It 'outputs the state as an ArgilPS.Sandbox.SandboxState with -PassThru, and nothing without' {
            Set-ArgilSandbox | Should -BeNullOrEmpty
            $state = Set-ArgilSandbox -PassThru
            $state.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Sandbox.SandboxState'
            $state.TimeMode | Should -Be 'Manual'
            $state.TrainingSeconds | Should -Be 30
            $state.BaseUri | Should -Be (Get-ArgilContext).BaseUri
        }

        It 'moves the manual clock with -AdvanceSeconds, and only then' {
            $before = (Set-ArgilSandbox -PassThru).Now
            (Set-ArgilSandbox -PassThru).Now | Should -Be $before
            ((Set-ArgilSandbox -AdvanceSeconds 90 -PassThru).Now - $before).TotalSeconds | Should -Be 90
        }

        It 'finishes training once -AdvanceSeconds passes -TrainingSeconds' {
            Set-ArgilSandbox -TrainingSeconds 5
            try {
                $avatar = New-ArgilAvatar -Name 'Quick' -ImageUrl $imageUrl
                (Get-ArgilAvatar -Id $avatar.Id).Status | Should -Be 'TRAINING'
                Set-ArgilSandbox -AdvanceSeconds 5
                (Get-ArgilAvatar -Id $avatar.Id).Status | Should -Be 'IDLE'
            } finally {
                Set-ArgilSandbox -TrainingSeconds 30
            }
        }

        It 'spells the creation time createAt with -LegacyTimestampSpelling' {
            Set-ArgilSandbox -LegacyTimestampSpelling
            try {
                $raw = Invoke-ArgilRestMethod "/avatars/$($PublicAvatarIds[0])"
                $raw.PSObject.Properties.Name | Should -Contain 'createAt'
                (Get-ArgilAvatar -Id $PublicAvatarIds[0]).CreatedAt | Should -Not -BeNullOrEmpty
            } finally {
                Set-ArgilSandbox -LegacyTimestampSpelling:$false
            }
            (Set-ArgilSandbox -PassThru).LegacyTimestampSpelling | Should -BeFalse
        }

        It 'switches the time mode with -TimeMode' {
            (Set-ArgilSandbox -TimeMode Accelerated -PassThru).TimeMode | Should -Be 'Accelerated'
            (Set-ArgilSandbox -TimeMode Manual -PassThru).TimeMode | Should -Be 'Manual'
        }

        It 'starts with the documented render times, transcript limit and the small MP4 on another port' {
            $state = Set-ArgilSandbox -PassThru
            $state.GeneratingAudioSeconds | Should -Be 60
            $state.GeneratingVideoSeconds | Should -Be 240
            $state.MaximumTranscriptCharacters | Should -Be 250
            $state.VideoFileBytes | Should -Be 3279
            $state.FilesUri.Host | Should -Be $state.BaseUri.Host
            $state.FilesUri.Port | Should -Not -Be $state.BaseUri.Port
        }

        It 'renders a video on the sandbox clock with -GeneratingAudioSeconds and -GeneratingVideoSeconds' {
            Set-ArgilSandbox -GeneratingAudioSeconds 10 -GeneratingVideoSeconds 20
            try {
                $video = Invoke-ArgilRestMethod -Method POST -Path /videos -Body @{ name = 'Step'; moments = @(@{ avatarId = $PublicAvatarIds[0]; transcript = 'Hello there.' }) }
                $video.status | Should -Be 'IDLE'
                (Invoke-ArgilRestMethod -Method POST -Path "/videos/$($video.id)/render").status | Should -Be 'GENERATING_AUDIO'
                Set-ArgilSandbox -AdvanceSeconds 10
                (Invoke-ArgilRestMethod "/videos/$($video.id)").status | Should -Be 'GENERATING_VIDEO'
                Set-ArgilSandbox -AdvanceSeconds 20
                $done = Invoke-ArgilRestMethod "/videos/$($video.id)"
                $done.status | Should -Be 'DONE'
                $done.videoUrl | Should -BeLike "$((Set-ArgilSandbox -PassThru).FilesUri)videos/*.mp4"
            } finally {
                Set-ArgilSandbox -GeneratingAudioSeconds 60 -GeneratingVideoSeconds 240
            }
        }

        It 'serves a video of -VideoFileBytes from the file host, which takes no key and journals none' {
            Set-ArgilSandbox -GeneratingAudioSeconds 0 -GeneratingVideoSeconds 0 -VideoFileBytes 100000
            try {
                $video = Invoke-ArgilRestMethod -Method POST -Path /videos -Body @{ name = 'Big'; moments = @(@{ avatarId = $PublicAvatarIds[0]; transcript = 'Hi.' }) }
                $done = Invoke-ArgilRestMethod -Method POST -Path "/videos/$($video.id)/render"
                $done.status | Should -Be 'DONE'
                $file = Join-Path $TestDrive 'big.mp4'
                Invoke-WebRequest -Uri $done.videoUrl -OutFile $file -UseBasicParsing
                (Get-Item $file).Length | Should -Be 100000
                $download = Get-ArgilSandboxRequest -Path '/files/*' | Select-Object -Last 1
                $download.Origin | Should -Be 'files'
                $download.ApiKeyHeaderPresent | Should -BeFalse
                $download.ApiKeySent | Should -BeFalse
            } finally {
                Set-ArgilSandbox -GeneratingAudioSeconds 60 -GeneratingVideoSeconds 240 -VideoFileBytes 0
            }
        }

        It 'refuses a transcript longer than -MaximumTranscriptCharacters' {
            $body = @{ name = 'Long'; moments = @(@{ avatarId = $PublicAvatarIds[0]; transcript = 'a' * 300 }) }
            $null = Invoke-ArgilRestMethod -Method POST -Path /videos -Body $body -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].Exception.StatusCode | Should -Be 400
            $failures[0].Exception.ApiMessage | Should -BeLike '*transcript must have 1 to 250 characters (it has 300)'
            Set-ArgilSandbox -MaximumTranscriptCharacters 500
            try {
                (Invoke-ArgilRestMethod -Method POST -Path /videos -Body $body).status | Should -Be 'IDLE'
            } finally {
                Set-ArgilSandbox -MaximumTranscriptCharacters 250
            }
        }

        It 'refuses <Case> with ParameterArgumentValidationError naming -<Parameter>' -ForEach @(
            @{ Case = 'negative audio seconds'; Parameter = 'GeneratingAudioSeconds'; Arguments = @{ GeneratingAudioSeconds = -1 } }
            @{ Case = 'more than a day of video generation'; Parameter = 'GeneratingVideoSeconds'; Arguments = @{ GeneratingVideoSeconds = 86401 } }
            @{ Case = 'a transcript limit of 0'; Parameter = 'MaximumTranscriptCharacters'; Arguments = @{ MaximumTranscriptCharacters = 0 } }
            @{ Case = 'a negative file size'; Parameter = 'VideoFileBytes'; Arguments = @{ VideoFileBytes = -1 } }
            @{ Case = 'negative training seconds'; Parameter = 'TrainingSeconds'; Arguments = @{ TrainingSeconds = -1 } }
            @{ Case = 'a negative advance'; Parameter = 'AdvanceSeconds'; Arguments = @{ AdvanceSeconds = -5 } }
        ) {
            $thrown = { Set-ArgilSandbox @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.SetArgilSandboxCommand' -PassThru
            $thrown.Exception.ParameterName | Should -Be $Parameter
        }
    }

    Context 'Add-ArgilSandboxFault and Clear-ArgilSandboxFault' {
        It 'answers the next matching request with the fault; -PassThru outputs it and Hits counts' {
            $fault = Add-ArgilSandboxFault -Kind Status -StatusCode 404 -Method GET -Path '/avatars/*' -PassThru
            $fault.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Sandbox.SandboxFault'
            $null = Get-ArgilAvatar -Id $PublicAvatarIds[0] -ErrorVariable failures -ErrorAction SilentlyContinue
            Get-ErrorIdPrefix $failures[0] | Should -Be 'AvatarNotFound'
            $fault.Hits | Should -Be 1
            Get-ArgilAvatar -Id $PublicAvatarIds[0] | Should -Not -BeNullOrEmpty
            (Get-ArgilSandboxRequest).Fault[0] | Should -Not -BeNullOrEmpty
        }

        It 'matches only its method and path' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 500 -Method POST -Path /avatars
            Get-ArgilAvatar | Should -Not -BeNullOrEmpty
            (Set-ArgilSandbox -PassThru).PendingFaults | Should -Be 1
        }

        It 'Clear-ArgilSandboxFault removes faults not used up' {
            Add-ArgilSandboxFault -Kind Drop -Count 100
            (Set-ArgilSandbox -PassThru).PendingFaults | Should -Be 1
            Clear-ArgilSandboxFault | Should -BeNullOrEmpty
            (Set-ArgilSandbox -PassThru).PendingFaults | Should -Be 0
            Get-ArgilAvatar | Should -Not -BeNullOrEmpty
        }

        It 'answers with any status and body with -Kind Body' {
            Add-ArgilSandboxFault -Kind Body -StatusCode 418 -Body '{"message":"teapot"}' -Method GET -Path /avatars
            $null = Invoke-ArgilRestMethod /avatars -ErrorVariable failures -ErrorAction SilentlyContinue
            Get-ErrorIdPrefix $failures[0] | Should -Be 'HttpError'
            $failures[0].Exception.StatusCode | Should -Be 418
            $failures[0].Exception.ApiMessage | Should -Be 'teapot'
        }

        It 'refuses <Case> with ParameterArgumentValidationError naming -<Parameter>' -ForEach @(
            @{ Case = 'a status code of 600'; Parameter = 'StatusCode'; Arguments = @{ Kind = 'Status'; StatusCode = 600 } }
            @{ Case = 'a count of 0'; Parameter = 'Count'; Arguments = @{ Kind = 'Status'; Count = 0 } }
            @{ Case = 'an unknown method'; Parameter = 'Method'; Arguments = @{ Kind = 'Status'; Method = 'TRACE' } }
        ) {
            $thrown = { Add-ArgilSandboxFault @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.AddArgilSandboxFaultCommand' -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,ArgilPS.Commands.AddArgilSandboxFaultCommand'
            $thrown.Exception.ParameterName | Should -Be $Parameter
            (Set-ArgilSandbox -PassThru).PendingFaults | Should -Be 0
        }

        It 'cuts a download part-way with -Kind Truncate' {
            Set-ArgilSandbox -GeneratingAudioSeconds 0 -GeneratingVideoSeconds 0 -VideoFileBytes 200000
            try {
                $video = Invoke-ArgilRestMethod -Method POST -Path /videos -Body @{ name = 'Cut'; moments = @(@{ avatarId = $PublicAvatarIds[0]; transcript = 'Hi.' }) }
                $done = Invoke-ArgilRestMethod -Method POST -Path "/videos/$($video.id)/render"
                Add-ArgilSandboxFault -Kind Truncate -Method GET -Path '/files/videos/*'
                { Invoke-WebRequest -Uri $done.videoUrl -OutFile (Join-Path $TestDrive 'cut.mp4') -UseBasicParsing } | Should -Throw
                (Get-ArgilSandboxRequest -Path '/files/videos/*' | Select-Object -Last 1).Fault | Should -BeLike '*Truncate*'
                (Set-ArgilSandbox -PassThru).PendingFaults | Should -Be 0
            } finally {
                Set-ArgilSandbox -GeneratingAudioSeconds 60 -GeneratingVideoSeconds 240 -VideoFileBytes 0
            }
        }

        It 'refuses an unknown -Kind' {
            { Add-ArgilSandboxFault -Kind Explode } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,ArgilPS.Commands.AddArgilSandboxFaultCommand'
        }
    }

    Context 'Get-ArgilSandboxRequest and Clear-ArgilSandboxRequest' {
        BeforeEach {
            $null = Get-ArgilAvatar
            $created = New-ArgilAvatar -Name 'Journalled' -ImageUrl $imageUrl
            $null = Get-ArgilAvatar -Id $created.Id
        }

        It 'lists every request oldest first as ArgilPS.Sandbox.SandboxRequest objects, without the key' {
            $requests = Get-ArgilSandboxRequest
            $requests | Should -HaveCount 3
            $requests | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Sandbox.SandboxRequest' }
            ($requests.Method -join ',') | Should -Be 'GET,POST,GET'
            ($requests.Sequence | Sort-Object) -join ',' | Should -Be ($requests.Sequence -join ',')
            $requests.KeyCheck | ForEach-Object { $_ | Should -Be 'valid' }
            $requests[1].Body | Should -Match '"name":"Journalled"'
            $requests[1].StatusCode | Should -Be 201
        }

        It 'filters with -Method' {
            (Get-ArgilSandboxRequest -Method POST).Method | Should -Be 'POST'
            Get-ArgilSandboxRequest -Method GET | Should -HaveCount 2
        }

        It 'filters with -Path <Path>' -ForEach @(
            @{ Path = '/avatars'; Count = 2 }
            @{ Path = 'avatars'; Count = 2 }
            @{ Path = '/avatars/*'; Count = 1 }
            @{ Path = '*'; Count = 3 }
        ) {
            Get-ArgilSandboxRequest -Path $Path | Should -HaveCount $Count
        }

        It 'works with Where-Object on its properties' {
            Get-ArgilSandboxRequest | Where-Object StatusCode -EQ 201 | Should -HaveCount 1
        }

        It 'Clear-ArgilSandboxRequest empties the journal' {
            Clear-ArgilSandboxRequest | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
            (Set-ArgilSandbox -PassThru).JournalCount | Should -Be 0
        }
    }
}

Describe 'Sandbox cmdlets outside the sandbox' {
    Context 'Connected to the real API address' {
        BeforeAll {
            # A connection to the real API address for this runspace only: no request is sent by the checks below.
            Connect-Argil -ApiKey (ConvertTo-TestSecureString 'real-api-key-0000') -Scope Runspace
        }

        AfterAll {
            Disconnect-Argil
        }

        It '<Command> stops with a terminating NotSandbox error' -ForEach $sandboxCommands {
            $thrown = { & $Command @Arguments } | Should -Throw -ErrorId 'NotSandbox,*' -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'NotSandbox,ArgilPS.Commands.*'
            $thrown.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $thrown.ErrorDetails.RecommendedAction | Should -Be 'Connect-Argil -Sandbox'
        }
    }
}
