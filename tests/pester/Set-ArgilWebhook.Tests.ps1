# Set-ArgilWebhook: PUT with only what is given, the pipeline, the nothing-to-change rule, -WhatIf.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
}

AfterAll {
    Disconnect-Argil
}

Describe 'Set-ArgilWebhook' {
    BeforeEach {
        Get-ArgilWebhook | Remove-ArgilWebhook -Force
        $hook = New-ArgilWebhook -CallbackUrl 'https://one.example.com/h' -Event VIDEO_GENERATION_SUCCESS
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Set-ArgilWebhook }

        It 'has the mandatory -Id (position 0, by value and by property name, alias WebhookId) and optional -CallbackUrl and -Event' {
            $set = $command.ParameterSets[0].Name
            Get-MandatoryParameterName Set-ArgilWebhook $set | Should -Be 'Id'
            $command | Should -HaveParameter Id -Type ([string[]]) -Mandatory -Alias WebhookId
            (Get-SetParameter Set-ArgilWebhook $set Id).Position | Should -Be 0
            (Get-SetParameter Set-ArgilWebhook $set Id).ValueFromPipeline | Should -BeTrue
            (Get-SetParameter Set-ArgilWebhook $set Id).ValueFromPipelineByPropertyName | Should -BeTrue
            $command | Should -HaveParameter CallbackUrl -Type ([uri])
            $command | Should -HaveParameter Event -Type ([string[]])
        }

        It 'does not take -CallbackUrl or -Event from piped objects (a webhook''s own values would be sent back)' {
            $set = $command.ParameterSets[0].Name
            (Get-SetParameter Set-ArgilWebhook $set CallbackUrl).ValueFromPipelineByPropertyName | Should -BeFalse
            (Get-SetParameter Set-ArgilWebhook $set Event).ValueFromPipelineByPropertyName | Should -BeFalse
        }
    }

    Context 'Changing' {
        It 'sends only -Event when only -Event is given' {
            $changed = Set-ArgilWebhook -Id $hook.Id -Event AVATAR_TRAINING_FAILED, AVATAR_TRAINING_FAILED
            $changed.Events -join ',' | Should -Be 'AVATAR_TRAINING_FAILED'
            $changed.CallbackUrl | Should -Be 'https://one.example.com/h'
            (Get-ArgilSandboxRequest -Method PUT).Body | Should -Be '{"events":["AVATAR_TRAINING_FAILED"]}'
        }

        It 'sends only -CallbackUrl when only -CallbackUrl is given' {
            (Set-ArgilWebhook $hook.Id -CallbackUrl 'https://two.example.com/h').Events -join ',' | Should -Be 'VIDEO_GENERATION_SUCCESS'
            (Get-ArgilSandboxRequest -Method PUT).Body | Should -Be '{"callbackUrl":"https://two.example.com/h"}'
        }

        It 'changes every piped webhook: Get-ArgilWebhook | Set-ArgilWebhook -Event' {
            $null = New-ArgilWebhook -CallbackUrl 'https://three.example.com/h' -Event AVATAR_TRAINING_SUCCESS
            $changed = Get-ArgilWebhook | Set-ArgilWebhook -Event VIDEO_GENERATION_FAILED
            $changed | Should -HaveCount 2
            $changed | ForEach-Object { $_.Events -join ',' | Should -Be 'VIDEO_GENERATION_FAILED' }
            Get-ArgilSandboxRequest -Method PUT | ForEach-Object { $_.Body | Should -Be '{"events":["VIDEO_GENERATION_FAILED"]}' }
        }

        It 'sends nothing with -WhatIf' {
            Set-ArgilWebhook -Id $hook.Id -Event AVATAR_TRAINING_FAILED -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest -Method PUT | Should -BeNullOrEmpty
        }
    }

    Context 'Validation and errors' {
        It 'stops with NothingToChange before any request when neither -CallbackUrl nor -Event is given' {
            $thrown = { Set-ArgilWebhook -Id $hook.Id } | Should -Throw -ErrorId 'NothingToChange,ArgilPS.Commands.SetArgilWebhookCommand' -PassThru
            $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $thrown.ToString() | Should -BeLike '*-CallbackUrl or -Event*'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'stops with InvalidCallbackUrl before any request for a non-https address' {
            $thrown = { Set-ArgilWebhook -Id $hook.Id -CallbackUrl 'http://remote.example.com/h' } | Should -Throw -ErrorId 'InvalidCallbackUrl,*' -PassThru
            $thrown.Exception.ParamName | Should -Be 'CallbackUrl'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses an unknown event with ParameterArgumentValidationError' {
            { Set-ArgilWebhook -Id $hook.Id -Event 'VIDEO_DELETED' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*,ArgilPS.Commands.SetArgilWebhookCommand'
        }

        It 'writes WebhookNotFound with the id as target for an unknown id' {
            $null = Set-ArgilWebhook -Id 'gone', $hook.Id -Event AVATAR_TRAINING_SUCCESS -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'WebhookNotFound,ArgilPS.Commands.SetArgilWebhookCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'gone'
            (Get-ArgilSandboxRequest -Method PUT) | Should -HaveCount 2
        }
    }
}
