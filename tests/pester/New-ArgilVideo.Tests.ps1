# New-ArgilVideo: its parameter sets, the bodies it sends, the pipeline (CSV rows), -WhatIf, -Render,
# every rule checked before a request, and the errors users meet.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $avatar = $PublicAvatarIds[0]
    $command = 'ArgilPS.Commands.NewArgilVideoCommand'
}

AfterAll {
    Disconnect-Argil
}

Describe 'New-ArgilVideo' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $info = Get-Command New-ArgilVideo }

        It 'has one parameter set per source of speech: Script (default), Transcript and Moment' {
            (@($info.ParameterSets.Name | Sort-Object) -join ',') | Should -Be 'Moment,Script,Transcript'
            $info.DefaultParameterSet | Should -Be 'Script'
        }

        It 'needs -Name, -AvatarId and the source in the <Set> set' -ForEach @(
            @{ Set = 'Script'; Mandatory = 'AvatarId,Name,Script' }
            @{ Set = 'Transcript'; Mandatory = 'AvatarId,Name,Transcript' }
            @{ Set = 'Moment'; Mandatory = 'Moment,Name' }
        ) {
            Get-MandatoryParameterName New-ArgilVideo $Set | Should -Be $Mandatory
        }

        It 'takes -Name at position 0' {
            (Get-SetParameter New-ArgilVideo Script Name).Position | Should -Be 0
        }

        It 'binds -<_> by property name (CSV columns)' -ForEach @('Name', 'AvatarId', 'VoiceId', 'GestureSlug', 'Script', 'Transcript', 'Moment', 'AspectRatio', 'Model', 'Extras') {
            $parameter = $info.Parameters[$_]
            $parameter.ParameterSets.Values | ForEach-Object { $_.ValueFromPipelineByPropertyName | Should -BeTrue }
            $parameter.ParameterSets.Values | ForEach-Object { $_.ValueFromPipeline | Should -BeFalse }
        }

        It 'types -Transcript as string[], -Moment as VideoMoment[] and -MaxMomentLength as int (default 250)' {
            $info | Should -HaveParameter Transcript -Type ([string[]])
            $info | Should -HaveParameter Moment -Type ([ArgilPS.VideoMoment[]])
            $info | Should -HaveParameter MaxMomentLength -Type ([int])
            [ArgilPS.Commands.NewArgilVideoCommand]::new().MaxMomentLength | Should -Be 250
        }

        It 'offers the documented values of -<Parameter>' -ForEach @(
            @{ Parameter = 'AspectRatio'; Values = '16:9,9:16' }
            @{ Parameter = 'Model'; Values = 'ARGIL_ATOM,ARGIL_V1' }
            @{ Parameter = 'SubtitlePosition'; Values = 'Bottom,Middle,Top' }
            @{ Parameter = 'SubtitleSize'; Values = 'Large,Medium,Small' }
            @{ Parameter = 'BrollSource'; Values = 'AVATAR_ACTION,GENERATION,GOOGLE_IMAGES,STOCKS_VIDEO' }
            @{ Parameter = 'BrollIntensity'; Values = 'HIGH,LOW,MEDIUM' }
            @{ Parameter = 'BrollLayout'; Values = 'AVATAR_BOTTOM_LEFT,AVATAR_BOTTOM_RIGHT,AVATAR_TOP_LEFT,AVATAR_TOP_RIGHT,BACKGROUND,FULLSCREEN,SPLIT_AVATAR_BOTTOM,SPLIT_AVATAR_LEFT,SPLIT_AVATAR_RIGHT,SPLIT_AVATAR_TOP' }
        ) {
            $set = $info.Parameters[$Parameter].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] -or $_ -is [ArgilPS.Commands.ValidateOptionalSetAttribute] }
            (@(@($set.ValidValues) + @($set.Values) | Where-Object { $_ } | Sort-Object) -join ',') | Should -Be $Values
            $typed = "New-ArgilVideo -$Parameter "
            (TabExpansion2 -inputScript $typed -cursorColumn $typed.Length).CompletionMatches.Count | Should -Be $Values.Split(',').Count
        }

        It 'is a ShouldProcess cmdlet of ConfirmImpact Medium' {
            $info.Parameters.ContainsKey('WhatIf') | Should -BeTrue
            $info.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact | Should -Be 'Medium'
        }

        It 'completes -AvatarId with avatar ids' {
            $result = TabExpansion2 -inputScript 'New-ArgilVideo -AvatarId ' -cursorColumn 25
            $result.CompletionMatches.CompletionText | Should -Contain "'$avatar'"
        }
    }

    Context 'Creating' {
        It 'creates a video from a script, split into moments of at most -MaxMomentLength characters' {
            $script = 'Welcome to the team. Today we look at the new expense tool. It takes two minutes. Ready? Let us go.'
            $video = New-ArgilVideo -Name 'Onboarding' -AvatarId $avatar -Script $script -MaxMomentLength 40
            $video.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Video'
            $video.Status | Should -Be 'IDLE'
            $video.Moments.Count | Should -BeGreaterThan 1
            $video.Moments | ForEach-Object { $_.Transcript.Length | Should -BeLessOrEqual 40 }
            (($video.Moments.Transcript -join ' ') -replace '\s+', ' ') | Should -Be $script
            (Get-ArgilSandboxRequest -Method POST).StatusCode | Should -Be 201
        }

        It 'makes one moment of each -Transcript string, with the voice and gesture given' {
            $null = New-ArgilVideo -Name 'T' -AvatarId $avatar -VoiceId 'voice-1' -GestureSlug 'gesture-1' -Transcript 'One.', 'Two.' -ErrorAction SilentlyContinue
            $body = (Get-ArgilSandboxRequest -Method POST | Select-Object -First 1).Body | ConvertFrom-Json
            $body.moments | Should -HaveCount 2
            $body.moments[1].transcript | Should -Be 'Two.'
            $body.moments[1].voiceId | Should -Be 'voice-1'
            $body.moments[1].gestureSlug | Should -Be 'gesture-1'
        }

        It 'sends every option in its documented place' {
            $video = New-ArgilVideo -Name 'All options' -AvatarId $avatar -Transcript 'Hi.' -AspectRatio 9:16 -Model ARGIL_ATOM `
                -SubtitleSize Large -AutoBroll -BrollSource GOOGLE_IMAGES -BrollIntensity LOW -BrollLayout BACKGROUND -Extras @{ team = 'ops' }
            $video.Extras['team'] | Should -Be 'ops'
            $body = (Get-ArgilSandboxRequest -Method POST).Body | ConvertFrom-Json -AsHashtable
            ($body.Keys | Sort-Object) -join ',' | Should -Be 'aspectRatio,autoBrolls,extras,model,moments,name,subtitles'
            $body.subtitles.enable | Should -BeTrue
            $body.subtitles.size | Should -Be 'Large'
            $body.subtitles.Keys -join ',' | Should -Be 'enable,size'
            $body.autoBrolls.source | Should -Be 'GOOGLE_IMAGES'
            $body.autoBrolls.intensity | Should -Be 'LOW'
            $body.autoBrolls.layout | Should -Be 'BACKGROUND'
        }

        It 'takes blank AspectRatio and Model cells of a CSV row as not given, and a filled one in any case' {
            $rows = "Name,AvatarId,Script,AspectRatio,Model`nBlank,$avatar,Hi.,,`nFilled,$avatar,Hi., 9:16 ,argil_atom" | ConvertFrom-Csv
            $videos = $rows | New-ArgilVideo -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -BeNullOrEmpty
            @($videos).Count | Should -Be 2
            # The rows are sent concurrently (-ThrottleLimit): the sandbox may get them in either order.
            $bodies = @((Get-ArgilSandboxRequest -Method POST).Body | ConvertFrom-Json -AsHashtable | Sort-Object { $_.name -eq 'Filled' })
            $bodies | Should -HaveCount 2
            $bodies[0].name | Should -Be 'Blank'
            ($bodies[0].Keys | Sort-Object) -join ',' | Should -Be 'moments,name'
            $bodies[1].aspectRatio | Should -BeExactly '9:16'
            $bodies[1].model | Should -BeExactly 'ARGIL_ATOM'
        }

        It 'sends no key the user did not give (no nulls)' {
            $null = New-ArgilVideo -Name 'Bare' -AvatarId $avatar -Transcript 'Hi.'
            (Get-ArgilSandboxRequest -Method POST).Body | Should -Be ('{"name":"Bare","moments":[{"transcript":"Hi.","avatarId":"' + $avatar + '"}]}')
        }

        It 'builds a video from moments made by New-ArgilVideoMoment' {
            $moments = @(
                New-ArgilVideoMoment -AvatarId $avatar -Transcript 'First.' -Zoom 1.5
                New-ArgilVideoMoment -AvatarId $PublicAvatarIds[1] -Transcript 'Second.'
            )
            $video = New-ArgilVideo -Name 'Moments' -Moment $moments
            $video.Moments.AvatarId -join ',' | Should -Be "$avatar,$($PublicAvatarIds[1])"
            ((Get-ArgilSandboxRequest -Method POST).Body | ConvertFrom-Json).moments[0].zoom.level | Should -Be 1.5
        }
    }

    Context 'From CSV rows' {
        It 'creates one video per row (Name, AvatarId, VoiceId, Script); a blank VoiceId is left out' {
            $rows = @"
Name,AvatarId,VoiceId,Script
Monday,$avatar,voice-m,Good morning. Here is what happens this week.
Tuesday,$avatar,,Short one.
"@ | ConvertFrom-Csv
            $videos = $rows | New-ArgilVideo
            ($videos.Name -join ',') | Should -Be 'Monday,Tuesday'
            # The rows are sent concurrently (-ThrottleLimit): the sandbox may get them in either order.
            $bodies = @(Get-ArgilSandboxRequest -Method POST | ForEach-Object Body | Sort-Object { $_ -match '"name":"Tuesday"' })
            $bodies | Should -HaveCount 2
            $bodies[0] | Should -Match '"name":"Monday"'
            $bodies[0] | Should -Match '"voiceId":"voice-m"'
            $bodies[1] | Should -Not -Match 'voiceId'
        }

        It 'writes one error for a bad row and creates the others' {
            $rows = @"
Name,AvatarId,Script
Good,$avatar,Fine.
Empty,$avatar,
Also good,$avatar,Fine too.
"@ | ConvertFrom-Csv
            $videos = $rows | New-ArgilVideo -ErrorVariable failures -ErrorAction SilentlyContinue
            ($videos.Name -join ',') | Should -Be 'Good,Also good'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "EmptyScript,$command"
            $failures[0].TargetObject | Should -Be 'Empty'
        }
    }

    Context '-WhatIf' {
        It 'sends nothing' {
            New-ArgilVideo -Name 'W' -AvatarId $avatar -Script 'One. Two. Three.' -Render -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'sends nothing for piped rows' {
            [pscustomobject]@{ Name = 'W'; AvatarId = $avatar; Script = 'Hello.' } | New-ArgilVideo -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'says how many moments and characters would be sent (the operation -WhatIf and -Verbose show)' {
            $all = New-ArgilVideo -Name 'Counted' -AvatarId $avatar -Transcript 'Hello there.', 'Bye.' -Verbose 4>&1
            $lines = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            $lines | Should -Contain 'Performing the operation "Create with 2 moments and 16 characters of transcript" on target "Argil video ''Counted''".'
        }
    }

    Context '-Render' {
        It 'renders at once and outputs the video as the render returned it' {
            $video = New-ArgilVideo -Name 'Rendered' -AvatarId $avatar -Transcript 'Hi.' -Render -CallbackUrl 'https://hooks.example.com/argil'
            $video.Status | Should -BeIn 'GENERATING_AUDIO', 'GENERATING_VIDEO'
            $posts = @(Get-ArgilSandboxRequest -Method POST)
            ($posts.Path -join ',') | Should -Be "/videos,/videos/$($video.Id)/render"
            $posts[1].Body | Should -Be '{"callbackUrl":"https://hooks.example.com/argil"}'
        }

        It 'takes a loopback http:// -CallbackUrl while connected to the sandbox' {
            $video = New-ArgilVideo -Name 'Local callback' -AvatarId $avatar -Transcript 'Hi.' -Render -CallbackUrl 'http://localhost:8080/argil/'
            (Get-ArgilSandboxRequest -Method POST -Path "/videos/$($video.Id)/render").Body | Should -Be '{"callbackUrl":"http://localhost:8080/argil/"}'
        }

        It 'refuses a loopback http:// -CallbackUrl when connected to the real API, with InvalidCallbackUrl and nothing created' {
            Connect-Argil -ApiKey (ConvertTo-TestSecureString 'a-key-for-a-remote-api') -BaseUri 'https://api.example.com/v1' -Scope Runspace
            try {
                $null = New-ArgilVideo -Name 'Remote' -AvatarId $avatar -Transcript 'Hi.' -Render -CallbackUrl 'http://127.0.0.1:8080/' -ErrorVariable failures -ErrorAction SilentlyContinue
            } finally {
                Disconnect-Argil
            }
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "InvalidCallbackUrl,$command"
            $failures[0].Exception.ParamName | Should -Be 'CallbackUrl'
            $failures[0].TargetObject | Should -Be 'Remote'
        }

        It 'says the video exists, its id and how to render it when the render fails after the create' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 500 -Method POST -Path '/videos/*/render'
            $video = New-ArgilVideo -Name 'Half done' -AvatarId $avatar -Transcript 'Hi.' -Render -ErrorVariable failures -ErrorAction SilentlyContinue
            $video | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "ServerError,$command"
            $created = $failures[0].TargetObject
            $created.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Video'
            $failures[0].Exception.Message | Should -Match ([regex]::Escape("was created (id $($created.Id))"))
            $failures[0].Exception.Message | Should -Match ([regex]::Escape("Start-ArgilVideoRender -Id '$($created.Id)'"))
            $failures[0].Exception.Message | Should -Match 'may have started'
            (Get-ArgilSandboxRequest -Method POST | Where-Object Path -Like '*/render') | Should -HaveCount 1
            (Get-ArgilVideo -Id $created.Id).Status | Should -Be 'IDLE'
        }

        It 'says the render did not start after a refused render (400), and to run Start-ArgilVideoRender' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 400 -Method POST -Path '/videos/*/render'
            $null = New-ArgilVideo -Name 'Refused render' -AvatarId $avatar -Transcript 'Hi.' -Render -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be "InvalidRequest,$command"
            $failures[0].Exception.Message | Should -Match 'did not start'
            $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Start-ArgilVideoRender -Id'
        }

        It 'never sends the create again after a <Kind> and says the video may exist' -ForEach @(
            @{ Kind = 'Status'; Extra = @{ StatusCode = 503 }; ErrorId = 'ServerError' }
            @{ Kind = 'Drop'; Extra = @{}; ErrorId = 'ConnectionFailed' }
        ) {
            Add-ArgilSandboxFault -Kind $Kind -Method POST -Path /videos -Count 5 @Extra
            $null = New-ArgilVideo -Name 'Maybe [1]' -AvatarId $avatar -Transcript 'Hi.' -Render -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            Get-ErrorIdPrefix $failures[0] | Should -Be $ErrorId
            $failures[0].Exception.MayHaveSucceeded | Should -BeTrue
            $failures[0].Exception.Message | Should -Match 'may have been created'
            $failures[0].Exception.Message | Should -Match ([regex]::Escape("Get-ArgilVideo -Name 'Maybe ``[1``]'"))
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 1
        }
    }

    Context 'Validation before any request' {
        It 'refuses <Case> with <ErrorId> naming -<Parameter>, and sends nothing' -ForEach @(
            @{ Case = 'an empty transcript'; ErrorId = 'EmptyTranscript'; Parameter = 'Transcript'; Arguments = @{ Transcript = 'Fine.', '' } }
            @{ Case = 'a blank transcript'; ErrorId = 'EmptyTranscript'; Parameter = 'Transcript'; Arguments = @{ Transcript = '   ' } }
            @{ Case = 'a transcript of 251 characters'; ErrorId = 'TranscriptTooLong'; Parameter = 'Transcript'; Arguments = @{ Transcript = 'a' * 251 } }
            @{ Case = 'a transcript longer than -MaxMomentLength'; ErrorId = 'TranscriptTooLong'; Parameter = 'Transcript'; Arguments = @{ Transcript = 'Short.', 'Longer one.'; MaxMomentLength = 10 } }
            @{ Case = 'a blank script'; ErrorId = 'EmptyScript'; Parameter = 'Script'; Arguments = @{ Script = " `n " } }
            @{ Case = 'a blank name'; ErrorId = 'EmptyName'; Parameter = 'Name'; Arguments = @{ Name = '  '; Transcript = 'Hi.' } }
            @{ Case = '-CallbackUrl without -Render'; ErrorId = 'InvalidParameterCombination'; Parameter = 'CallbackUrl'; Arguments = @{ Transcript = 'Hi.'; CallbackUrl = 'https://e.com/cb' } }
            @{ Case = '-BrollSource without -AutoBroll'; ErrorId = 'InvalidParameterCombination'; Parameter = 'BrollSource'; Arguments = @{ Transcript = 'Hi.'; BrollSource = 'GENERATION' } }
            @{ Case = '-BrollLayout without -AutoBroll'; ErrorId = 'InvalidParameterCombination'; Parameter = 'BrollLayout'; Arguments = @{ Transcript = 'Hi.'; BrollLayout = 'FULLSCREEN' } }
            @{ Case = '-AutoBroll without -BrollSource'; ErrorId = 'InvalidParameterCombination'; Parameter = 'AutoBroll'; Arguments = @{ Transcript = 'Hi.'; AutoBroll = $true } }
            @{ Case = '-AutoBroll GENERATION without -BrollIntensity'; ErrorId = 'InvalidParameterCombination'; Parameter = 'AutoBroll'; Arguments = @{ Transcript = 'Hi.'; AutoBroll = $true; BrollSource = 'GENERATION' } }
            @{ Case = '-BrollIntensity with AVATAR_ACTION'; ErrorId = 'InvalidParameterCombination'; Parameter = 'BrollIntensity'; Arguments = @{ Transcript = 'Hi.'; AutoBroll = $true; BrollSource = 'AVATAR_ACTION'; BrollIntensity = 'LOW' } }
            @{ Case = '-BackgroundMusicVolume without an asset'; ErrorId = 'InvalidParameterCombination'; Parameter = 'BackgroundMusicVolume'; Arguments = @{ Transcript = 'Hi.'; BackgroundMusicVolume = 0.5 } }
            @{ Case = '-Subtitles:$false with -SubtitleSize'; ErrorId = 'InvalidParameterCombination'; Parameter = 'Subtitles'; Arguments = @{ Transcript = 'Hi.'; Subtitles = $false; SubtitleSize = 'Small' } }
            @{ Case = 'a moment without an avatar'; ErrorId = 'InvalidMoment'; Parameter = 'Moment'; Arguments = @{ AvatarId = $null; Moment = @(@{ Transcript = 'Hi.' }) } }
            @{ Case = 'a moment with a transcript and audio'; ErrorId = 'InvalidMoment'; Parameter = 'Moment'; Arguments = @{ Moment = @(@{ Transcript = 'Hi.'; AudioUrl = 'https://e.com/a.mp3' }) } }
            @{ Case = 'a moment with neither transcript nor audio'; ErrorId = 'InvalidMoment'; Parameter = 'Moment'; Arguments = @{ Moment = @(@{ GestureSlug = 'g' }) } }
            @{ Case = 'a moment with an http audio URL'; ErrorId = 'InvalidMoment'; Parameter = 'Moment'; Arguments = @{ Moment = @(@{ AudioUrl = 'http://e.com/a.mp3' }) } }
            @{ Case = 'a moment zoomed 3 times'; ErrorId = 'InvalidMoment'; Parameter = 'Moment'; Arguments = @{ Moment = @(@{ Transcript = 'Hi.'; Zoom = 3 }) } }
            @{ Case = 'a moment with an empty transcript'; ErrorId = 'EmptyTranscript'; Parameter = 'Moment'; Arguments = @{ Moment = @(@{ Transcript = '' }) } }
            @{ Case = 'a moment transcript of 251 characters'; ErrorId = 'TranscriptTooLong'; Parameter = 'Moment'; Arguments = @{ Moment = @(@{ Transcript = 'b' * 251 }) } }
        ) {
            $splat = @{ Name = 'Invalid'; AvatarId = $avatar }
            foreach ($key in $Arguments.Keys) { $splat[$key] = $Arguments[$key] }
            if ($null -eq $splat.AvatarId) { $splat.Remove('AvatarId') }
            $null = New-ArgilVideo @splat -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,$command"
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].Exception.ParamName | Should -Be $Parameter
            $failures[0].Exception.Message | Should -Match "-$Parameter"
            $failures[0].TargetObject | Should -Be $splat.Name
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses <Case> when binding, naming -<Parameter>, and sends nothing' -ForEach @(
            @{ Case = 'an http:// callback URL'; Parameter = 'CallbackUrl'; Arguments = @{ Render = $true; CallbackUrl = 'http://e.com/cb' } }
            @{ Case = 'a volume above 1'; Parameter = 'BackgroundMusicVolume'; Arguments = @{ BackgroundMusicAssetId = 'm'; BackgroundMusicVolume = 1.5 } }
            @{ Case = 'an undocumented layout'; Parameter = 'BrollLayout'; Arguments = @{ AutoBroll = $true; BrollSource = 'GENERATION'; BrollIntensity = 'LOW'; BrollLayout = 'NORMAL' } }
            @{ Case = 'the position Centered'; Parameter = 'SubtitlePosition'; Arguments = @{ SubtitlePosition = 'Centered' } }
            @{ Case = 'the aspect ratio 4:3'; Parameter = 'AspectRatio'; Arguments = @{ AspectRatio = '4:3' } }
            @{ Case = '11 extras'; Parameter = 'Extras'; Arguments = @{ Extras = @{ a = 1; b = 2; c = 3; d = 4; e = 5; f = 6; g = 7; h = 8; i = 9; j = 10; k = 11 } } }
            @{ Case = 'an extra that is a hashtable'; Parameter = 'Extras'; Arguments = @{ Extras = @{ a = @{ b = 1 } } } }
            @{ Case = 'a moment length of 0'; Parameter = 'MaxMomentLength'; Arguments = @{ MaxMomentLength = 0 } }
            @{ Case = 'an empty name'; Parameter = 'Name'; Arguments = @{ Name = '' } }
        ) {
            $splat = @{ Name = 'Invalid'; AvatarId = $avatar; Transcript = 'Hi.' }
            foreach ($key in $Arguments.Keys) { $splat[$key] = $Arguments[$key] }
            $thrown = { New-ArgilVideo @splat } | Should -Throw -ErrorId "ParameterArgumentValidationError,$command" -PassThru
            $thrown.Exception.ParameterName | Should -Be $Parameter
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses two sources of speech at once (ambiguous parameter set)' {
            { New-ArgilVideo -Name 'x' -AvatarId $avatar -Transcript 'Hi.' -Script 'Hi.' } | Should -Throw -ErrorId "AmbiguousParameterSet,$command"
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'stops at the first bad row with -ErrorAction Stop' {
            { New-ArgilVideo -Name 'x' -AvatarId $avatar -Transcript '' -ErrorAction Stop } | Should -Throw -ErrorId "EmptyTranscript,$command"
        }
    }

    Context 'API failures' {
        It 'writes InvalidRequest, with the API''s message, for a body the API refuses (an unknown avatar)' {
            $null = New-ArgilVideo -Name 'Nobody' -AvatarId 'no-such-avatar' -Transcript 'Hi.' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            (Get-ErrorIdPrefix $failures[0]) | Should -BeIn 'InvalidRequest', 'AvatarNotFound', 'VideoNotFound'
            $failures[0].TargetObject | Should -Be 'Nobody'
            $failures[0].Exception.GetType().FullName | Should -Be 'ArgilPS.ArgilApiException'
        }
    }

    Context 'Help' {
        It 'has examples for scripts, CSV rows, moments and -Render' {
            $help = Get-Help New-ArgilVideo -Full
            $code = ($help.examples.example.code -join "`n")
            $code | Should -Match '-Script'
            $code | Should -Match 'Import-Csv'
            $code | Should -Match 'New-ArgilVideoMoment'
            $code | Should -Match '-Render'
        }
    }
}
