# Wait-ArgilAvatar: waiting for training on the sandbox's manual clock (only the module's waits move it).

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $imageUrl = 'https://example.com/portrait-1080x1920.png'
    function Get-SandboxNow { (Set-ArgilSandbox -PassThru).Now }
    # Wait-ArgilAvatar shows progress on every poll; keep the runner's output readable.
    $ProgressPreference = 'SilentlyContinue'
}

AfterAll {
    Disconnect-Argil
}

Describe 'Wait-ArgilAvatar' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Wait-ArgilAvatar }

        It 'has one parameter set, in which only -Id is mandatory' {
            $command.ParameterSets | Should -HaveCount 1
            Get-MandatoryParameterName Wait-ArgilAvatar $command.ParameterSets[0].Name | Should -Be 'Id'
        }

        It 'takes -Id as string[] at position 0, from the pipeline and by property name, also as -AvatarId' {
            $command | Should -HaveParameter Id -Type ([string[]]) -Mandatory -Alias AvatarId
            $id = $command.ParameterSets[0].Parameters | Where-Object Name -EQ 'Id'
            $id.Position | Should -Be 0
            $id.ValueFromPipeline | Should -BeTrue
            $id.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'takes -Timeout and -PollingInterval as seconds' {
            $command | Should -HaveParameter Timeout -Type ([int])
            $command | Should -HaveParameter PollingInterval -Type ([int])
        }
    }

    Context 'Waiting' {
        It 'New-ArgilAvatar | Wait-ArgilAvatar outputs the trained avatar after 30 sandbox seconds' {
            $started = Get-SandboxNow
            $avatar = New-ArgilAvatar -Name 'Piped' -ImageUrl $imageUrl | Wait-ArgilAvatar -PollingInterval 10
            $avatar.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Avatar'
            $avatar.Status | Should -Be 'IDLE'
            $avatar.IsReady | Should -BeTrue
            ((Get-SandboxNow) - $started).TotalSeconds | Should -Be 30
            # Polled at 0, 10, 20 and 30 s.
            Get-ArgilSandboxRequest -Method GET | Should -HaveCount 4
        }

        It 'outputs an avatar that is already IDLE after one check' {
            (Wait-ArgilAvatar $PublicAvatarIds[0]).Id | Should -Be $PublicAvatarIds[0]
            Get-ArgilSandboxRequest | Should -HaveCount 1
        }

        It 'takes piped objects with an <Property> property' -ForEach @(
            @{ Property = 'Id' }
            @{ Property = 'AvatarId' }
        ) {
            $created = Add-SandboxAvatar -Name "By $Property"
            $avatar = [pscustomobject]@{ $Property = $created.Id } | Wait-ArgilAvatar
            $avatar.Name | Should -Be "By $Property"
        }

        It 'waits for every piped avatar in one loop, each output once' {
            $created = 1..3 | ForEach-Object { Add-SandboxAvatar -Name "Batch $_" }
            Clear-ArgilSandboxRequest
            $ready = $created, $created[0] | ForEach-Object { $_ } | Wait-ArgilAvatar -PollingInterval 30
            ($ready.Name | Sort-Object) -join ',' | Should -Be 'Batch 1,Batch 2,Batch 3'
            # One list request shows all three before the only wait, one after: a round costs one request.
            Get-ArgilSandboxRequest -Method GET | Should -HaveCount 2
        }

        It 'Get-ArgilAvatar -Visibility private | Where-Object Status -ne IDLE | Wait-ArgilAvatar' {
            $null = Add-SandboxAvatar -Name 'Fresh'
            $ready = Get-ArgilAvatar -Visibility private | Where-Object Status -NE 'IDLE' | Wait-ArgilAvatar
            $ready.Name | Should -Contain 'Fresh'
            $ready | ForEach-Object { $_.Status | Should -Be 'IDLE' }
        }

        It 'waits through a brief outage with a warning' {
            $created = Add-SandboxAvatar -Name 'Flaky'
            Add-ArgilSandboxFault -Kind Status -StatusCode 503 -Method GET -Path '/avatars/*' -Count 6
            $avatar = Wait-ArgilAvatar -Id $created.Id -PollingInterval 5 -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable failures
            $avatar.Status | Should -Be 'IDLE'
            $failures | Should -HaveCount 0
            "$warnings" | Should -Match 'checked again at the next poll'
        }
    }

    Context 'How training can end' {
        It 'writes <ErrorId> (<Category>) for an avatar whose training ends <Outcome>, with the avatar as target' -ForEach @(
            @{ Outcome = 'TRAINING_FAILED'; ErrorId = 'AvatarTrainingFailed'; Category = 'InvalidResult' }
            @{ Outcome = 'REFUSED'; ErrorId = 'AvatarRefused'; Category = 'PermissionDenied' }
        ) {
            $created = Add-SandboxAvatar -Name $Outcome -Outcome $Outcome
            $avatar = $created | Wait-ArgilAvatar -ErrorVariable failures -ErrorAction SilentlyContinue
            $avatar | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,ArgilPS.Commands.WaitArgilAvatarCommand"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            $failures[0].TargetObject.Id | Should -Be $created.Id
            $failures[0].TargetObject.Status | Should -Be $Outcome
            $failures[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        }

        It 'writes AvatarWaitTimeout when -Timeout passes, keeping the deadline exactly' {
            $stuck = Add-SandboxAvatar -Name 'Stuck' -Outcome TRAINING
            $started = Get-SandboxNow
            $avatar = Wait-ArgilAvatar -Id $stuck.Id -Timeout 60 -PollingInterval 25 -ErrorVariable failures -ErrorAction SilentlyContinue
            $avatar | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AvatarWaitTimeout,ArgilPS.Commands.WaitArgilAvatarCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $failures[0].TargetObject.Id | Should -Be $stuck.Id
            $failures[0].ErrorDetails.RecommendedAction | Should -Match '-Timeout'
            ((Get-SandboxNow) - $started).TotalSeconds | Should -Be 60
            # Polled at 0, 25, 50 and 60 s, and not again once the deadline passed.
            Get-ArgilSandboxRequest -Method GET | Should -HaveCount 4
        }

        It 'with -Timeout 0 checks once and does not wait' {
            $stuck = Add-SandboxAvatar -Name 'No patience' -Outcome TRAINING
            $started = Get-SandboxNow
            $null = Wait-ArgilAvatar -Id $stuck.Id -Timeout 0 -ErrorVariable failures -ErrorAction SilentlyContinue
            Get-ErrorIdPrefix $failures[0] | Should -Be 'AvatarWaitTimeout'
            ((Get-SandboxNow) - $started).TotalSeconds | Should -Be 0
            Get-ArgilSandboxRequest -Method GET | Should -HaveCount 1
        }

        It 'outputs the ready avatars of a mixed batch and one error per failed one (the documented script)' {
            $created = foreach ($outcome in 'IDLE', 'TRAINING_FAILED', 'REFUSED') {
                New-ArgilAvatar -Name "Mixed $outcome" -ImageUrl $imageUrl -Extras @{ 'sandbox-outcome' = $outcome }
            }
            $ready = $created | Wait-ArgilAvatar -Timeout 120 -ErrorVariable problems -ErrorAction SilentlyContinue
            $ready.Name | Should -Be 'Mixed IDLE'
            ($problems | ForEach-Object { Get-ErrorIdPrefix $_ } | Sort-Object) -join ',' | Should -Be 'AvatarRefused,AvatarTrainingFailed'
        }

        It 'writes AvatarNotFound for an unknown id and still waits for the others' {
            $created = Add-SandboxAvatar -Name 'Known'
            $ready = 'no-such-avatar', $created.Id | Wait-ArgilAvatar -ErrorVariable failures -ErrorAction SilentlyContinue
            $ready.Name | Should -Be 'Known'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AvatarNotFound,ArgilPS.Commands.WaitArgilAvatarCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'no-such-avatar'
        }

        It 'stops the script with -ErrorAction Stop' {
            $created = Add-SandboxAvatar -Name 'Refused again' -Outcome REFUSED
            { $created | Wait-ArgilAvatar -ErrorAction Stop } | Should -Throw -ErrorId 'AvatarRefused,ArgilPS.Commands.WaitArgilAvatarCommand'
        }
    }

    Context 'Validation' {
        It 'refuses <Case> with ParameterArgumentValidationError naming -<Parameter>' -ForEach @(
            @{ Case = 'a polling interval of 0'; Parameter = 'PollingInterval'; Arguments = @{ Id = 'x'; PollingInterval = 0 } }
            @{ Case = 'a polling interval over an hour'; Parameter = 'PollingInterval'; Arguments = @{ Id = 'x'; PollingInterval = 3601 } }
            @{ Case = 'a timeout below -1'; Parameter = 'Timeout'; Arguments = @{ Id = 'x'; Timeout = -2 } }
            @{ Case = 'an empty id'; Parameter = 'Id'; Arguments = @{ Id = '' } }
        ) {
            $thrown = { Wait-ArgilAvatar @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.WaitArgilAvatarCommand' -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,ArgilPS.Commands.WaitArgilAvatarCommand'
            $thrown.Exception.ParameterName | Should -Be $Parameter
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }
}
