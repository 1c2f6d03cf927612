# Get-ArgilAsset: listing through the header paging, the type and status filters, getting by id,
# the pipeline, completion, help, and the errors users meet.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    # The sandbox starts with 12 READY AUDIO assets (the music library), 5 IMAGE and 4 VIDEO.
    $seeded = 21
    $firstMusicId = '00000000-0000-4000-9000-000000000001'
    $upload = New-ArgilAsset -Name 'Pester upload' -Type IMAGE -Url 'https://cdn.example.com/pester.png'
}

AfterAll {
    Disconnect-Argil
}

Describe 'Get-ArgilAsset' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Get-ArgilAsset }

        It 'has the parameter sets List (default) and Id' {
            (@($command.ParameterSets.Name | Sort-Object) -join ',') | Should -Be 'Id,List'
            $command.DefaultParameterSet | Should -Be 'List'
        }

        It 'has no mandatory parameter in the List set and a mandatory -Id in the Id set' {
            Get-MandatoryParameterName Get-ArgilAsset List | Should -Be ''
            Get-MandatoryParameterName Get-ArgilAsset Id | Should -Be 'Id'
        }

        It 'takes -Id as string[] at position 0, from the pipeline and by property name, also as -AssetId' {
            $command | Should -HaveParameter Id -Type ([string[]]) -Mandatory -Alias AssetId
            $id = Get-SetParameter Get-ArgilAsset Id Id
            $id.Position | Should -Be 0
            $id.ValueFromPipeline | Should -BeTrue
            $id.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'filters by -<Name> (<Type>) in the List set only' -ForEach @(
            @{ Name = 'Type'; Type = [string[]] }
            @{ Name = 'Status'; Type = [string] }
            @{ Name = 'Name'; Type = [string] }
        ) {
            $command | Should -HaveParameter $Name -Type $Type
            Get-SetParameter Get-ArgilAsset List $Name | Should -Not -BeNullOrEmpty
            Get-SetParameter Get-ArgilAsset Id $Name | Should -BeNullOrEmpty
        }

        It 'supports paging: -First, -Skip and -IncludeTotalCount' {
            $command | Should -HaveParameter First -Type ([uint64])
            $command | Should -HaveParameter Skip -Type ([uint64])
            $command | Should -HaveParameter IncludeTotalCount -Type ([switch])
        }

        It 'declares ArgilPS.Asset as its output' {
            $command.OutputType.Name | Should -Contain 'ArgilPS.Asset'
        }
    }

    Context 'Listing' {
        It 'lists the READY assets as ArgilPS.Asset objects, sending no status' {
            $assets = Get-ArgilAsset
            $assets | Should -HaveCount $seeded
            $assets | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Asset' }
            $assets.Id | Should -Not -Contain $upload.Id
            (Get-ArgilSandboxRequest).Query | Should -Be 'page=1&pageSize=100'
        }

        It 'lists uploads still processing with -Status PROCESSING' {
            (Get-ArgilAsset -Status PROCESSING).Id | Should -Be $upload.Id
            (Get-ArgilSandboxRequest).Query | Should -Be 'status=PROCESSING&page=1&pageSize=100'
        }

        It 'repeats the type key for several -Type values' {
            $broll = Get-ArgilAsset -Type IMAGE, VIDEO
            $broll | Should -HaveCount 9
            (Get-ArgilSandboxRequest).Query | Should -Be 'type=IMAGE&type=VIDEO&page=1&pageSize=100'
        }

        It 'matches -Name with wildcards, case-insensitively' {
            (Get-ArgilAsset -Name '*PIANO*').Id | Should -Be $firstMusicId
        }

        It 'writes AssetNotFound for an exact -Name that matches nothing, and nothing for a wildcard' {
            $null = Get-ArgilAsset -Name 'Nobody' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AssetNotFound,ArgilPS.Commands.GetArgilAssetCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'Nobody'
            Get-ArgilAsset -Name 'zz*' -ErrorVariable none -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $none | Should -HaveCount 0
        }

        It 'asks for no more pages once -First is satisfied' {
            1..120 | ForEach-Object { $null = New-ArgilAsset -Name "Bulk $_" -Type VIDEO -Url "https://cdn.example.com/bulk-$_.mp4" }
            Clear-ArgilSandboxRequest
            Get-ArgilAsset -Status PROCESSING -First 3 | Should -HaveCount 3
            Get-ArgilSandboxRequest | Should -HaveCount 1
            Clear-ArgilSandboxRequest
            Get-ArgilAsset -Status PROCESSING | Should -HaveCount 121
            (Get-ArgilSandboxRequest).Query -join ' ' | Should -Be 'status=PROCESSING&page=1&pageSize=100 status=PROCESSING&page=2&pageSize=100'
        }

        It 'writes the total count first with -IncludeTotalCount' {
            $out = @(Get-ArgilAsset -Type AUDIO -IncludeTotalCount -First 1)
            $out[0].ToString() | Should -Be 'Total count: 12'
            $out[1].PSObject.TypeNames[0] | Should -Be 'ArgilPS.Asset'
        }
    }

    Context 'By id and from the pipeline' {
        It 'gets one asset by id, by position, in any status' {
            $asset = Get-ArgilAsset $upload.Id
            $asset.Status | Should -Be 'PROCESSING'
            (Get-ArgilSandboxRequest).Path | Should -Be "/assets/$($upload.Id)"
        }

        It 'takes piped id strings and piped assets' {
            ($firstMusicId, $upload.Id | Get-ArgilAsset).Name -join ',' | Should -Be 'Calm Piano,Pester upload'
            (Get-ArgilAsset -Type AUDIO -First 2 | Get-ArgilAsset) | Should -HaveCount 2
        }

        It 'takes piped objects with an <Property> property' -ForEach @(
            @{ Property = 'Id' }
            @{ Property = 'AssetId' }
        ) {
            ([pscustomobject]@{ $Property = $firstMusicId; Other = 'ignored' } | Get-ArgilAsset).Name | Should -Be 'Calm Piano'
        }

        It 'writes AssetNotFound for an unknown id and still gets the others' {
            $assets = Get-ArgilAsset -Id 'no-such-asset', $firstMusicId -ErrorVariable failures -ErrorAction SilentlyContinue
            $assets | Should -HaveCount 1
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AssetNotFound,ArgilPS.Commands.GetArgilAssetCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'no-such-asset'
            $failures[0].Exception.StatusCode | Should -Be 404
        }

        It 'throws AssetNotFound with -ErrorAction Stop' {
            { Get-ArgilAsset -Id 'no-such-asset' -ErrorAction Stop } | Should -Throw -ErrorId 'AssetNotFound,*'
        }
    }

    Context 'Validation' {
        It 'refuses <Case> naming -<Parameter>, before any request' -ForEach @(
            @{ Case = 'an unknown type'; Parameter = 'Type'; Arguments = @{ Type = 'MUSIC' } }
            @{ Case = 'an unknown status'; Parameter = 'Status'; Arguments = @{ Status = 'DONE' } }
            @{ Case = 'an empty name'; Parameter = 'Name'; Arguments = @{ Name = '' } }
            @{ Case = 'an unreadable wildcard'; Parameter = 'Name'; Arguments = @{ Name = 'Intro [EN' } }
            @{ Case = 'an empty id'; Parameter = 'Id'; Arguments = @{ Id = '' } }
        ) {
            $thrown = { Get-ArgilAsset @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.GetArgilAssetCommand' -PassThru
            $thrown.Exception.ParameterName | Should -Be $Parameter
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses -Id together with a filter' {
            { Get-ArgilAsset -Id $firstMusicId -Type AUDIO } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'Failures of the API' {
        It 'retries a 503 on GET /assets (a sandbox fault on the new route) and succeeds' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 503 -Method GET -Path /assets -Count 2
            Get-ArgilAsset -Type VIDEO -ErrorVariable failures -ErrorAction SilentlyContinue | Should -HaveCount 4
            $failures | Should -HaveCount 0
            (Get-ArgilSandboxRequest).StatusCode -join ',' | Should -Be '503,503,200'
        }

        It 'writes InvalidRequest with the API''s message for a 400' {
            Add-ArgilSandboxFault -Kind Body -StatusCode 400 -Body '{"code":400,"message":"Validation error: bad"}' -Method GET -Path /assets
            $null = Get-ArgilAsset -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,ArgilPS.Commands.GetArgilAssetCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].Exception.ApiMessage | Should -Be 'Validation error: bad'
        }
    }

    Context 'Completion and help' {
        It 'completes -Id with asset ids, showing name and type' {
            $completion = TabExpansion2 -inputScript 'Get-ArgilAsset -Id Calm' -cursorColumn 23
            $completion.CompletionMatches | Should -HaveCount 1
            $completion.CompletionMatches[0].CompletionText | Should -Be "'$firstMusicId'"
            $completion.CompletionMatches[0].ListItemText | Should -Be 'Calm Piano (AUDIO)'
        }

        It 'completes -Type and -Status with their values' {
            (TabExpansion2 -inputScript 'Get-ArgilAsset -Type ' -cursorColumn 21).CompletionMatches.CompletionText -join ',' | Should -Be 'AUDIO,IMAGE,VIDEO'
            (TabExpansion2 -inputScript 'Get-ArgilAsset -Status ' -cursorColumn 23).CompletionMatches.CompletionText -join ',' | Should -Be 'FAILED,PROCESSING,READY'
        }

        It 'says in the help that the API lists READY assets when -Status is omitted' {
            $help = Get-Help Get-ArgilAsset -Full
            ($help.parameters.parameter | Where-Object Name -EQ 'Status').description.Text | Should -Match 'READY'
            ($help.parameters.parameter | Where-Object Name -EQ 'Status').defaultValue | Should -Match 'READY'
            (Get-Help Get-ArgilAsset -Examples).examples.example.code -join "`n" | Should -Match 'Get-ArgilAsset -Type AUDIO'
        }
    }
}
