# Invoke-ArgilRestMethod: any endpoint, with the session's key, retries and error mapping.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $imageUrl = 'https://example.com/portrait-1080x1920.png'
}

AfterAll {
    Disconnect-Argil
}

Describe 'Invoke-ArgilRestMethod' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Invoke-ArgilRestMethod }

        It 'has one parameter set, in which only -Path is mandatory, at position 0' {
            $command.ParameterSets | Should -HaveCount 1
            Get-MandatoryParameterName Invoke-ArgilRestMethod $command.ParameterSets[0].Name | Should -Be 'Path'
            $command | Should -HaveParameter Path -Type ([string]) -Mandatory
            ($command.ParameterSets[0].Parameters | Where-Object Name -EQ 'Path').Position | Should -Be 0
        }

        It 'takes -Method, -Query and a -Body from the pipeline' {
            $command | Should -HaveParameter Method -Type ([string])
            $command | Should -HaveParameter Query -Type ([hashtable])
            $command | Should -HaveParameter Body -Type ([object])
            ($command.ParameterSets[0].Parameters | Where-Object Name -EQ 'Body').ValueFromPipeline | Should -BeTrue
        }
    }

    Context 'Calls' {
        It 'GET /avatars outputs the listed avatars one by one, as objects' {
            $items = Invoke-ArgilRestMethod /avatars
            $items | Should -HaveCount @(Get-ArgilAvatar).Count
            $items[0].id | Should -Be $PublicAvatarIds[0]
            $items[0].status | Should -Be 'IDLE'
            $request = (Get-ArgilSandboxRequest)[0]
            $request.Method | Should -Be 'GET'
            $request.Path | Should -Be '/avatars'
        }

        It 'GET /avatars/<id> outputs the one object' {
            (Invoke-ArgilRestMethod -Path "/avatars/$($PublicAvatarIds[1])").name | Should -Be 'Sandbox Street Reporter'
        }

        It 'accepts a path without a leading slash' {
            (Invoke-ArgilRestMethod -Path "avatars/$($PublicAvatarIds[1])").id | Should -Be $PublicAvatarIds[1]
        }

        It 'sends -Query as a query string, repeating the key for an array' {
            $null = Invoke-ArgilRestMethod /avatars -Query @{ visibility = 'public' }
            (Get-ArgilSandboxRequest)[-1].Query | Should -BeExactly 'visibility=public'
            # One key, so the order is certain: each value of the array repeats the key, in order.
            $null = Invoke-ArgilRestMethod /avatars -Query @{ orientation = @('ASPECT_RATIO_9_16', 'ASPECT_RATIO_16_9') }
            (Get-ArgilSandboxRequest)[-1].Query | Should -BeExactly 'orientation=ASPECT_RATIO_9_16&orientation=ASPECT_RATIO_16_9'
        }

        It 'POSTs a hashtable body as JSON' {
            $created = Invoke-ArgilRestMethod -Method POST -Path /avatars -Body @{ type = 'IMAGE'; name = 'Raw'; datasetImage = @{ url = $imageUrl } }
            $created.name | Should -Be 'Raw'
            $created.status | Should -Be 'TRAINING'
            (Get-ArgilAvatar -Id $created.id).Name | Should -Be 'Raw'
            (Get-ArgilSandboxRequest -Method POST).Body | Should -Match '"name":"Raw"'
        }

        It 'POSTs a JSON string piped in, unchanged' {
            $json = @{ type = 'IMAGE'; name = 'Piped JSON'; datasetImage = @{ url = $imageUrl } } | ConvertTo-Json -Compress
            ($json | Invoke-ArgilRestMethod -Method POST -Path /avatars).name | Should -Be 'Piped JSON'
            (Get-ArgilSandboxRequest -Method POST).Body | Should -Be $json
        }

        It 'sends nothing for a POST with -WhatIf' {
            Invoke-ArgilRestMethod -Method POST -Path /avatars -Body '{}' -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'still reads with -WhatIf (GET changes nothing)' {
            (Invoke-ArgilRestMethod -Path /avatars -WhatIf).id | Should -Contain $PublicAvatarIds[0]
            Get-ArgilSandboxRequest | Should -HaveCount 1
        }

        It 'retries a 429 on GET after Retry-After and succeeds' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 429 -RetryAfter 5 -Method GET -Path /avatars -Count 2
            (Invoke-ArgilRestMethod /avatars).id | Should -Contain $PublicAvatarIds[0]
            (Get-ArgilSandboxRequest).StatusCode -join ',' | Should -Be '429,429,200'
        }

        It 'outputs a body that is not JSON as text' {
            Add-ArgilSandboxFault -Kind Body -StatusCode 200 -Body 'plain words' -ContentType 'text/plain' -Path /avatars
            Invoke-ArgilRestMethod /avatars | Should -Be 'plain words'
        }
    }

    Context 'Errors' {
        It 'writes ResourceNotFound (ObjectNotFound) for a 404' {
            $null = Invoke-ArgilRestMethod /videos/none -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'ResourceNotFound,ArgilPS.Commands.InvokeArgilRestMethodCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be '/videos/none'
        }

        It 'writes InvalidRequest (InvalidArgument) for a body the API refuses' {
            $null = Invoke-ArgilRestMethod -Method POST -Path /avatars -Body @{ name = 'No type' } -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,ArgilPS.Commands.InvokeArgilRestMethodCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].Exception.StatusCode | Should -Be 400
        }

        It 'refuses <Case> with <ErrorId>, sending nothing' -ForEach @(
            @{ Case = 'a full URL as -Path'; ErrorId = 'InvalidPath'; Arguments = @{ Path = 'https://attacker.example/collect' } }
            @{ Case = 'a protocol-relative -Path'; ErrorId = 'InvalidPath'; Arguments = @{ Path = '//attacker.example/collect' } }
            @{ Case = 'a query in both -Path and -Query'; ErrorId = 'InvalidQuery'; Arguments = @{ Path = '/avatars?a=1'; Query = @{ b = 2 } } }
        ) {
            $null = Invoke-ArgilRestMethod @Arguments -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,ArgilPS.Commands.InvokeArgilRestMethodCommand"
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses <Case> with ParameterArgumentValidationError naming -<Parameter>' -ForEach @(
            @{ Case = 'an unknown method'; Parameter = 'Method'; Arguments = @{ Path = '/avatars'; Method = 'TRACE' } }
            @{ Case = 'an empty path'; Parameter = 'Path'; Arguments = @{ Path = '' } }
        ) {
            $thrown = { Invoke-ArgilRestMethod @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.InvokeArgilRestMethodCommand' -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,ArgilPS.Commands.InvokeArgilRestMethodCommand'
            $thrown.Exception.ParameterName | Should -Be $Parameter
        }

        It 'writes Unauthorized for a wrong key (a Runspace-scope connection to the same sandbox)' {
            Connect-Argil -ApiKey (ConvertTo-TestSecureString 'not-the-sandbox-key') -BaseUri (Get-ArgilContext).BaseUri -Scope Runspace
            try {
                $null = Invoke-ArgilRestMethod /avatars -ErrorVariable failures -ErrorAction SilentlyContinue
            } finally {
                Disconnect-Argil
            }
            Get-ErrorIdPrefix $failures[0] | Should -Be 'Unauthorized'
            $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        }
    }

    Context 'Failures that outlast the retries (-MaximumRetryCount 1)' {
        BeforeAll {
            Connect-Argil -Sandbox -SandboxTimeMode Manual -MaximumRetryCount 1 -Scope Runspace
        }

        AfterAll {
            Disconnect-Argil
        }

        It 'writes <ErrorId> (<Category>) for <Case>' -ForEach @(
            @{ Case = 'two 429 answers'; Fault = @{ Kind = 'Status'; StatusCode = 429 }; ErrorId = 'RateLimited'; Category = 'LimitsExceeded'; Requests = 2 }
            @{ Case = 'two 502 answers'; Fault = @{ Kind = 'Status'; StatusCode = 502 }; ErrorId = 'ServerError'; Category = 'InvalidOperation'; Requests = 2 }
            @{ Case = 'two dropped connections'; Fault = @{ Kind = 'Drop' }; ErrorId = 'ConnectionFailed'; Category = 'ConnectionError'; Requests = 2 }
            @{ Case = 'malformed JSON'; Fault = @{ Kind = 'MalformedJson' }; ErrorId = 'UnexpectedResponse'; Category = 'InvalidResult'; Requests = 1 }
            @{ Case = 'a 403 answer'; Fault = @{ Kind = 'Status'; StatusCode = 403 }; ErrorId = 'Forbidden'; Category = 'PermissionDenied'; Requests = 1 }
            @{ Case = 'a 409 answer'; Fault = @{ Kind = 'Status'; StatusCode = 409 }; ErrorId = 'Conflict'; Category = 'ResourceExists'; Requests = 1 }
        ) {
            Add-ArgilSandboxFault @Fault -Method GET -Path /avatars -Count 2
            $result = Invoke-ArgilRestMethod /avatars -ErrorVariable failures -ErrorAction SilentlyContinue
            Clear-ArgilSandboxFault
            $result | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,ArgilPS.Commands.InvokeArgilRestMethodCommand"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            Get-ArgilSandboxRequest -Path /avatars | Should -HaveCount $Requests
        }

        It 'throws RateLimited with -ErrorAction Stop' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 429 -Method GET -Path /avatars -Count 2
            { Invoke-ArgilRestMethod /avatars -ErrorAction Stop } | Should -Throw -ErrorId 'RateLimited,ArgilPS.Commands.InvokeArgilRestMethodCommand'
        }
    }
}
