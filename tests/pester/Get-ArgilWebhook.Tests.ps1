# Get-ArgilWebhook: the list, ids found in it (the API has no GET by id), -Event, the pipeline, errors.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $videoHook = New-ArgilWebhook -CallbackUrl 'https://video.example.com/h' -Event VIDEO_GENERATION_SUCCESS, VIDEO_GENERATION_FAILED
    $avatarHook = New-ArgilWebhook -CallbackUrl 'https://avatar.example.com/h' -Event AVATAR_TRAINING_SUCCESS
}

AfterAll {
    Disconnect-Argil
}

Describe 'Get-ArgilWebhook' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Get-ArgilWebhook }

        It 'has one parameter set and no mandatory parameter' {
            $command.ParameterSets | Should -HaveCount 1
            Get-MandatoryParameterName Get-ArgilWebhook $command.ParameterSets[0].Name | Should -Be ''
        }

        It 'takes -Id as string[] at position 0, by value and by property name, also as -WebhookId' {
            $command | Should -HaveParameter Id -Type ([string[]]) -Alias WebhookId
            $id = Get-SetParameter Get-ArgilWebhook $command.ParameterSets[0].Name Id
            $id.Position | Should -Be 0
            $id.ValueFromPipeline | Should -BeTrue
            $id.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'takes -Event as string[] of the four events' {
            $command | Should -HaveParameter Event -Type ([string[]])
            ($command.Parameters['Event'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues -join ',' |
                Should -Be 'AVATAR_TRAINING_SUCCESS,AVATAR_TRAINING_FAILED,VIDEO_GENERATION_SUCCESS,VIDEO_GENERATION_FAILED'
        }

        It 'does not support -WhatIf' {
            $command.Parameters.ContainsKey('WhatIf') | Should -BeFalse
        }
    }

    Context 'Listing' {
        It 'lists every webhook as ArgilPS.Webhook with one request' {
            $all = Get-ArgilWebhook
            $all | Should -HaveCount 2
            $all | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Webhook' }
            Get-ArgilSandboxRequest | Should -HaveCount 1
            (Get-ArgilSandboxRequest).Path | Should -Be '/webhooks'
        }

        It 'keeps the webhooks subscribed to any of the -Event names' {
            (Get-ArgilWebhook -Event VIDEO_GENERATION_FAILED).Id | Should -Be $videoHook.Id
            (Get-ArgilWebhook -Event VIDEO_GENERATION_FAILED, AVATAR_TRAINING_SUCCESS) | Should -HaveCount 2
            Get-ArgilWebhook -Event AVATAR_TRAINING_FAILED | Should -BeNullOrEmpty
        }
    }

    Context 'By id and from the pipeline' {
        It 'gets webhooks by id in the order given, with one request for the list' {
            (Get-ArgilWebhook -Id $avatarHook.Id, $videoHook.Id).Id -join ',' | Should -Be "$($avatarHook.Id),$($videoHook.Id)"
            Get-ArgilSandboxRequest | Should -HaveCount 1
        }

        It 'takes piped ids, webhooks and objects with a WebhookId property, listing once per call' {
            ($avatarHook.Id, $videoHook.Id | Get-ArgilWebhook) | Should -HaveCount 2
            (Get-ArgilWebhook | Get-ArgilWebhook) | Should -HaveCount 2
            ([pscustomobject]@{ WebhookId = $videoHook.Id } | Get-ArgilWebhook).CallbackUrl | Should -Be 'https://video.example.com/h'
            Get-ArgilSandboxRequest | Should -HaveCount 4
        }

        It 'writes WebhookNotFound (ObjectNotFound, the id as target) for an unknown id and still outputs the others' {
            $found = Get-ArgilWebhook -Id 'no-such-webhook', $videoHook.Id -ErrorVariable failures -ErrorAction SilentlyContinue
            $found.Id | Should -Be $videoHook.Id
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'WebhookNotFound,ArgilPS.Commands.GetArgilWebhookCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'no-such-webhook'
        }

        It 'throws WebhookNotFound with -ErrorAction Stop' {
            { Get-ArgilWebhook -Id 'no-such-webhook' -ErrorAction Stop } | Should -Throw -ErrorId 'WebhookNotFound,*'
        }
    }

    Context 'Validation and failures' {
        It 'refuses <Case> with ParameterArgumentValidationError naming -<Parameter>' -ForEach @(
            @{ Case = 'an empty id'; Parameter = 'Id'; Arguments = @{ Id = '' } }
            @{ Case = 'an unknown event'; Parameter = 'Event'; Arguments = @{ Event = 'VIDEO_DELETED' } }
        ) {
            $thrown = { Get-ArgilWebhook @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError*,ArgilPS.Commands.GetArgilWebhookCommand' -PassThru
            $thrown.Exception.ParameterName | Should -Be $Parameter
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'writes the API failure once per id, with one request, when the list cannot be read' {
            Connect-Argil -Sandbox -SandboxTimeMode Manual -MaximumRetryCount 0 -Scope Runspace
            try {
                Add-ArgilSandboxFault -Kind Status -StatusCode 500 -Method GET -Path /webhooks -Count 5
                $null = Get-ArgilWebhook -Id 'a', 'b' -ErrorVariable failures -ErrorAction SilentlyContinue
                $failures | Should -HaveCount 2
                $failures | ForEach-Object { Get-ErrorIdPrefix $_ | Should -Be 'ServerError' }
                $failures.TargetObject -join ',' | Should -Be 'a,b'
                Get-ArgilSandboxRequest | Should -HaveCount 1
            } finally {
                Disconnect-Argil
            }
        }
    }

    Context 'Completion' {
        It 'completes -Id with the webhook ids, showing the callback URL and the events' {
            $completion = TabExpansion2 -inputScript 'Get-ArgilWebhook -Id ' -cursorColumn 21
            $completion.CompletionMatches.CompletionText | Should -Contain "'$($avatarHook.Id)'"
            $match = $completion.CompletionMatches | Where-Object CompletionText -EQ "'$($avatarHook.Id)'"
            $match.ListItemText | Should -Be "$($avatarHook.Id) (https://avatar.example.com/h)"
            $match.ToolTip | Should -Be 'https://avatar.example.com/h: AVATAR_TRAINING_SUCCESS'
        }

        It 'completes -Event with the four events' {
            ((TabExpansion2 -inputScript 'Get-ArgilWebhook -Event VIDEO' -cursorColumn 28).CompletionMatches.CompletionText | Sort-Object) -join ',' |
                Should -Be 'VIDEO_GENERATION_FAILED,VIDEO_GENERATION_SUCCESS'
        }
    }

    Context 'Help' {
        It 'has help with examples' {
            $help = Get-Help Get-ArgilWebhook -Full
            $help.Synopsis | Should -BeLike '*webhooks*'
            @($help.examples.example).Count | Should -BeGreaterOrEqual 3
        }
    }
}
