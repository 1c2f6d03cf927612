# New-ArgilAsset: the body sent, the pipeline, -WhatIf, validation before any request, and the
# POST that is never sent twice.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $url = 'https://cdn.example.com/office.png'
}

AfterAll {
    Disconnect-Argil
}

Describe 'New-ArgilAsset' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command New-ArgilAsset }

        It 'has one parameter set in which -Name, -Type and -Url are mandatory' {
            $command.ParameterSets | Should -HaveCount 1
            Get-MandatoryParameterName New-ArgilAsset $command.ParameterSets[0].Name | Should -Be 'Name,Type,Url'
        }

        It 'takes -<Name> by property name' -ForEach @(
            @{ Name = 'Name'; Type = [string] }
            @{ Name = 'Type'; Type = [string] }
            @{ Name = 'Url'; Type = [uri] }
        ) {
            $command | Should -HaveParameter $Name -Type $Type -Mandatory
            $parameter = $command.ParameterSets[0].Parameters | Where-Object Name -EQ $Name
            $parameter.ValueFromPipelineByPropertyName | Should -BeTrue
            $parameter.ValueFromPipeline | Should -BeFalse
        }

        It 'supports -WhatIf and -Confirm' {
            $command | Should -HaveParameter WhatIf
            $command | Should -HaveParameter Confirm
        }

        It 'completes -Type with IMAGE and VIDEO only' {
            (TabExpansion2 -inputScript 'New-ArgilAsset -Type ' -cursorColumn 21).CompletionMatches.CompletionText -join ',' | Should -Be 'IMAGE,VIDEO'
        }
    }

    Context 'Uploading' {
        It 'sends exactly name, type and url, and outputs the PROCESSING asset' {
            $asset = New-ArgilAsset -Name 'Office' -Type image -Url $url
            $asset.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Asset'
            $asset.Status | Should -Be 'PROCESSING'
            $asset.FileUrl | Should -BeNullOrEmpty
            $request = Get-ArgilSandboxRequest
            $request.Method | Should -Be 'POST'
            $request.Path | Should -Be '/assets'
            $request.Body | Should -Be '{"name":"Office","type":"IMAGE","url":"https://cdn.example.com/office.png"}'
        }

        It 'uploads one asset per CSV row (binding by property name)' {
            $rows = "Name,Type,Url`nIntro,VIDEO,https://cdn.example.com/intro.mp4`nLogo,IMAGE,https://cdn.example.com/logo.png" | ConvertFrom-Csv
            ($rows | New-ArgilAsset).Name -join ',' | Should -Be 'Intro,Logo'
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 2
        }

        It 'sends nothing with -WhatIf' {
            New-ArgilAsset -Name 'Maybe' -Type VIDEO -Url $url -WhatIf | Should -BeNullOrEmpty
            [pscustomobject]@{ Name = 'Piped'; Type = 'IMAGE'; Url = $url } | New-ArgilAsset -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'Validation' {
        It 'refuses <Case> naming -<Parameter>, before any request' -ForEach @(
            @{ Case = 'an AUDIO upload'; Parameter = 'Type'; Arguments = @{ Name = 'A'; Type = 'AUDIO'; Url = 'https://cdn.example.com/a.mp3' } }
            @{ Case = 'an unknown type'; Parameter = 'Type'; Arguments = @{ Name = 'A'; Type = 'GIF'; Url = 'https://cdn.example.com/a.gif' } }
            @{ Case = 'an http URL'; Parameter = 'Url'; Arguments = @{ Name = 'A'; Type = 'IMAGE'; Url = 'http://cdn.example.com/a.png' } }
            @{ Case = 'a relative URL'; Parameter = 'Url'; Arguments = @{ Name = 'A'; Type = 'IMAGE'; Url = '/a.png' } }
            @{ Case = 'an empty name'; Parameter = 'Name'; Arguments = @{ Name = ''; Type = 'IMAGE'; Url = 'https://cdn.example.com/a.png' } }
            @{ Case = 'a name of 257 characters'; Parameter = 'Name'; Arguments = @{ Name = 'n' * 257; Type = 'IMAGE'; Url = 'https://cdn.example.com/a.png' } }
        ) {
            $thrown = { New-ArgilAsset @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.NewArgilAssetCommand' -PassThru
            $thrown.Exception.ParameterName | Should -Be $Parameter
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'accepts a name of 256 characters that are not all in the BMP' {
            (New-ArgilAsset -Name ([string]::Concat((1..256 | ForEach-Object { [char]::ConvertFromUtf32(0x1F3AC) }))) -Type IMAGE -Url $url).Status | Should -Be 'PROCESSING'
        }

        It 'writes a piped row that breaks a rule as a non-terminating error and uploads the others' {
            $rows = @(
                [pscustomobject]@{ Name = 'Good'; Type = 'IMAGE'; Url = $url }
                [pscustomobject]@{ Name = 'Bad'; Type = 'AUDIO'; Url = $url }
            )
            $created = $rows | New-ArgilAsset -ErrorVariable failures -ErrorAction SilentlyContinue
            $created.Name | Should -Be 'Good'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 1
        }
    }

    Context 'Failures of the API' {
        It 'writes <ErrorId> for <Case>, sends the POST once and says the asset may exist' -ForEach @(
            @{ Case = 'a 500 answer'; Fault = @{ Kind = 'Status'; StatusCode = 500 }; ErrorId = 'ServerError'; Category = 'InvalidOperation' }
            @{ Case = 'a 503 answer'; Fault = @{ Kind = 'Status'; StatusCode = 503 }; ErrorId = 'ServerError'; Category = 'InvalidOperation' }
            @{ Case = 'a dropped connection'; Fault = @{ Kind = 'Drop' }; ErrorId = 'ConnectionFailed'; Category = 'ConnectionError' }
        ) {
            Add-ArgilSandboxFault @Fault -Method POST -Path /assets -Count 5
            $asset = New-ArgilAsset -Name 'Risky' -Type VIDEO -Url $url -ErrorVariable failures -ErrorAction SilentlyContinue
            $asset | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,ArgilPS.Commands.NewArgilAssetCommand"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            $failures[0].TargetObject | Should -Be 'Risky'
            $failures[0].Exception.MayHaveSucceeded | Should -BeTrue
            $failures[0].ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("Get-ArgilAsset -Name 'Risky' -Status PROCESSING"))
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 1
        }

        It 'writes InvalidRequest with the API''s message when the API refuses the upload' {
            $null = New-ArgilAsset -Name 'Odd' -Type IMAGE -Url 'https://cdn.example.com/a.png?sandbox-outcome=MAYBE' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,ArgilPS.Commands.NewArgilAssetCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].Exception.ApiMessage | Should -BeLike 'Validation error: url:*'
        }
    }

    Context 'Help' {
        It 'shows New-ArgilAsset piped to Wait-ArgilAsset in an example' {
            (Get-Help New-ArgilAsset -Examples).examples.example.code -join "`n" | Should -Match 'New-ArgilAsset .*\|\s*Wait-ArgilAsset'
        }
    }
}
