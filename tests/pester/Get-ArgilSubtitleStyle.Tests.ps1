# Get-ArgilSubtitleStyle: every page of GET /subtitles (the items envelope), -Name, paging, errors, completion.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
}

AfterAll {
    Disconnect-Argil
}

Describe 'Get-ArgilSubtitleStyle' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Get-ArgilSubtitleStyle }

        It 'has one parameter set and no mandatory parameter' {
            @($command.ParameterSets).Count | Should -Be 1
            Get-MandatoryParameterName Get-ArgilSubtitleStyle $command.ParameterSets[0].Name | Should -Be ''
        }

        It 'takes -Name as a string at position 0, with wildcards, not from the pipeline' {
            $command | Should -HaveParameter Name -Type ([string])
            $name = $command.Parameters['Name']
            $name.ParameterSets.Values[0].Position | Should -Be 0
            $name.ParameterSets.Values[0].ValueFromPipeline | Should -BeFalse
            $name.Attributes.Where({ $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }) | Should -HaveCount 1
        }

        It 'supports paging: -<_>' -ForEach @('First', 'Skip', 'IncludeTotalCount') {
            $command.Parameters.ContainsKey($_) | Should -BeTrue
        }

        It 'declares ArgilPS.SubtitleStyle as its output and supports no -WhatIf (it changes nothing)' {
            $command.OutputType.Name | Should -Contain 'ArgilPS.SubtitleStyle'
            $command.Parameters.ContainsKey('WhatIf') | Should -BeFalse
        }
    }

    Context 'Listing' {
        It 'lists every style as ArgilPS.SubtitleStyle, asking for pages of 100' {
            $styles = Get-ArgilSubtitleStyle
            $styles.Count | Should -BeGreaterOrEqual 12
            $styles | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'ArgilPS.SubtitleStyle' }
            $styles.Name | Should -Contain 'Classic'
            @($styles.Id | Sort-Object -Unique).Count | Should -Be $styles.Count
            $requests = @(Get-ArgilSandboxRequest)
            $requests | Should -HaveCount 1
            $requests[0].Path | Should -Be '/subtitles'
            $requests[0].Query | Should -Be 'page=1&pageSize=100'
        }

        It 'matches -Name with wildcards, case-insensitively, and by position' {
            (Get-ArgilSubtitleStyle -Name 'bold*').Name | Should -Be 'Bold Pop'
            (Get-ArgilSubtitleStyle '*SERIF').Name | Should -Be 'Elegant Serif'
        }

        It 'stops at -First and sends nothing for -First 0' {
            Get-ArgilSubtitleStyle -First 2 | Should -HaveCount 2
            Clear-ArgilSandboxRequest
            Get-ArgilSubtitleStyle -First 0 | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'skips with -Skip and gives the total with -IncludeTotalCount' {
            $all = Get-ArgilSubtitleStyle
            (Get-ArgilSubtitleStyle -Skip 1 -First 1).Id | Should -Be $all[1].Id
            $counted = @(Get-ArgilSubtitleStyle -IncludeTotalCount -First 1)
            $counted[0].ToString() | Should -Be "Total count: $($all.Count)"
        }

        It 'shows Name and Id in a table' {
            $text = Get-ArgilSubtitleStyle -First 1 | Format-Table | Out-String
            $text | Should -Match 'Name'
            $text | Should -Match 'Classic'
            $text | Should -Match '5b7e0c1a-'
        }

        It 'writes nothing and no error for a wildcard that matches nothing' {
            Get-ArgilSubtitleStyle -Name 'zz*' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures | Should -HaveCount 0
        }

        It 'writes SubtitleStyleNotFound for an exact -Name that matches nothing' {
            $null = Get-ArgilSubtitleStyle -Name 'Nothing like it' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'SubtitleStyleNotFound,ArgilPS.Commands.GetArgilSubtitleStyleCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'Nothing like it'
        }
    }

    Context 'Validation' {
        It 'refuses <Case> before any request' -ForEach @(
            @{ Case = 'an empty name'; Name = '' }
            @{ Case = 'a pattern PowerShell cannot read'; Name = '[z-a]' }
        ) {
            { Get-ArgilSubtitleStyle -Name $Name } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.GetArgilSubtitleStyleCommand'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'Failures of the API' {
        It 'retries a 503 and succeeds' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 503 -Method GET -Path /subtitles -Count 1
            Get-ArgilSubtitleStyle -ErrorVariable failures -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty
            $failures | Should -HaveCount 0
            (Get-ArgilSandboxRequest).StatusCode -join ',' | Should -Be '503,200'
        }

        It 'writes UnexpectedResponse for malformed JSON' {
            Add-ArgilSandboxFault -Kind MalformedJson -Method GET -Path /subtitles -Count 1
            $null = Get-ArgilSubtitleStyle -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            Get-ErrorIdPrefix $failures[0] | Should -Be 'UnexpectedResponse'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        }
    }

    Context 'Completion' {
        It 'completes -Name with the style names, quoted' {
            $result = TabExpansion2 -inputScript 'Get-ArgilSubtitleStyle -Name Bold' -cursorColumn 'Get-ArgilSubtitleStyle -Name Bold'.Length
            $result.CompletionMatches.CompletionText | Should -Contain "'Bold Pop'"
        }

        It 'completes style ids for -SubtitleStyleId, showing the names' {
            $completer = [ArgilPS.Completion.SubtitleStyleIdCompleter]::new()
            $found = @($completer.CompleteArgument('New-ArgilVideo', 'SubtitleStyleId', 'Karaoke', $null, @{}))
            $found | Should -HaveCount 1
            $found[0].CompletionText | Should -Be "'5b7e0c1a-0000-4000-8000-000000000003'"
            $found[0].ListItemText | Should -Match 'Karaoke'
        }
    }

    Context 'Help' {
        It 'has a synopsis, examples and every parameter described' {
            $help = Get-Help Get-ArgilSubtitleStyle -Full
            "$($help.Synopsis)" | Should -Match 'subtitle styles'
            @($help.examples.example).Count | Should -BeGreaterOrEqual 2
            foreach ($name in 'Name', 'First', 'Skip', 'IncludeTotalCount') {
                ($help.parameters.parameter | Where-Object Name -EQ $name).description.Text | Should -Not -BeNullOrEmpty
            }
        }
    }
}
