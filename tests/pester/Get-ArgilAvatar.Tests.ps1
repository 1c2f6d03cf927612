# Get-ArgilAvatar: listing with filters, getting by id, the pipeline, and the errors users meet.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $ready = Add-SandboxAvatar -Name 'Ready one'
    $null = Add-SandboxAvatar -Name 'Still training' -Outcome TRAINING
}

AfterAll {
    Disconnect-Argil
}

Describe 'Get-ArgilAvatar' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Get-ArgilAvatar }

        It 'has the parameter sets List (default) and Id' {
            (@($command.ParameterSets.Name | Sort-Object) -join ',') | Should -Be 'Id,List'
            $command.DefaultParameterSet | Should -Be 'List'
        }

        It 'has no mandatory parameter in the List set and a mandatory -Id in the Id set' {
            Get-MandatoryParameterName Get-ArgilAvatar List | Should -Be ''
            Get-MandatoryParameterName Get-ArgilAvatar Id | Should -Be 'Id'
        }

        It 'takes -Id as string[] at position 0, from the pipeline and by property name, also as -AvatarId' {
            $command | Should -HaveParameter Id -Type ([string[]]) -Mandatory -Alias AvatarId
            $id = Get-SetParameter Get-ArgilAvatar Id Id
            $id.Position | Should -Be 0
            $id.ValueFromPipeline | Should -BeTrue
            $id.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'filters by -<_> in the List set only' -ForEach @('Name', 'Orientation', 'Model', 'Visibility') {
            $command | Should -HaveParameter $_ -Type ([string])
            Get-SetParameter Get-ArgilAvatar List $_ | Should -Not -BeNullOrEmpty
            Get-SetParameter Get-ArgilAvatar Id $_ | Should -BeNullOrEmpty
        }
    }

    Context 'Listing' {
        It 'lists the public and private avatars as ArgilPS.Avatar objects' {
            $avatars = Get-ArgilAvatar
            $avatars | Should -HaveCount 5
            $avatars | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Avatar' }
            $avatars.Id | Should -Contain $PublicAvatarIds[0]
            $avatars.Id | Should -Contain $ready.Id
            Get-ArgilSandboxRequest | Should -HaveCount 1
        }

        It 'filters with Where-Object Status -eq IDLE' {
            $idle = Get-ArgilAvatar | Where-Object Status -EQ 'IDLE'
            $idle | Should -HaveCount 3
            $idle.Name | Should -Not -Contain 'Still training'
        }

        It 'lists only the workspace''s own avatars with -Visibility private' {
            $private = Get-ArgilAvatar -Visibility private
            ($private.Name | Sort-Object) -join ',' | Should -Be 'Ready one,Still training'
            (Get-ArgilSandboxRequest).Query | Should -Match 'visibility=private'
        }

        It 'sends -Orientation and -Model as query parameters' {
            $portrait = Get-ArgilAvatar -Orientation ASPECT_RATIO_9_16 -Visibility public
            $portrait | ForEach-Object { $_.Orientation | Should -Be 'ASPECT_RATIO_9_16' }
            $null = Get-ArgilAvatar -Model ARGIL_ATOM
            (Get-ArgilSandboxRequest)[-1].Query | Should -Match 'model=ARGIL_ATOM'
        }

        It 'matches -Name with wildcards, case-insensitively' {
            (Get-ArgilAvatar -Name 'sandbox*').Count | Should -Be 3
            (Get-ArgilAvatar -Name '*READY*').Id | Should -Be $ready.Id
        }

        It 'writes nothing and no error for a wildcard that matches nothing' {
            Get-ArgilAvatar -Name 'zz*' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures | Should -HaveCount 0
        }

        It 'writes AvatarNotFound for an exact -Name that matches nothing' {
            $null = Get-ArgilAvatar -Name 'Nobody' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AvatarNotFound,ArgilPS.Commands.GetArgilAvatarCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'Nobody'
        }
    }

    Context 'By id and from the pipeline' {
        It 'gets one avatar by id, by position' {
            $avatar = Get-ArgilAvatar $ready.Id
            $avatar.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Avatar'
            $avatar.Name | Should -Be 'Ready one'
            (Get-ArgilSandboxRequest).Path | Should -Be "/avatars/$($ready.Id)"
        }

        It 'gets several ids in order' {
            (Get-ArgilAvatar -Id $PublicAvatarIds[2], $PublicAvatarIds[0]).Id -join ',' | Should -Be "$($PublicAvatarIds[2]),$($PublicAvatarIds[0])"
        }

        It 'takes piped id strings' {
            ($PublicAvatarIds | Get-ArgilAvatar) | Should -HaveCount 3
        }

        It 'takes piped avatars (refreshing them)' {
            $refreshed = Get-ArgilAvatar -Visibility private | Get-ArgilAvatar
            $refreshed | Should -HaveCount 2
            $refreshed | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Avatar' }
        }

        It 'takes piped objects with an <Property> property' -ForEach @(
            @{ Property = 'Id' }
            @{ Property = 'AvatarId' }
        ) {
            $objects = $PublicAvatarIds[0..1] | ForEach-Object { [pscustomobject]@{ $Property = $_; Other = 'ignored' } }
            ($objects | Get-ArgilAvatar).Id -join ',' | Should -Be ($PublicAvatarIds[0..1] -join ',')
        }

        It 'takes the Id column of CSV rows' {
            $rows = "Id,Note`n$($ready.Id),mine`n$($PublicAvatarIds[0]),public" | ConvertFrom-Csv
            ($rows | Get-ArgilAvatar).Name -join ',' | Should -Be "Ready one,Sandbox Studio Host"
        }

        It 'writes AvatarNotFound for an unknown id and still gets the others' {
            $avatars = Get-ArgilAvatar -Id $PublicAvatarIds[0], 'no-such-avatar', $PublicAvatarIds[1] -ErrorVariable failures -ErrorAction SilentlyContinue
            $avatars | Should -HaveCount 2
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AvatarNotFound,ArgilPS.Commands.GetArgilAvatarCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'no-such-avatar'
            $failures[0].Exception.StatusCode | Should -Be 404
        }

        It 'throws AvatarNotFound with -ErrorAction Stop, which try/catch sees' {
            $caught = $null
            try { Get-ArgilAvatar -Id 'no-such-avatar' -ErrorAction Stop } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty
            Get-ErrorIdPrefix $caught | Should -Be 'AvatarNotFound'
        }
    }

    Context 'Validation' {
        It 'refuses <Case> with ParameterArgumentValidationError naming -<Parameter>' -ForEach @(
            @{ Case = 'an unknown orientation'; Parameter = 'Orientation'; Arguments = @{ Orientation = 'SQUARE' } }
            @{ Case = 'an unknown model'; Parameter = 'Model'; Arguments = @{ Model = 'ARGIL_V9' } }
            @{ Case = 'an unknown visibility'; Parameter = 'Visibility'; Arguments = @{ Visibility = 'secret' } }
            @{ Case = 'an empty name'; Parameter = 'Name'; Arguments = @{ Name = '' } }
            @{ Case = 'an empty id'; Parameter = 'Id'; Arguments = @{ Id = '' } }
        ) {
            $thrown = { Get-ArgilAvatar @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.GetArgilAvatarCommand' -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,ArgilPS.Commands.GetArgilAvatarCommand'
            $thrown.Exception.ParameterName | Should -Be $Parameter
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses -Id together with a filter (ambiguous parameter set)' {
            { Get-ArgilAvatar -Id $ready.Id -Visibility private } | Should -Throw -ErrorId 'AmbiguousParameterSet,ArgilPS.Commands.GetArgilAvatarCommand'
        }
    }

    Context 'Failures of the API' {
        It 'retries a 503 and succeeds (default retries)' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 503 -Method GET -Path /avatars -Count 2
            Get-ArgilAvatar -ErrorVariable failures -ErrorAction SilentlyContinue | Should -HaveCount 5
            $failures | Should -HaveCount 0
            (Get-ArgilSandboxRequest).StatusCode -join ',' | Should -Be '503,503,200'
        }

        It 'writes Unauthorized for a wrong key (a Runspace-scope connection to the same sandbox)' {
            Connect-Argil -ApiKey (ConvertTo-TestSecureString 'not-the-sandbox-key') -BaseUri (Get-ArgilContext).BaseUri -Scope Runspace
            try {
                $null = Get-ArgilAvatar -ErrorVariable failures -ErrorAction SilentlyContinue
            } finally {
                Disconnect-Argil
            }
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'Unauthorized,ArgilPS.Commands.GetArgilAvatarCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            # A request without the sandbox's key is refused unread and not journalled.
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
            # Disconnect-Argil ended only the Runspace connection: the sandbox answers again.
            Get-ArgilAvatar -Id $ready.Id | Should -Not -BeNullOrEmpty
        }
    }

    Context 'Failures that outlast the retries (-MaximumRetryCount 1)' {
        BeforeAll {
            # A second sandbox for this runspace only; Disconnect-Argil in AfterAll brings back the file's one.
            Connect-Argil -Sandbox -SandboxTimeMode Manual -MaximumRetryCount 1 -Scope Runspace
        }

        AfterAll {
            Disconnect-Argil
        }

        It 'writes <ErrorId> (<Category>) for <Case>' -ForEach @(
            @{ Case = 'two 429 answers'; Fault = @{ Kind = 'Status'; StatusCode = 429; RetryAfter = '1' }; ErrorId = 'RateLimited'; Category = 'LimitsExceeded'; Requests = 2 }
            @{ Case = 'two 503 answers'; Fault = @{ Kind = 'Status'; StatusCode = 503 }; ErrorId = 'ServerError'; Category = 'InvalidOperation'; Requests = 2 }
            @{ Case = 'a 500 answer (not retried)'; Fault = @{ Kind = 'Status'; StatusCode = 500 }; ErrorId = 'ServerError'; Category = 'InvalidOperation'; Requests = 1 }
            @{ Case = 'two dropped connections'; Fault = @{ Kind = 'Drop' }; ErrorId = 'ConnectionFailed'; Category = 'ConnectionError'; Requests = 2 }
            @{ Case = 'malformed JSON'; Fault = @{ Kind = 'MalformedJson' }; ErrorId = 'UnexpectedResponse'; Category = 'InvalidResult'; Requests = 1 }
        ) {
            Add-ArgilSandboxFault @Fault -Method GET -Path /avatars -Count 2
            $avatars = Get-ArgilAvatar -ErrorVariable failures -ErrorAction SilentlyContinue
            Clear-ArgilSandboxFault
            $avatars | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,ArgilPS.Commands.GetArgilAvatarCommand"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            $failures[0].Exception.Attempts | Should -Be $Requests
            Get-ArgilSandboxRequest -Path /avatars | Should -HaveCount $Requests
        }
    }
}
