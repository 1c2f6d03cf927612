# Sync-ArgilVoice: re-importing the voices of the workspace's connected providers.
# The sandbox's workspace has one connected provider, ELEVEN_LABS; MINIMAX is not connected.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
}

AfterAll {
    Disconnect-Argil
}

Describe 'Sync-ArgilVoice' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Sync-ArgilVoice }

        It 'has one parameter set and no mandatory parameter' {
            $command.ParameterSets | Should -HaveCount 1
            Get-MandatoryParameterName Sync-ArgilVoice $command.ParameterSets[0].Name | Should -Be ''
        }

        It 'takes -Provider (ELEVEN_LABS or MINIMAX) at position 0, not from the pipeline' {
            $command | Should -HaveParameter Provider -Type ([string])
            $provider = Get-SetParameter Sync-ArgilVoice $command.ParameterSets[0].Name Provider
            $provider.Position | Should -Be 0
            $provider.ValueFromPipeline | Should -BeFalse
            $provider.ValueFromPipelineByPropertyName | Should -BeFalse
            ($command.Parameters['Provider'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues -join ',' | Should -Be 'ELEVEN_LABS,MINIMAX'
        }

        It 'supports -WhatIf and -Confirm, and declares ArgilPS.VoiceProviderSync' {
            $command.Parameters.ContainsKey('WhatIf') | Should -BeTrue
            $command.Parameters.ContainsKey('Confirm') | Should -BeTrue
            $command.OutputType.Name | Should -Contain 'ArgilPS.VoiceProviderSync'
        }
    }

    Context 'Syncing' {
        It 'syncs every connected provider with a POST without a body, and outputs the connections SYNCING' {
            $connections = Sync-ArgilVoice
            $connections | Should -HaveCount 1
            $connections[0].PSObject.TypeNames[0] | Should -Be 'ArgilPS.VoiceProviderSync'
            $connections[0].ProviderName | Should -Be 'ELEVEN_LABS'
            $connections[0].SyncStatus | Should -Be 'SYNCING'
            $connections[0].Id | Should -Match '^[0-9a-f-]{36}$'
            $connections[0].ConnectionName | Should -Not -BeNullOrEmpty
            $post = Get-ArgilSandboxRequest
            $post | Should -HaveCount 1
            $post.Method | Should -Be 'POST'
            $post.Path | Should -Be '/voices/sync'
            $post.Body | Should -Be ''
        }

        It 'sends {"providerName": ...} as the API spells it with -Provider, by position too' {
            (Sync-ArgilVoice eleven_labs).ProviderName | Should -Be 'ELEVEN_LABS'
            (Get-ArgilSandboxRequest).Body | Should -Be '{"providerName":"ELEVEN_LABS"}'
        }

        It 'lets Get-ArgilVoice list the imported voice afterwards' {
            $null = Sync-ArgilVoice
            (Get-ArgilVoice -Visibility private).Name | Should -Contain 'Sandbox ElevenLabs import'
        }

        It 'formats as a table that fits 80 columns' {
            $lines = @(Sync-ArgilVoice | Format-Table | Out-String -Width 80) -split "`n" | Where-Object { $_.Trim() }
            $lines[0] | Should -Match 'Id\s+ProviderName\s+SyncStatus\s+ConnectionName'
            $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
            ($lines -join "`n") | Should -Match 'ELEVEN_LABS\s+SYNCING'
        }
    }

    Context '-WhatIf' {
        It 'sends nothing and outputs nothing' {
            Sync-ArgilVoice -WhatIf | Should -BeNullOrEmpty
            Sync-ArgilVoice -Provider MINIMAX -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'says which provider it syncs (the ShouldProcess text, shown by -Verbose)' {
            $records = Sync-ArgilVoice -Provider ELEVEN_LABS -Verbose 4>&1
            $said = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })[0].Message
            $said | Should -Match 'ELEVEN_LABS'
        }
    }

    Context 'Errors' {
        It 'refuses an unknown provider with ParameterArgumentValidationError naming -Provider, before any request' {
            $thrown = { Sync-ArgilVoice -Provider GOOGLE } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.SyncArgilVoiceCommand' -PassThru
            $thrown.Exception.ParameterName | Should -Be 'Provider'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'writes InvalidRequest for a provider that is not connected, with the provider as target' {
            $connections = Sync-ArgilVoice -Provider MINIMAX -ErrorVariable failures -ErrorAction SilentlyContinue
            $connections | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,ArgilPS.Commands.SyncArgilVoiceCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].TargetObject | Should -Be 'MINIMAX'
            $failures[0].Exception.StatusCode | Should -Be 400
            $failures[0].Exception.ApiMessage | Should -Match 'no MINIMAX voice provider is connected'
        }

        It 'writes ServerError for a 503 and does not send it again' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 503 -Method POST -Path /voices/sync -Count 5
            $null = Sync-ArgilVoice -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'ServerError,ArgilPS.Commands.SyncArgilVoiceCommand'
            $failures[0].Exception.MayHaveSucceeded | Should -BeTrue
            (Get-ArgilSandboxRequest).Fault | Should -Match '503'
            Get-ArgilSandboxRequest | Should -HaveCount 1
        }

        It 'throws with -ErrorAction Stop, which try/catch sees' {
            { Sync-ArgilVoice -Provider MINIMAX -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRequest,*'
        }
    }

    Context 'Completion' {
        It 'completes -Provider with the two providers' {
            $result = TabExpansion2 -inputScript 'Sync-ArgilVoice -Provider M' -cursorColumn 27
            $result.CompletionMatches.CompletionText | Should -Be 'MINIMAX'
        }
    }

    Context 'Help' {
        It 'has help with examples' {
            $help = Get-Help Sync-ArgilVoice -Full
            "$($help.Synopsis)" | Should -Match 'ElevenLabs or Minimax'
            @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        }
    }
}
