# Get-ArgilVoice: listing with filters, getting by id, the pipeline, completion and the errors users meet.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    # The six public voices every fresh sandbox starts with; the sixth has no language and no gender.
    $publicVoiceIds = 1..6 | ForEach-Object { '00000000-0000-4000-8000-10000000000{0}' -f $_ }
    $mine = New-ArgilVoice -Name 'My [EN] voice' -AudioUrl 'https://example.com/me.mp3' -ErrorAction Stop
}

AfterAll {
    Disconnect-Argil
}

Describe 'Get-ArgilVoice' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Get-ArgilVoice }

        It 'has the parameter sets List (default) and Id' {
            (@($command.ParameterSets.Name | Sort-Object) -join ',') | Should -Be 'Id,List'
            $command.DefaultParameterSet | Should -Be 'List'
        }

        It 'has no mandatory parameter in the List set and a mandatory -Id in the Id set' {
            Get-MandatoryParameterName Get-ArgilVoice List | Should -Be ''
            Get-MandatoryParameterName Get-ArgilVoice Id | Should -Be 'Id'
        }

        It 'takes -Id as string[] at position 0, from the pipeline and by property name, also as -VoiceId' {
            $command | Should -HaveParameter Id -Type ([string[]]) -Mandatory -Alias VoiceId
            $id = Get-SetParameter Get-ArgilVoice Id Id
            $id.Position | Should -Be 0
            $id.ValueFromPipeline | Should -BeTrue
            $id.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'filters by -<_> in the List set only' -ForEach @('Name', 'Language', 'Gender', 'Visibility') {
            $command | Should -HaveParameter $_ -Type ([string])
            Get-SetParameter Get-ArgilVoice List $_ | Should -Not -BeNullOrEmpty
            Get-SetParameter Get-ArgilVoice Id $_ | Should -BeNullOrEmpty
        }

        It 'takes the 11 documented languages, MALE or FEMALE, public or private' {
            $set = { param($name) $command.Parameters[$name].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } }
            (& $set Language).ValidValues -join ',' | Should -Be 'ENGLISH,SPANISH,FRENCH,PORTUGUESE,BRAZILIAN_PORTUGUESE,GERMAN,RUSSIAN,HINDI,CHINESE,DUTCH,ARABIC'
            (& $set Gender).ValidValues -join ',' | Should -Be 'MALE,FEMALE'
            (& $set Visibility).ValidValues -join ',' | Should -Be 'public,private'
        }

        It 'does not support -WhatIf (it changes nothing)' {
            $command.Parameters.ContainsKey('WhatIf') | Should -BeFalse
        }

        It 'declares its output type ArgilPS.Voice' {
            $command.OutputType.Name | Should -Contain 'ArgilPS.Voice'
        }
    }

    Context 'Listing' {
        It 'lists the public and private voices as ArgilPS.Voice objects in one request' {
            $voices = Get-ArgilVoice
            $voices | Should -HaveCount 7
            $voices | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Voice' }
            $voices.Id | Should -Contain $publicVoiceIds[0]
            $voices.Id | Should -Contain $mine.Id
            Get-ArgilSandboxRequest | Should -HaveCount 1
            (Get-ArgilSandboxRequest).Path | Should -Be '/voices'
        }

        It 'sends -Language, -Gender and -Visibility as query parameters, as the API spells them' {
            $voices = Get-ArgilVoice -Language english -Gender female -Visibility PUBLIC
            $voices.Name | Should -Be 'Sandbox Emma'
            (Get-ArgilSandboxRequest).Query | Should -Be 'language=ENGLISH&gender=FEMALE&visibility=public'
        }

        It 'lists only the workspace''s own voices with -Visibility private' {
            (Get-ArgilVoice -Visibility private).Id | Should -Be $mine.Id
        }

        It 'shows a voice without language or gender with both empty' {
            $narrator = Get-ArgilVoice -Id $publicVoiceIds[5]
            $narrator.Language | Should -BeNullOrEmpty
            $narrator.Gender | Should -BeNullOrEmpty
            $narrator.Status | Should -Be 'IDLE'
        }

        It 'matches -Name with wildcards, case-insensitively' {
            (Get-ArgilVoice -Name 'sandbox*').Count | Should -Be 6
            (Get-ArgilVoice -Name '*CAMILLE').Id | Should -Be $publicVoiceIds[2]
        }

        It 'matches a name typed as it is, brackets included' {
            (Get-ArgilVoice -Name 'My [EN] voice').Id | Should -Be $mine.Id
        }

        It 'writes nothing and no error for a wildcard that matches nothing' {
            Get-ArgilVoice -Name 'zz*' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures | Should -HaveCount 0
        }

        It 'writes VoiceNotFound for an exact -Name that matches nothing, with the name as target' {
            $null = Get-ArgilVoice -Name 'Nobody' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'VoiceNotFound,ArgilPS.Commands.GetArgilVoiceCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'Nobody'
            $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Get-ArgilVoice'
        }

        It 'formats as a table that fits 80 columns' {
            $lines = @(Get-ArgilVoice | Format-Table | Out-String -Width 80) -split "`n" | Where-Object { $_.Trim() }
            $lines[0] | Should -Match 'Id\s+Name\s+Status\s+Gender\s+Language'
            $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
            ($lines -join "`n") | Should -Match 'Sandbox Camille\s+IDLE\s+FEMALE\s+FRENCH'
        }
    }

    Context 'By id and from the pipeline' {
        It 'gets one voice by id, by position' {
            $voice = Get-ArgilVoice $publicVoiceIds[1]
            $voice.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Voice'
            $voice.Name | Should -Be 'Sandbox James'
            $voice.Language | Should -Be 'ENGLISH'
            $voice.Gender | Should -Be 'MALE'
            "$voice" | Should -Be $publicVoiceIds[1]
            (Get-ArgilSandboxRequest).Path | Should -Be "/voices/$($publicVoiceIds[1])"
        }

        It 'gets several ids in order' {
            (Get-ArgilVoice -Id $publicVoiceIds[2], $publicVoiceIds[0]).Id -join ',' | Should -Be "$($publicVoiceIds[2]),$($publicVoiceIds[0])"
        }

        It 'takes piped id strings (all of them)' {
            ($publicVoiceIds | Get-ArgilVoice) | Should -HaveCount 6
            Get-ArgilSandboxRequest | Should -HaveCount 6
        }

        It 'takes piped voices (refreshing them)' {
            $refreshed = Get-ArgilVoice -Language FRENCH | Get-ArgilVoice
            $refreshed.Name | Should -Be 'Sandbox Camille'
            (Get-ArgilSandboxRequest)[-1].Path | Should -Be "/voices/$($publicVoiceIds[2])"
        }

        It 'takes piped objects with an <Property> property' -ForEach @(
            @{ Property = 'Id' }
            @{ Property = 'VoiceId' }
        ) {
            $objects = $publicVoiceIds[0..1] | ForEach-Object { [pscustomobject]@{ $Property = $_; Other = 'ignored' } }
            ($objects | Get-ArgilVoice).Id -join ',' | Should -Be ($publicVoiceIds[0..1] -join ',')
        }

        It 'takes the VoiceId column of CSV rows' {
            $rows = "Name,VoiceId`nIntro,$($mine.Id)`nOutro,$($publicVoiceIds[3])" | ConvertFrom-Csv
            ($rows | Get-ArgilVoice).Name -join ',' | Should -Be 'My [EN] voice,Sandbox Mateo'
        }

        It 'writes VoiceNotFound for an unknown id, with the id as target, and still gets the others' {
            $voices = Get-ArgilVoice -Id $publicVoiceIds[0], 'no-such-voice', $publicVoiceIds[1] -ErrorVariable failures -ErrorAction SilentlyContinue
            $voices | Should -HaveCount 2
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'VoiceNotFound,ArgilPS.Commands.GetArgilVoiceCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'no-such-voice'
            $failures[0].Exception.StatusCode | Should -Be 404
            $failures[0].Exception.Message | Should -Match "No voice with id 'no-such-voice'"
            $failures[0].ErrorDetails.RecommendedAction | Should -Be 'List the voices you can use with Get-ArgilVoice.'
        }

        It 'throws VoiceNotFound with -ErrorAction Stop' {
            { Get-ArgilVoice -Id 'no-such-voice' -ErrorAction Stop } | Should -Throw -ErrorId 'VoiceNotFound,*'
        }

        It 'refuses the id "<_>", which is not one voice, with InvalidRequest and no request' -ForEach @('.', '..', '%2e%2E') {
            $null = Get-ArgilVoice -Id $_ -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            Get-ErrorIdPrefix $failures[0] | Should -Be 'InvalidRequest'
            $failures[0].TargetObject | Should -Be $_
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'Validation before any request' {
        It 'refuses <Case> with ParameterArgumentValidationError naming -<Parameter>' -ForEach @(
            @{ Case = 'an unknown language'; Parameter = 'Language'; Arguments = @{ Language = 'KLINGON' } }
            @{ Case = 'an unknown gender'; Parameter = 'Gender'; Arguments = @{ Gender = 'OTHER' } }
            @{ Case = 'an unknown visibility'; Parameter = 'Visibility'; Arguments = @{ Visibility = 'secret' } }
            @{ Case = 'an empty name'; Parameter = 'Name'; Arguments = @{ Name = '' } }
            @{ Case = 'an unreadable wildcard pattern'; Parameter = 'Name'; Arguments = @{ Name = 'Emma [EN' } }
            @{ Case = 'an empty id'; Parameter = 'Id'; Arguments = @{ Id = '' } }
        ) {
            $thrown = { Get-ArgilVoice @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.GetArgilVoiceCommand' -PassThru
            $thrown.Exception.ParameterName | Should -Be $Parameter
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses -Id together with a filter (ambiguous parameter set)' {
            { Get-ArgilVoice -Id $publicVoiceIds[0] -Gender MALE } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'Completion' {
        It 'completes -Id with voice ids, quoted, showing name and language' {
            $result = TabExpansion2 -inputScript 'Get-ArgilVoice -Id ' -cursorColumn 19
            $camille = $result.CompletionMatches | Where-Object CompletionText -EQ "'$($publicVoiceIds[2])'"
            $camille.ListItemText | Should -Be "$($publicVoiceIds[2]) (Sandbox Camille)"
            $camille.ToolTip | Should -Be 'Sandbox Camille: FRENCH, FEMALE'
        }

        It 'completes -Name with voice names, escaped for wildcards' {
            $result = TabExpansion2 -inputScript 'Get-ArgilVoice -Name My' -cursorColumn 22
            $result.CompletionMatches.CompletionText | Should -Be "'My ``[EN``] voice'"
        }

        It 'completes New-ArgilAvatar -VoiceId with the same voice ids' {
            $result = TabExpansion2 -inputScript 'New-ArgilAvatar -VoiceId Sandbox' -cursorColumn 32
            $result.CompletionMatches | Should -HaveCount 6
            $result.CompletionMatches.CompletionText | Should -Contain "'$($publicVoiceIds[0])'"
        }

        It 'completes -Language with the documented languages' {
            $result = TabExpansion2 -inputScript 'Get-ArgilVoice -Language BR' -cursorColumn 27
            $result.CompletionMatches.CompletionText | Should -Be 'BRAZILIAN_PORTUGUESE'
        }
    }

    Context 'Failures of the API' {
        It 'retries a 503 and succeeds' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 503 -Method GET -Path /voices -Count 2
            Get-ArgilVoice -ErrorVariable failures -ErrorAction SilentlyContinue | Should -HaveCount 7
            $failures | Should -HaveCount 0
            (Get-ArgilSandboxRequest).StatusCode -join ',' | Should -Be '503,503,200'
        }

        It 'writes UnexpectedResponse for malformed JSON, with -Name as target' {
            Add-ArgilSandboxFault -Kind MalformedJson -Method GET -Path /voices
            $null = Get-ArgilVoice -Name 'Sandbox*' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'UnexpectedResponse,ArgilPS.Commands.GetArgilVoiceCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
            $failures[0].TargetObject | Should -Be 'Sandbox*'
        }
    }

    Context 'Help' {
        It 'has help with a synopsis and examples' {
            $help = Get-Help Get-ArgilVoice -Full
            "$($help.Synopsis)" | Should -Match 'voices'
            @($help.examples.example).Count | Should -BeGreaterOrEqual 3
        }
    }
}
