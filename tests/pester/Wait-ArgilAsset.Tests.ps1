# Wait-ArgilAsset: waiting for uploads on the sandbox's manual clock (only the module's waits move it).

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    function Get-SandboxNow { (Set-ArgilSandbox -PassThru).Now }
    function Add-SandboxUpload {
        param([string] $Name = 'Upload', [string] $Outcome = 'READY')
        New-ArgilAsset -Name $Name -Type VIDEO -Url "https://cdn.example.com/clip.mp4?sandbox-outcome=$Outcome" -ErrorAction Stop
    }
    $ProgressPreference = 'SilentlyContinue'
}

AfterAll {
    Disconnect-Argil
}

Describe 'Wait-ArgilAsset' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Wait-ArgilAsset }

        It 'has one parameter set, in which only -Id is mandatory' {
            $command.ParameterSets | Should -HaveCount 1
            Get-MandatoryParameterName Wait-ArgilAsset $command.ParameterSets[0].Name | Should -Be 'Id'
        }

        It 'takes -Id as string[] at position 0, from the pipeline and by property name, also as -AssetId' {
            $command | Should -HaveParameter Id -Type ([string[]]) -Mandatory -Alias AssetId
            $id = $command.ParameterSets[0].Parameters | Where-Object Name -EQ 'Id'
            $id.Position | Should -Be 0
            $id.ValueFromPipeline | Should -BeTrue
            $id.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'defaults -Timeout to 600 and -PollingInterval to 5 seconds' {
            $help = Get-Help Wait-ArgilAsset -Full
            ($help.parameters.parameter | Where-Object Name -EQ 'Timeout').defaultValue | Should -Be '600'
            ($help.parameters.parameter | Where-Object Name -EQ 'PollingInterval').defaultValue | Should -Be '5'
        }

        It 'refuses <Case> before any request' -ForEach @(
            @{ Case = 'a -PollingInterval of 0'; Arguments = @{ Id = 'x'; PollingInterval = 0 }; Parameter = 'PollingInterval' }
            @{ Case = 'a -Timeout of -2'; Arguments = @{ Id = 'x'; Timeout = -2 }; Parameter = 'Timeout' }
            @{ Case = 'an empty id'; Arguments = @{ Id = '' }; Parameter = 'Id' }
        ) {
            $thrown = { Wait-ArgilAsset @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.WaitArgilAssetCommand' -PassThru
            $thrown.Exception.ParameterName | Should -Be $Parameter
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'Waiting' {
        It 'New-ArgilAsset | Wait-ArgilAsset outputs the READY asset after 10 sandbox seconds, polling every 5' {
            $started = Get-SandboxNow
            $asset = New-ArgilAsset -Name 'Piped' -Type IMAGE -Url 'https://cdn.example.com/piped.png' | Wait-ArgilAsset
            $asset.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Asset'
            $asset.Status | Should -Be 'READY'
            $asset.FileUrl | Should -Match '^https://'
            ((Get-SandboxNow) - $started).TotalSeconds | Should -Be 10
            Get-ArgilSandboxRequest -Method GET | Should -HaveCount 3
        }

        It 'takes ids and objects with an <Property> property from the pipeline' -ForEach @(
            @{ Property = 'Id' }
            @{ Property = 'AssetId' }
        ) {
            $upload = Add-SandboxUpload
            ([pscustomobject]@{ $Property = $upload.Id } | Wait-ArgilAsset).Id | Should -Be $upload.Id
            ($upload.Id | Wait-ArgilAsset).Status | Should -Be 'READY'
        }

        It 'writes AssetProcessingFailed with the asset as target for a FAILED upload, and outputs the others' {
            $good = Add-SandboxUpload -Name 'Good'
            $bad = Add-SandboxUpload -Name 'Bad' -Outcome FAILED
            $ready = $bad, $good | Wait-ArgilAsset -ErrorVariable failures -ErrorAction SilentlyContinue
            $ready.Name | Should -Be 'Good'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AssetProcessingFailed,ArgilPS.Commands.WaitArgilAssetCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
            $failures[0].TargetObject.Id | Should -Be $bad.Id
            { $bad | Wait-ArgilAsset -ErrorAction Stop } | Should -Throw -ErrorId 'AssetProcessingFailed,*'
        }

        It 'writes AssetWaitTimeout when -Timeout passes, keeping the deadline' {
            $stuck = Add-SandboxUpload -Name 'Stuck' -Outcome PROCESSING
            $started = Get-SandboxNow
            $null = $stuck | Wait-ArgilAsset -Timeout 12 -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AssetWaitTimeout,ArgilPS.Commands.WaitArgilAssetCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $failures[0].TargetObject.Id | Should -Be $stuck.Id
            ((Get-SandboxNow) - $started).TotalSeconds | Should -Be 12
        }

        It 'writes AssetNotFound for an unknown id' {
            $null = Wait-ArgilAsset -Id 'no-such-asset' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be 'AssetNotFound,ArgilPS.Commands.WaitArgilAssetCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'no-such-asset'
        }
    }

    Context 'Completion and help' {
        It 'completes -Id with uploads still processing, showing their names' {
            $upload = Add-SandboxUpload -Name 'Zz completion' -Outcome PROCESSING
            $completion = TabExpansion2 -inputScript 'Wait-ArgilAsset -Id Zz' -cursorColumn 22
            $completion.CompletionMatches | Should -HaveCount 1
            $completion.CompletionMatches[0].CompletionText | Should -Be "'$($upload.Id)'"
            $completion.CompletionMatches[0].ListItemText | Should -Be 'Zz completion (VIDEO)'
        }

        It 'has an example that pipes New-ArgilAsset into it' {
            (Get-Help Wait-ArgilAsset -Examples).examples.example.code -join "`n" | Should -Match 'New-ArgilAsset'
        }
    }
}
