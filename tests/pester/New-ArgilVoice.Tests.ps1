# New-ArgilVoice: cloning voices from audio URLs, one by one or from CSV rows; the body as documented,
# validation before any request, -WhatIf, and failures that may hide a created (billed) voice.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $audioUrl = 'https://example.com/recordings/two-minutes.mp3'
}

AfterAll {
    Disconnect-Argil
}

Describe 'New-ArgilVoice' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command New-ArgilVoice }

        It 'has one parameter set, in which -Name and -AudioUrl are mandatory' {
            $command.ParameterSets | Should -HaveCount 1
            Get-MandatoryParameterName New-ArgilVoice $command.ParameterSets[0].Name | Should -Be 'AudioUrl,Name'
        }

        It 'takes -Name at position 0 and every parameter by property name, none by value' {
            $set = $command.ParameterSets[0].Name
            (Get-SetParameter New-ArgilVoice $set Name).Position | Should -Be 0
            foreach ($name in 'Name', 'AudioUrl', 'ModelId', 'Stability', 'Similarity', 'Style', 'Speed', 'SpeakerBoost', 'LanguageBoost', 'Emotion') {
                $parameter = Get-SetParameter New-ArgilVoice $set $name
                $parameter.ValueFromPipelineByPropertyName | Should -BeTrue -Because "-$name binds from CSV rows"
                $parameter.ValueFromPipeline | Should -BeFalse
            }
        }

        It 'types -AudioUrl as a Uri, the settings as numbers and a Boolean, the rest as text' {
            $command | Should -HaveParameter AudioUrl -Type ([uri]) -Mandatory
            foreach ($name in 'Stability', 'Similarity', 'Style', 'Speed') { $command.Parameters[$name].ParameterType | Should -Be ([Nullable[double]]) }
            $command.Parameters['SpeakerBoost'].ParameterType | Should -Be ([Nullable[bool]])
            foreach ($name in 'ModelId', 'LanguageBoost', 'Emotion') { $command | Should -HaveParameter $name -Type ([string]) }
        }

        It 'supports -WhatIf and -Confirm, and declares ArgilPS.Voice' {
            $command.Parameters.ContainsKey('WhatIf') | Should -BeTrue
            $command.Parameters.ContainsKey('Confirm') | Should -BeTrue
            $command.OutputType.Name | Should -Contain 'ArgilPS.Voice'
        }

        It 'shows the documented syntax' {
            (Get-Command New-ArgilVoice -Syntax).Trim() | Should -Match ([regex]::Escape('New-ArgilVoice [-Name] <string> -AudioUrl <uri> [-ModelId <string>] [-Stability <double>] [-Similarity <double>] [-Style <double>] [-Speed <double>] [-SpeakerBoost <bool>] [-LanguageBoost <string>] [-Emotion <string>] [-ThrottleLimit <int>] [-WhatIf] [-Confirm]'))
        }
    }

    Context 'Creating' {
        It 'creates an ArgilPS.Voice that is IDLE and private, sending only name and audioUrl' {
            $voice = New-ArgilVoice -Name 'Support voice' -AudioUrl $audioUrl
            $voice.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Voice'
            $voice.Name | Should -Be 'Support voice'
            $voice.Status | Should -Be 'IDLE'
            $voice.Id | Should -Match '^[0-9a-f-]{36}$'
            (Get-ArgilVoice -Visibility private).Id | Should -Contain $voice.Id
            $post = Get-ArgilSandboxRequest -Method POST
            $post | Should -HaveCount 1
            $post.Path | Should -Be '/voices'
            $post.Body | Should -Be '{"name":"Support voice","audioUrl":"https://example.com/recordings/two-minutes.mp3"}'
        }

        It 'takes the name by position' {
            (New-ArgilVoice 'Positional' -AudioUrl $audioUrl).Name | Should -Be 'Positional'
        }

        It 'sends every setting under its documented name (ElevenLabs)' {
            $null = New-ArgilVoice -Name 'Eleven' -AudioUrl $audioUrl -ModelId eleven_multilingual_v2 -Stability 0.6 -Similarity 1 -Style 0 -Speed 0.7 -SpeakerBoost $false
            (Get-ArgilSandboxRequest -Method POST).Body | Should -Be '{"name":"Eleven","audioUrl":"https://example.com/recordings/two-minutes.mp3","modelId":"eleven_multilingual_v2","voiceStability":0.6,"voiceSimilarity":1,"voiceStyle":0,"voiceSpeed":0.7,"speakerBoost":false}'
        }

        It 'sends every setting under its documented name (Minimax), the emotion as the API spells it' {
            $null = New-ArgilVoice -Name 'Mini' -AudioUrl $audioUrl -ModelId speech-2.8-hd -Speed 1.2 -LanguageBoost auto -Emotion HAPPY
            (Get-ArgilSandboxRequest -Method POST).Body | Should -Be '{"name":"Mini","audioUrl":"https://example.com/recordings/two-minutes.mp3","modelId":"speech-2.8-hd","voiceSpeed":1.2,"languageBoost":"auto","emotion":"happy"}'
        }

        It 'sends a model it does not know as it is (the API decides), and the sandbox refuses it as InvalidRequest' {
            $voice = New-ArgilVoice -Name 'Future' -AudioUrl $audioUrl -ModelId 'eleven_v9' -ErrorVariable failures -ErrorAction SilentlyContinue
            $voice | Should -BeNullOrEmpty
            (Get-ArgilSandboxRequest -Method POST).Body | Should -Match '"modelId":"eleven_v9"'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,ArgilPS.Commands.NewArgilVoiceCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].TargetObject | Should -Be 'Future'
            $failures[0].Exception.StatusCode | Should -Be 400
            $failures[0].Exception.ApiMessage | Should -Match 'modelId'
            $failures[0].Exception.MayHaveSucceeded | Should -BeFalse
        }

        It 'warns when <Case>, and sends it anyway' -ForEach @(
            @{ Case = 'an ElevenLabs setting goes with a Minimax model'; Arguments = @{ ModelId = 'speech-02-hd'; Stability = 0.5 }; Named = '-Stability' }
            @{ Case = 'an ElevenLabs setting goes with Argil''s default model'; Arguments = @{ Similarity = 0.5 }; Named = '-Similarity' }
            @{ Case = 'a Minimax setting goes with an ElevenLabs model'; Arguments = @{ ModelId = 'eleven_turbo_v2'; Emotion = 'sad' }; Named = '-Emotion' }
            @{ Case = '-SpeakerBoost goes with eleven_v3'; Arguments = @{ ModelId = 'eleven_v3'; SpeakerBoost = $true }; Named = '-SpeakerBoost' }
        ) {
            $voice = New-ArgilVoice -Name 'Mixed' -AudioUrl $audioUrl @Arguments -WarningVariable warnings -WarningAction SilentlyContinue
            $voice | Should -Not -BeNullOrEmpty
            $warnings | Should -HaveCount 1
            "$($warnings[0])" | Should -Match ([regex]::Escape($Named))
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 1
        }

        It 'does not warn when the settings fit the model' {
            $null = New-ArgilVoice -Name 'Fits' -AudioUrl $audioUrl -ModelId eleven_turbo_v2 -Stability 0.5 -SpeakerBoost $true -Speed 1 -WarningVariable warnings
            $warnings | Should -HaveCount 0
        }
    }

    Context 'From CSV rows and other objects' {
        It 'creates one voice per CSV row; empty cells are not sent; true/false text is read' {
            $rows = @'
Name,AudioUrl,ModelId,Stability,Speed,SpeakerBoost,Emotion
Ann,https://example.com/ann.mp3,eleven_multilingual_v2,0.4,,false,
Bob,https://example.com/bob.wav,,,1.1,,Sad
'@ | ConvertFrom-Csv
            $voices = $rows | New-ArgilVoice -WarningAction SilentlyContinue
            ($voices.Name -join ',') | Should -Be 'Ann,Bob'
            $voices | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Voice' }
            # The rows are sent concurrently (-ThrottleLimit): the sandbox may get them in either order.
            $bodies = @(Get-ArgilSandboxRequest -Method POST | ForEach-Object Body | Sort-Object { $_ -match '"name":"Bob"' })
            $bodies | Should -HaveCount 2
            $bodies[0] | Should -Be '{"name":"Ann","audioUrl":"https://example.com/ann.mp3","modelId":"eleven_multilingual_v2","voiceStability":0.4,"speakerBoost":false}'
            $bodies[1] | Should -Be '{"name":"Bob","audioUrl":"https://example.com/bob.wav","voiceSpeed":1.1,"emotion":"sad"}'
        }

        It 'binds objects with Name and AudioUrl properties' {
            $objects = 1..3 | ForEach-Object { [pscustomobject]@{ Name = "Batch $_"; AudioUrl = $audioUrl; Speed = 0.9 } }
            ($objects | New-ArgilVoice).Name -join ',' | Should -Be 'Batch 1,Batch 2,Batch 3'
            Get-ArgilSandboxRequest -Method POST | ForEach-Object { $_.Body | Should -Match '"voiceSpeed":0.9' }
        }

        It 'sends nothing for piped rows with -WhatIf' {
            [pscustomobject]@{ Name = 'W'; AudioUrl = $audioUrl } | New-ArgilVoice -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'writes one error for a bad row, naming the parameter with the row as target, and creates the others' {
            $rows = @'
Name,AudioUrl,Speed
Good,https://example.com/good.mp3,1
Bad,https://example.com/bad.mp3,2
Also good,https://example.com/also.mp3,
'@ | ConvertFrom-Csv
            $voices = $rows | New-ArgilVoice -ErrorVariable failures -ErrorAction SilentlyContinue
            ($voices.Name -join ',') | Should -Be 'Good,Also good'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,ArgilPS.Commands.NewArgilVoiceCommand'
            $failures[0].Exception.ParameterName | Should -Be 'Speed'
            $failures[0].TargetObject.Name | Should -Be 'Bad'
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 2
        }
    }

    Context '-WhatIf' {
        It 'sends nothing and outputs nothing' {
            New-ArgilVoice -Name 'Maybe' -AudioUrl $audioUrl -ModelId speech-2.8-hd -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'sends nothing with $WhatIfPreference set, as scripts that honour -WhatIf do' {
            $WhatIfPreference = $true
            try { New-ArgilVoice -Name 'Maybe' -AudioUrl $audioUrl | Should -BeNullOrEmpty }
            finally { $WhatIfPreference = $false }
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'says what it creates and that it uses credits (the ShouldProcess text, shown by -Verbose)' {
            $records = New-ArgilVoice -Name 'Told' -AudioUrl $audioUrl -ModelId speech-2.8-hd -Verbose 4>&1
            $said = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })[0].Message
            $said | Should -Match "Argil voice 'Told'"
            $said | Should -Match 'credits'
            $said | Should -Match 'speech-2\.8-hd'
        }
    }

    Context 'Validation before any request' {
        It 'refuses <Case> with ParameterArgumentValidationError naming -<Parameter>' -ForEach @(
            @{ Case = 'an http:// audio URL'; Parameter = 'AudioUrl'; Arguments = @{ Name = 'x'; AudioUrl = 'http://example.com/a.mp3' } }
            @{ Case = 'a relative audio URL'; Parameter = 'AudioUrl'; Arguments = @{ Name = 'x'; AudioUrl = 'a.mp3' } }
            @{ Case = 'an empty name'; Parameter = 'Name'; Arguments = @{ Name = ''; AudioUrl = 'https://example.com/a.mp3' } }
            @{ Case = 'a name of 257 characters'; Parameter = 'Name'; Arguments = @{ Name = 'n' * 257; AudioUrl = 'https://example.com/a.mp3' } }
            @{ Case = 'a stability above 1'; Parameter = 'Stability'; Arguments = @{ Name = 'x'; AudioUrl = 'https://example.com/a.mp3'; Stability = 1.01 } }
            @{ Case = 'a stability below 0'; Parameter = 'Stability'; Arguments = @{ Name = 'x'; AudioUrl = 'https://example.com/a.mp3'; Stability = -0.1 } }
            @{ Case = 'a similarity above 1'; Parameter = 'Similarity'; Arguments = @{ Name = 'x'; AudioUrl = 'https://example.com/a.mp3'; Similarity = 2 } }
            @{ Case = 'a style below 0'; Parameter = 'Style'; Arguments = @{ Name = 'x'; AudioUrl = 'https://example.com/a.mp3'; Style = -1 } }
            @{ Case = 'a style that is not a number'; Parameter = 'Style'; Arguments = @{ Name = 'x'; AudioUrl = 'https://example.com/a.mp3'; Style = [double]::NaN } }
            @{ Case = 'a speed below 0.7'; Parameter = 'Speed'; Arguments = @{ Name = 'x'; AudioUrl = 'https://example.com/a.mp3'; Speed = 0.69 } }
            @{ Case = 'a speed above 1.2'; Parameter = 'Speed'; Arguments = @{ Name = 'x'; AudioUrl = 'https://example.com/a.mp3'; Speed = 1.21 } }
            @{ Case = 'an unknown emotion'; Parameter = 'Emotion'; Arguments = @{ Name = 'x'; AudioUrl = 'https://example.com/a.mp3'; Emotion = 'bored' } }
        ) {
            $thrown = { New-ArgilVoice @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.NewArgilVoiceCommand' -PassThru
            $thrown.Exception.ParameterName | Should -Be $Parameter
            $thrown.Exception.Message | Should -Match $Parameter
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'names the range a number breaks' {
            $thrown = { New-ArgilVoice -Name 'x' -AudioUrl $audioUrl -Speed 2 } | Should -Throw -PassThru
            $thrown.Exception.Message | Should -Match '0\.7 to 1\.2'
        }

        It 'refuses a -SpeakerBoost text that is not true or false, naming the parameter' {
            $thrown = { [pscustomobject]@{ Name = 'x'; AudioUrl = $audioUrl; SpeakerBoost = 'maybe' } | New-ArgilVoice -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -PassThru
            $thrown.Exception.ParameterName | Should -Be 'SpeakerBoost'
            $thrown.Exception.Message | Should -Match "'maybe' is not a Boolean value"
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'needs -AudioUrl (no prompt in a non-interactive run)' {
            { New-ArgilVoice -Name 'x' -AudioUrl $null } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'Failures that may hide a created voice' {
        It 'writes <ErrorId> for <Case>, never sends the POST again, and says how to check' -ForEach @(
            @{ Case = 'a 500 answer'; Fault = @{ Kind = 'Status'; StatusCode = 500 }; ErrorId = 'ServerError'; Category = 'InvalidOperation' }
            @{ Case = 'a 503 answer'; Fault = @{ Kind = 'Status'; StatusCode = 503 }; ErrorId = 'ServerError'; Category = 'InvalidOperation' }
            @{ Case = 'a dropped answer'; Fault = @{ Kind = 'Drop' }; ErrorId = 'ConnectionFailed'; Category = 'ConnectionError' }
        ) {
            Add-ArgilSandboxFault @Fault -Method POST -Path /voices -Count 5
            $voice = New-ArgilVoice -Name "Team's voice" -AudioUrl $audioUrl -ErrorVariable failures -ErrorAction SilentlyContinue
            $voice | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,ArgilPS.Commands.NewArgilVoiceCommand"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            $failures[0].TargetObject | Should -Be "Team's voice"
            $failures[0].Exception.MayHaveSucceeded | Should -BeTrue
            $failures[0].Exception.Message | Should -Match ([regex]::Escape("The voice 'Team's voice' may have been created (and billed); check with Get-ArgilVoice -Visibility private -Name 'Team''s voice'"))
            $failures[0].ErrorDetails.RecommendedAction | Should -Match 'before running New-ArgilVoice again'
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 1
        }

        It 'writes OperationTimeout for an answer slower than -TimeoutSec, and does not send it again' {
            Connect-Argil -Sandbox -SandboxTimeMode Manual -TimeoutSec 1 -Scope Runspace
            try {
                Add-ArgilSandboxFault -Kind Delay -DelaySec 5 -Method POST -Path /voices
                $null = New-ArgilVoice -Name 'Slow' -AudioUrl $audioUrl -ErrorVariable failures -ErrorAction SilentlyContinue
                $failures | Should -HaveCount 1
                Get-ErrorIdPrefix $failures[0] | Should -Be 'OperationTimeout'
                $failures[0].Exception.MayHaveSucceeded | Should -BeTrue
                $failures[0].Exception.Message | Should -Match 'may have been created'
                $failures[0].Exception.Attempts | Should -Be 1
            } finally {
                Disconnect-Argil
            }
        }

        It 'retries a 429 (Argil did not act on it) and succeeds' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 429 -RetryAfter 2 -Method POST -Path /voices -Count 1
            $voice = New-ArgilVoice -Name 'Throttled once' -AudioUrl $audioUrl -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 0
            $voice.Name | Should -Be 'Throttled once'
            (Get-ArgilSandboxRequest -Method POST).StatusCode -join ',' | Should -Be '429,201'
        }
    }

    Context 'Completion' {
        It 'completes -ModelId with the documented models and their provider' {
            $result = TabExpansion2 -inputScript 'New-ArgilVoice -ModelId eleven_multi' -cursorColumn 36
            $result.CompletionMatches.CompletionText -join ',' | Should -Be "'eleven_multilingual_v2','eleven_multilingual_v1'"
            $result.CompletionMatches[0].ListItemText | Should -Be 'eleven_multilingual_v2 (ElevenLabs)'
            $result.CompletionMatches[0].ToolTip | Should -Be 'ElevenLabs model, recommended'
        }

        It 'completes -Emotion with the documented values' {
            $result = TabExpansion2 -inputScript 'New-ArgilVoice -Emotion ' -cursorColumn 24
            $result.CompletionMatches.CompletionText -join ',' | Should -Be "'auto','happy','sad','angry','fearful','disgusted','surprised','neutral'"
        }
    }

    Context 'Help' {
        It 'has help with examples for CSV rows and -WhatIf' {
            $help = Get-Help New-ArgilVoice -Full
            "$($help.Synopsis)" | Should -Match 'voice'
            $code = @($help.examples.example | ForEach-Object { "$($_.code)" }) -join "`n"
            $code | Should -Match 'Import-Csv'
            $code | Should -Match '-WhatIf'
        }
    }
}
