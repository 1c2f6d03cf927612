# New-ArgilWebhook: registering callback URLs, the https rule, binding by property name, -WhatIf.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $hookUrl = 'https://hooks.example.com/argil'
}

AfterAll {
    Disconnect-Argil
}

Describe 'New-ArgilWebhook' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command New-ArgilWebhook }

        It 'has one parameter set with the mandatory -CallbackUrl and -Event' {
            $command.ParameterSets | Should -HaveCount 1
            Get-MandatoryParameterName New-ArgilWebhook $command.ParameterSets[0].Name | Should -Be 'CallbackUrl,Event'
        }

        It 'takes -CallbackUrl as a Uri at position 0 and -Event as string[] at position 1, also as -Events, both by property name' {
            $command | Should -HaveParameter CallbackUrl -Type ([uri]) -Mandatory
            $command | Should -HaveParameter Event -Type ([string[]]) -Mandatory -Alias Events
            $set = $command.ParameterSets[0].Name
            (Get-SetParameter New-ArgilWebhook $set CallbackUrl).Position | Should -Be 0
            (Get-SetParameter New-ArgilWebhook $set Event).Position | Should -Be 1
            (Get-SetParameter New-ArgilWebhook $set CallbackUrl).ValueFromPipelineByPropertyName | Should -BeTrue
            (Get-SetParameter New-ArgilWebhook $set Event).ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'supports -WhatIf and -Confirm' {
            $command | Should -HaveParameter WhatIf
            $command | Should -HaveParameter Confirm
        }
    }

    Context 'Creating' {
        It 'creates an ArgilPS.Webhook with the events once each' {
            $webhook = New-ArgilWebhook -CallbackUrl $hookUrl -Event VIDEO_GENERATION_SUCCESS, video_generation_success, AVATAR_TRAINING_FAILED
            $webhook.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Webhook'
            $webhook.CallbackUrl | Should -Be $hookUrl
            $webhook.Events -join ',' | Should -Be 'VIDEO_GENERATION_SUCCESS,AVATAR_TRAINING_FAILED'
            $post = Get-ArgilSandboxRequest -Method POST
            $post | Should -HaveCount 1
            $post.Body | Should -Be '{"callbackUrl":"https://hooks.example.com/argil","events":["VIDEO_GENERATION_SUCCESS","AVATAR_TRAINING_FAILED"]}'
        }

        It 'takes the parameters by position' {
            (New-ArgilWebhook $hookUrl AVATAR_TRAINING_SUCCESS).Events -join ',' | Should -Be 'AVATAR_TRAINING_SUCCESS'
        }

        It 'makes one webhook per piped object (CallbackUrl and Events properties)' {
            $rows = "CallbackUrl,Events`nhttps://a.example.com/h,AVATAR_TRAINING_SUCCESS`nhttps://b.example.com/h,VIDEO_GENERATION_FAILED" | ConvertFrom-Csv
            ($rows | New-ArgilWebhook).CallbackUrl -join ',' | Should -Be 'https://a.example.com/h,https://b.example.com/h'
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 2
        }

        It 'takes a loopback http:// address while connected to the sandbox' {
            (New-ArgilWebhook -CallbackUrl 'http://127.0.0.1:8080/argil/' -Event AVATAR_TRAINING_SUCCESS).CallbackUrl | Should -Be 'http://127.0.0.1:8080/argil/'
        }

        It 'sends nothing with -WhatIf' {
            New-ArgilWebhook -CallbackUrl $hookUrl -Event AVATAR_TRAINING_SUCCESS -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'Validation' {
        It 'refuses <Case> with InvalidCallbackUrl naming -CallbackUrl, before any request' -ForEach @(
            @{ Case = 'plain http to a remote host'; Url = 'http://hooks.example.com/argil'; Rule = 'must use https://' }
            @{ Case = 'another scheme'; Url = 'ftp://hooks.example.com/argil'; Rule = "scheme 'ftp'" }
            @{ Case = 'a relative address'; Url = 'argil/hook'; Rule = 'not an absolute URL' }
        ) {
            $null = New-ArgilWebhook -CallbackUrl $Url -Event AVATAR_TRAINING_SUCCESS -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidCallbackUrl,ArgilPS.Commands.NewArgilWebhookCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].TargetObject | Should -Be $Url
            $failures[0].Exception.ParamName | Should -Be 'CallbackUrl'
            $failures[0].ToString() | Should -BeLike "*-CallbackUrl*$Rule*"
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses a loopback http:// address when connected to the real API' {
            Connect-Argil -ApiKey (ConvertTo-TestSecureString 'a-key-for-a-remote-api') -BaseUri 'https://api.example.com/v1' -Scope Runspace
            try {
                $null = New-ArgilWebhook -CallbackUrl 'http://127.0.0.1:8080/' -Event AVATAR_TRAINING_SUCCESS -ErrorVariable failures -ErrorAction SilentlyContinue
            } finally {
                Disconnect-Argil
            }
            $failures | Should -HaveCount 1
            Get-ErrorIdPrefix $failures[0] | Should -Be 'InvalidCallbackUrl'
            $failures[0].ToString() | Should -BeLike '*only for a loopback receiver while connected to the sandbox*'
        }

        It 'refuses <Case> with ParameterArgumentValidationError naming -<Parameter>' -ForEach @(
            @{ Case = 'an unknown event'; Parameter = 'Event'; Arguments = @{ CallbackUrl = 'https://h.example.com'; Event = 'VIDEO_DELETED' } }
            @{ Case = 'no events'; Parameter = 'Event'; Arguments = @{ CallbackUrl = 'https://h.example.com'; Event = @() } }
        ) {
            $thrown = { New-ArgilWebhook @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError*,ArgilPS.Commands.NewArgilWebhookCommand' -PassThru
            $thrown.Exception.ParameterName | Should -Be $Parameter
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'Failures of the API' {
        It 'does not send the POST again after a 500 and says the webhook may exist' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 500 -Method POST -Path /webhooks
            $null = New-ArgilWebhook -CallbackUrl $hookUrl -Event AVATAR_TRAINING_SUCCESS -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'ServerError,ArgilPS.Commands.NewArgilWebhookCommand'
            $failures[0].ToString() | Should -BeLike '*may have been created*Get-ArgilWebhook*'
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 1
        }
    }
}
