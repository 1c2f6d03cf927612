# Remove-ArgilWebhook: DELETE answered 204, ConfirmImpact High with -Force, -WhatIf, the pipeline, errors.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
}

AfterAll {
    Disconnect-Argil
}

Describe 'Remove-ArgilWebhook' {
    BeforeEach {
        Get-ArgilWebhook | Remove-ArgilWebhook -Force
        $first = New-ArgilWebhook -CallbackUrl 'https://first.example.com/h' -Event VIDEO_GENERATION_SUCCESS
        $second = New-ArgilWebhook -CallbackUrl 'https://second.example.com/h' -Event AVATAR_TRAINING_SUCCESS
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Remove-ArgilWebhook }

        It 'takes the mandatory -Id at position 0 by value and by property name (alias WebhookId), and -Force' {
            $set = $command.ParameterSets[0].Name
            Get-MandatoryParameterName Remove-ArgilWebhook $set | Should -Be 'Id'
            $command | Should -HaveParameter Id -Type ([string[]]) -Mandatory -Alias WebhookId
            (Get-SetParameter Remove-ArgilWebhook $set Id).Position | Should -Be 0
            (Get-SetParameter Remove-ArgilWebhook $set Id).ValueFromPipeline | Should -BeTrue
            (Get-SetParameter Remove-ArgilWebhook $set Id).ValueFromPipelineByPropertyName | Should -BeTrue
            $command | Should -HaveParameter Force -Type ([switch])
        }

        It 'has ConfirmImpact High' {
            $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attribute.ConfirmImpact | Should -Be 'High'
            $attribute.SupportsShouldProcess | Should -BeTrue
        }
    }

    Context 'Deleting' {
        It 'deletes with -Force, handles the 204 without a body and outputs nothing' {
            Remove-ArgilWebhook -Id $first.Id -Force | Should -BeNullOrEmpty
            $delete = Get-ArgilSandboxRequest -Method DELETE
            $delete.Path | Should -Be "/webhooks/$($first.Id)"
            $delete.StatusCode | Should -Be 204
            (Get-ArgilWebhook).Id | Should -Be $second.Id
        }

        It 'takes piped webhooks, ids and objects with a WebhookId property' {
            Get-ArgilWebhook | Remove-ArgilWebhook -Force
            Get-ArgilWebhook | Should -BeNullOrEmpty
            $third = New-ArgilWebhook -CallbackUrl 'https://third.example.com/h' -Event AVATAR_TRAINING_SUCCESS
            [pscustomobject]@{ WebhookId = $third.Id } | Remove-ArgilWebhook -Force
            Get-ArgilWebhook | Should -BeNullOrEmpty
        }

        It 'deletes nothing with -WhatIf, even with -Force' {
            Remove-ArgilWebhook -Id $first.Id -WhatIf -Force
            Remove-ArgilWebhook -Id $first.Id -WhatIf
            Get-ArgilSandboxRequest -Method DELETE | Should -BeNullOrEmpty
        }

        It 'deletes nothing with $WhatIfPreference set, even with -Force' {
            $WhatIfPreference = $true
            try { Remove-ArgilWebhook -Id $first.Id -Force } finally { $WhatIfPreference = $false }
            Get-ArgilSandboxRequest -Method DELETE | Should -BeNullOrEmpty
        }

        It 'asks without -Force (ConfirmImpact High): with confirmation turned off by $ConfirmPreference it deletes' {
            $ConfirmPreference = 'None'
            Remove-ArgilWebhook -Id $first.Id
            Get-ArgilSandboxRequest -Method DELETE | Should -HaveCount 1
        }
    }

    Context 'Errors' {
        It 'writes WebhookNotFound (ObjectNotFound, the id as target) for an unknown id and deletes the others' {
            Remove-ArgilWebhook -Id 'gone', $first.Id -Force -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'WebhookNotFound,ArgilPS.Commands.RemoveArgilWebhookCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'gone'
            (Get-ArgilWebhook).Id | Should -Be $second.Id
        }

        It 'refuses an empty id with ParameterArgumentValidationError before any request' {
            { Remove-ArgilWebhook -Id '' -Force } | Should -Throw -ErrorId 'ParameterArgumentValidationError*,ArgilPS.Commands.RemoveArgilWebhookCommand'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }
}
