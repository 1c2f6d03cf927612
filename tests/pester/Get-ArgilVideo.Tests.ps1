# Get-ArgilVideo: by id, or every page of the list streamed, -First/-Skip that stop asking for pages,
# the filters, completion, and the errors users meet.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $avatar = $PublicAvatarIds[0]
    $command = 'ArgilPS.Commands.GetArgilVideoCommand'
    # One page is 50 videos: 53 make two pages.
    $videos = foreach ($i in 1..53) {
        $extras = if ($i -le 2) { @{ campaign = 'spring' } } else { @{ campaign = 'other' } }
        New-ArgilVideo -Name ('Weekly {0:D2}' -f $i) -AvatarId ($(if ($i -eq 53) { $PublicAvatarIds[1] } else { $avatar })) -Transcript 'Hi.' -Extras $extras -ErrorAction Stop
    }
    $hostile = New-ArgilVideo -Name "Evil'; Set-Content ./PWNED.txt x; `$(whoami) `e[2J" -AvatarId $avatar -Transcript 'Hi.' -ErrorAction Stop
}

AfterAll {
    Disconnect-Argil
}

Describe 'Get-ArgilVideo' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $info = Get-Command Get-ArgilVideo }

        It 'has the sets List (default) and Id' {
            (@($info.ParameterSets.Name | Sort-Object) -join ',') | Should -Be 'Id,List'
            $info.DefaultParameterSet | Should -Be 'List'
            Get-MandatoryParameterName Get-ArgilVideo Id | Should -Be 'Id'
            Get-MandatoryParameterName Get-ArgilVideo List | Should -Be ''
        }

        It 'takes -Id as string[] at position 0, by value and by property name, also as -VideoId' {
            $info | Should -HaveParameter Id -Type ([string[]]) -Mandatory -Alias VideoId
            $id = Get-SetParameter Get-ArgilVideo Id Id
            $id.Position | Should -Be 0
            $id.ValueFromPipeline | Should -BeTrue
            $id.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'filters by -<_> in the List set only' -ForEach @('Name', 'AvatarId', 'VoiceId', 'Extras') {
            Get-SetParameter Get-ArgilVideo List $_ | Should -Not -BeNullOrEmpty
            Get-SetParameter Get-ArgilVideo Id $_ | Should -BeNullOrEmpty
        }

        It 'supports paging: -First, -Skip and -IncludeTotalCount' {
            foreach ($name in 'First', 'Skip', 'IncludeTotalCount') { $info.Parameters.ContainsKey($name) | Should -BeTrue }
        }
    }

    Context 'Listing every page' {
        It 'lists every video of every page, as ArgilPS.Video objects' {
            $all = Get-ArgilVideo
            $all | Should -HaveCount 54
            $all | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Video' }
            $pages = @(Get-ArgilSandboxRequest -Method GET)
            $pages | Should -HaveCount 2
            $pages[0].Query | Should -Match 'page=1&limit=50'
            $pages[1].Query | Should -Match 'page=2&limit=50'
        }

        It 'asks for one page only for -First 3' {
            Get-ArgilVideo -First 3 | Should -HaveCount 3
            Get-ArgilSandboxRequest -Method GET | Should -HaveCount 1
        }

        It 'asks for the second page only when -First needs it' {
            Get-ArgilVideo -First 51 | Should -HaveCount 51
            Get-ArgilSandboxRequest -Method GET | Should -HaveCount 2
        }

        It 'skips across pages' {
            $all = Get-ArgilVideo
            Clear-ArgilSandboxRequest
            $some = Get-ArgilVideo -Skip 49 -First 2
            ($some.Id -join ',') | Should -Be (($all[49..50].Id) -join ',')
            Get-ArgilSandboxRequest -Method GET | Should -HaveCount 2
        }

        It 'writes the first page before asking for the next (Select-Object -First stops it)' {
            Get-ArgilVideo | Select-Object -First 1 | Should -HaveCount 1
            Get-ArgilSandboxRequest -Method GET | Should -HaveCount 1
        }

        It 'says the total with -IncludeTotalCount' {
            $out = @(Get-ArgilVideo -IncludeTotalCount -First 1)
            $out[0].ToString() | Should -Be 'Total count: 54'
        }
    }

    Context 'Filters' {
        It 'sends -AvatarId and -VoiceId as query parameters' {
            $found = @(Get-ArgilVideo -AvatarId $PublicAvatarIds[1])
            $found | Should -HaveCount 1
            $found[0].Name | Should -Be 'Weekly 53'
            $null = Get-ArgilVideo -VoiceId 'voice-x'
            (Get-ArgilSandboxRequest -Method GET)[-1].Query | Should -Match 'voiceId=voice-x'
        }

        It 'sends -Extras as the extrasFilter JSON object' {
            $found = @(Get-ArgilVideo -Extras @{ campaign = 'spring' })
            ($found.Name | Sort-Object) -join ',' | Should -Be 'Weekly 01,Weekly 02'
            [uri]::UnescapeDataString((Get-ArgilSandboxRequest -Method GET)[0].Query) | Should -Match 'extrasFilter=\{"campaign":"spring"\}'
        }

        It 'sends the longest literal part of -Name as nameSearchQuery and applies the pattern' {
            $found = @(Get-ArgilVideo -Name 'Weekly 1?')
            (($found.Name | Sort-Object) -join ',') | Should -Be 'Weekly 10,Weekly 11,Weekly 12,Weekly 13,Weekly 14,Weekly 15,Weekly 16,Weekly 17,Weekly 18,Weekly 19'
            [uri]::UnescapeDataString((Get-ArgilSandboxRequest -Method GET)[0].Query) | Should -Match 'nameSearchQuery=Weekly 1(&|$)'
        }

        It 'writes VideoNotFound for a literal -Name that matches nothing, and nothing for a pattern' {
            $null = Get-ArgilVideo -Name 'Monthly' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "VideoNotFound,$command"
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'Monthly'
            $null = Get-ArgilVideo -Name 'Monthly*' -ErrorVariable none -ErrorAction SilentlyContinue
            $none | Should -HaveCount 0
        }

        It 'refuses a broken wildcard pattern before any request' {
            { Get-ArgilVideo -Name 'Weekly [1' } | Should -Throw -ErrorId "ParameterArgumentValidationError,$command"
            { Get-ArgilVideo -Extras @{ a = @(1, 2) } } | Should -Throw -ErrorId "ParameterArgumentValidationError,$command"
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'By id' {
        It 'gets videos by id from the parameter, the pipeline, and objects with Id or VideoId' {
            (Get-ArgilVideo -Id $videos[0].Id).Name | Should -Be 'Weekly 01'
            (Get-ArgilVideo -VideoId $videos[1].Id).Name | Should -Be 'Weekly 02'
            ($videos[0].Id, $videos[1].Id | Get-ArgilVideo).Name -join ',' | Should -Be 'Weekly 01,Weekly 02'
            ($videos[2] | Get-ArgilVideo).Name | Should -Be 'Weekly 03'
            ([pscustomobject]@{ VideoId = $videos[3].Id } | Get-ArgilVideo).Name | Should -Be 'Weekly 04'
        }

        It 'counts -Skip and -First across the ids, and asks for no video once -First is met' {
            $ids = $videos[0..5].Id
            ($ids | Get-ArgilVideo -Skip 1 -First 2).Name -join ',' | Should -Be 'Weekly 02,Weekly 03'
            # Never more requests than -Skip + -First, whatever -ThrottleLimit allows in flight.
            @(Get-ArgilSandboxRequest -Method GET) | Should -HaveCount 3
            Clear-ArgilSandboxRequest
            (Get-ArgilVideo -Id $ids -First 1 -ThrottleLimit 8).Name | Should -Be 'Weekly 01'
            @(Get-ArgilSandboxRequest -Method GET) | Should -HaveCount 1
        }

        It 'writes VideoNotFound with the id as target and goes on with the next id' {
            $found = Get-ArgilVideo -Id 'no-such-video', $videos[0].Id -ErrorVariable failures -ErrorAction SilentlyContinue
            @($found) | Should -HaveCount 1
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "VideoNotFound,$command"
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'no-such-video'
            $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Get-ArgilVideo'
        }

        It 'refuses the id ''..'' before any request (InvalidRequest)' {
            $null = Get-ArgilVideo -Id '..' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be "InvalidRequest,$command"
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'writes ServerError when the API keeps failing with 500' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 500 -Method GET -Path '/videos/*' -Count 20
            $null = Get-ArgilVideo -Id $videos[0].Id -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be "ServerError,$command"
        }
    }

    Context 'Completion and views' {
        It 'completes -Id with video ids (quoted), showing the names' {
            $result = TabExpansion2 -inputScript 'Get-ArgilVideo -Id ' -cursorColumn 19
            $match = $result.CompletionMatches | Where-Object CompletionText -EQ "'$($videos[0].Id)'"
            $match | Should -Not -BeNullOrEmpty
            $match.ListItemText | Should -Be "$($videos[0].Id) (Weekly 01)"
        }

        It 'inserts a hostile name''s video as its quoted id only, and shows the name without control characters' {
            $result = TabExpansion2 -inputScript "Get-ArgilVideo -Id $($hostile.Id.Substring(0, 8))" -cursorColumn (19 + 8)
            $match = @($result.CompletionMatches)
            $match | Should -HaveCount 1
            $match[0].CompletionText | Should -Be "'$($hostile.Id)'"
            $match[0].ListItemText | Should -Not -Match "`e"
            Test-Path ./PWNED.txt | Should -BeFalse
        }

        It 'shows a table that fits 120 columns, with the moments counted and control characters made visible' {
            $text = $hostile | Format-Table | Out-String -Width 120
            $text | Should -Not -Match "`e"
            $text | Should -Match 'Moments'
            ($text -split "`n" | Where-Object { $_.Length -gt 120 }) | Should -BeNullOrEmpty
        }
    }
}
