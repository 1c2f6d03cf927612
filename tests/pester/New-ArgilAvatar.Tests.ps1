# New-ArgilAvatar: creating avatars from image URLs, local images, CSV rows and (deprecated) videos.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $imageUrl = 'https://example.com/portrait-1080x1920.png'
}

AfterAll {
    Disconnect-Argil
}

Describe 'New-ArgilAvatar' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command New-ArgilAvatar }

        It 'has the parameter sets ImageUrl (default), ImagePath and Video' {
            (@($command.ParameterSets.Name | Sort-Object) -join ',') | Should -Be 'ImagePath,ImageUrl,Video'
            $command.DefaultParameterSet | Should -Be 'ImageUrl'
        }

        It 'has the mandatory parameters <Mandatory> in the <Set> set' -ForEach @(
            @{ Set = 'ImageUrl'; Mandatory = 'ImageUrl,Name' }
            @{ Set = 'ImagePath'; Mandatory = 'ImagePath,Name' }
            @{ Set = 'Video'; Mandatory = 'DatasetVideoUrl,Name' }
        ) {
            Get-MandatoryParameterName New-ArgilAvatar $Set | Should -Be $Mandatory
        }

        It 'takes -Name at position 0 and every parameter by property name' {
            $command | Should -HaveParameter Name -Type ([string]) -Mandatory
            (Get-SetParameter New-ArgilAvatar ImageUrl Name).Position | Should -Be 0
            foreach ($name in 'Name', 'ImageUrl', 'VoiceId', 'Extras') {
                (Get-SetParameter New-ArgilAvatar ImageUrl $name).ValueFromPipelineByPropertyName | Should -BeTrue -Because "-$name binds from CSV rows"
            }
            (Get-SetParameter New-ArgilAvatar ImagePath ImagePath).ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'takes -ImagePath also as -Path and -FullName (so files can be piped in)' {
            $command | Should -HaveParameter ImagePath -Alias Path, FullName
        }

        It 'takes -ImageUrl as a Uri and -Extras as a dictionary' {
            $command | Should -HaveParameter ImageUrl -Type ([uri])
            $command | Should -HaveParameter Extras -Type ([System.Collections.IDictionary])
        }

        It 'offers -VoiceId with images only and -ConsentVideoUrl with videos only' {
            Get-SetParameter New-ArgilAvatar ImageUrl VoiceId | Should -Not -BeNullOrEmpty
            Get-SetParameter New-ArgilAvatar ImagePath VoiceId | Should -Not -BeNullOrEmpty
            Get-SetParameter New-ArgilAvatar Video VoiceId | Should -BeNullOrEmpty
            Get-SetParameter New-ArgilAvatar Video ConsentVideoUrl | Should -Not -BeNullOrEmpty
            Get-SetParameter New-ArgilAvatar ImageUrl ConsentVideoUrl | Should -BeNullOrEmpty
        }
    }

    Context 'From an image URL' {
        It 'creates an ArgilPS.Avatar that is TRAINING, with its voice and extras' {
            $avatar = New-ArgilAvatar -Name 'Jane' -ImageUrl $imageUrl -VoiceId 'voice-1' -Extras @{ team = 'sales' }
            $avatar.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Avatar'
            $avatar.Name | Should -Be 'Jane'
            $avatar.Status | Should -Be 'TRAINING'
            $avatar.IsReady | Should -BeFalse
            $avatar.Id | Should -Match '^[0-9a-f-]{36}$'
            $avatar.Extras['team'] | Should -Be 'sales'
            $post = Get-ArgilSandboxRequest -Method POST
            $post | Should -HaveCount 1
            $post.Path | Should -Be '/avatars'
            $post.Body | Should -Match '"voiceId":"voice-1"'
            $post.Body | Should -Match ([regex]::Escape('"datasetImage":{"url":"https://example.com/portrait-1080x1920.png"}'))
        }

        It 'takes the name by position' {
            (New-ArgilAvatar 'Positional' -ImageUrl $imageUrl).Name | Should -Be 'Positional'
        }

        It 'sends nothing with -WhatIf' {
            New-ArgilAvatar -Name 'Maybe' -ImageUrl $imageUrl -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'sends nothing with $WhatIfPreference set, as scripts that honour -WhatIf do' {
            $WhatIfPreference = $true
            try { New-ArgilAvatar -Name 'Maybe' -ImageUrl $imageUrl | Should -BeNullOrEmpty }
            finally { $WhatIfPreference = $false }
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'From a local image' {
        BeforeAll {
            # In TestDrive, which Pester removes after this Context.
            $landscape = Write-TestImageFile -Width 1920 -Height 1080
            $portrait = Write-TestImageFile -Width 1080 -Height 1920
            $square = Write-TestImageFile -Width 1080 -Height 1080
            $tiny = Write-TestImageFile -Width 640 -Height 360
            $notAnImage = Write-TestImageFile -Bytes ([Text.Encoding]::UTF8.GetBytes('this is text, not a PNG'))
            $missing = Join-Path $TestDrive 'missing.png'
        }

        It 'sends a <Width>x<Height> PNG inline and the avatar is <Orientation>' -ForEach @(
            @{ Width = 1920; Height = 1080; Orientation = 'ASPECT_RATIO_16_9' }
            @{ Width = 1080; Height = 1920; Orientation = 'ASPECT_RATIO_9_16' }
        ) {
            $file = if ($Width -gt $Height) { $landscape } else { $portrait }
            $avatar = New-ArgilAvatar -Name 'Local' -ImagePath $file
            $avatar.Orientation | Should -Be $Orientation
            $avatar.Width | Should -Be $Width
            (Get-ArgilSandboxRequest -Method POST).Body | Should -Match '"base64":"data:image/png;base64,'
        }

        It 'binds a piped file: its Name as -Name and its FullName as -ImagePath' {
            $avatar = Get-Item -LiteralPath $landscape | New-ArgilAvatar
            $avatar.Name | Should -Be (Split-Path $landscape -Leaf)
            $avatar.Width | Should -Be 1920
        }

        It 'writes ImageNotFound for a file that does not exist, and sends nothing' {
            $avatar = New-ArgilAvatar -Name 'Missing' -ImagePath $missing -ErrorVariable failures -ErrorAction SilentlyContinue
            $avatar | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,ArgilPS.Commands.NewArgilAvatarCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].TargetObject | Should -Be $missing
            $failures[0].Exception.ParamName | Should -Be 'ImagePath'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'writes InvalidImage for <Case>, and sends nothing' -ForEach @(
            @{ Case = 'a file that is not an image'; File = 'notAnImage'; Message = 'not a PNG, JPEG or WEBP' }
            @{ Case = 'a square image'; File = 'square'; Message = '16:9' }
            @{ Case = 'an image below 720p'; File = 'tiny'; Message = '720p' }
        ) {
            $path = Get-Variable -Name $File -ValueOnly
            $null = New-ArgilAvatar -Name 'Bad' -ImagePath $path -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            Get-ErrorIdPrefix $failures[0] | Should -Be 'InvalidImage'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].Exception.Message | Should -Match ([regex]::Escape($Message))
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'goes on with the next file after a bad one (the error is not terminating)' {
            $avatars = Get-Item -LiteralPath $square, $portrait | New-ArgilAvatar -ErrorVariable failures -ErrorAction SilentlyContinue
            @($avatars) | Should -HaveCount 1
            $avatars.Height | Should -Be 1920
            Get-ErrorIdPrefix $failures[0] | Should -Be 'InvalidImage'
        }

        It 'stops at the first bad file with -ErrorAction Stop' {
            { New-ArgilAvatar -Name 'Bad' -ImagePath $square -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidImage,ArgilPS.Commands.NewArgilAvatarCommand'
        }
    }

    Context 'From CSV rows and other objects' {
        It 'creates one avatar per CSV row; a blank VoiceId column means no voice' {
            $rows = @'
Name,ImageUrl,VoiceId
Ann,https://example.com/ann-1080x1920.png,voice-a
Bob,https://example.com/bob-1920x1080.jpg,
'@ | ConvertFrom-Csv
            $avatars = $rows | New-ArgilAvatar
            ($avatars.Name -join ',') | Should -Be 'Ann,Bob'
            $avatars | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'ArgilPS.Avatar' }
            # The rows are sent concurrently (-ThrottleLimit): the sandbox may get them in either order.
            $bodies = @(Get-ArgilSandboxRequest -Method POST | ForEach-Object Body | Sort-Object { $_ -match '"name":"Bob"' })
            $bodies | Should -HaveCount 2
            $bodies[0] | Should -Match '"voiceId":"voice-a"'
            $bodies[1] | Should -Not -Match 'voiceId'
        }

        It 'binds objects with Name, ImageUrl and Extras properties' {
            $objects = @(
                [pscustomobject]@{ Name = 'One'; ImageUrl = $imageUrl; Extras = @{ batch = '7' } }
                [pscustomobject]@{ Name = 'Two'; ImageUrl = $imageUrl; Extras = @{ batch = '7' } }
            )
            $avatars = $objects | New-ArgilAvatar
            @($avatars | Where-Object { $_.Extras['batch'] -eq '7' }) | Should -HaveCount 2
        }

        It 'sends nothing for piped rows with -WhatIf' {
            [pscustomobject]@{ Name = 'W'; ImageUrl = $imageUrl } | New-ArgilAvatar -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'writes one error for a bad row and creates the others' {
            $rows = @'
Name,ImageUrl
Good,https://example.com/good-1080x1920.png
Bad,http://example.com/not-https.png
Also good,https://example.com/also-1080x1920.png
'@ | ConvertFrom-Csv
            $avatars = $rows | New-ArgilAvatar -ErrorVariable failures -ErrorAction SilentlyContinue
            ($avatars.Name -join ',') | Should -Be 'Good,Also good'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,ArgilPS.Commands.NewArgilAvatarCommand'
            $failures[0].Exception.ParameterName | Should -Be 'ImageUrl'
        }
    }

    Context 'From a video (deprecated)' {
        It 'warns that Argil deprecated it, once per pipeline, and the avatar is NOT_TRAINED' {
            $rows = 1..2 | ForEach-Object { [pscustomobject]@{ Name = "Video $_"; DatasetVideoUrl = 'https://example.com/dataset.mp4' } }
            $avatars = $rows | New-ArgilAvatar -WarningVariable warnings -WarningAction SilentlyContinue
            $avatars | Should -HaveCount 2
            $avatars[0].Status | Should -Be 'NOT_TRAINED'
            $warnings | Should -HaveCount 1
            "$($warnings[0])" | Should -Match 'deprecated'
        }
    }

    Context 'Validation before any request' {
        It 'refuses <Case> with ParameterArgumentValidationError naming -<Parameter>' -ForEach @(
            @{ Case = 'an http:// image URL'; Parameter = 'ImageUrl'; Arguments = @{ Name = 'x'; ImageUrl = 'http://example.com/a.png' } }
            @{ Case = 'a relative image URL'; Parameter = 'ImageUrl'; Arguments = @{ Name = 'x'; ImageUrl = 'a.png' } }
            @{ Case = 'an empty name'; Parameter = 'Name'; Arguments = @{ Name = ''; ImageUrl = 'https://example.com/a.png' } }
            @{ Case = 'a name of 257 characters'; Parameter = 'Name'; Arguments = @{ Name = 'n' * 257; ImageUrl = 'https://example.com/a.png' } }
            @{ Case = '11 extras'; Parameter = 'Extras'; Arguments = @{ Name = 'x'; ImageUrl = 'https://example.com/a.png'; Extras = @{ a = 1; b = 2; c = 3; d = 4; e = 5; f = 6; g = 7; h = 8; i = 9; j = 10; k = 11 } } }
            @{ Case = 'an extra value of 257 characters'; Parameter = 'Extras'; Arguments = @{ Name = 'x'; ImageUrl = 'https://example.com/a.png'; Extras = @{ a = 'v' * 257 } } }
            @{ Case = 'an http:// video URL'; Parameter = 'DatasetVideoUrl'; Arguments = @{ Name = 'x'; DatasetVideoUrl = 'http://example.com/d.mp4' } }
            @{ Case = 'an empty image path'; Parameter = 'ImagePath'; Arguments = @{ Name = 'x'; ImagePath = '' } }
        ) {
            $thrown = { New-ArgilAvatar @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.NewArgilAvatarCommand' -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,ArgilPS.Commands.NewArgilAvatarCommand'
            $thrown.Exception.ParameterName | Should -Be $Parameter
            $thrown.Exception.Message | Should -Match $Parameter
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses -ImageUrl together with -ImagePath (ambiguous parameter set)' {
            { New-ArgilAvatar -Name 'x' -ImageUrl $imageUrl -ImagePath 'a.png' } | Should -Throw -ErrorId 'AmbiguousParameterSet,ArgilPS.Commands.NewArgilAvatarCommand'
        }
    }

    Context 'API failures' {
        It 'writes InvalidRequest when the API refuses the body (an unknown sandbox-outcome)' {
            $avatar = New-ArgilAvatar -Name 'Odd' -ImageUrl $imageUrl -Extras @{ 'sandbox-outcome' = 'BOGUS' } -ErrorVariable failures -ErrorAction SilentlyContinue
            $avatar | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,ArgilPS.Commands.NewArgilAvatarCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].TargetObject | Should -Be 'Odd'
            $failures[0].Exception.GetType().FullName | Should -Be 'ArgilPS.ArgilApiException'
            $failures[0].Exception.StatusCode | Should -Be 400
            $failures[0].Exception.ApiMessage | Should -Match 'sandbox-outcome'
        }

        It 'writes ServerError for a 503 and never sends the POST again (it may have been acted on)' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 503 -Method POST -Path /avatars -Count 5
            $null = New-ArgilAvatar -Name 'Outage' -ImageUrl $imageUrl -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'ServerError,ArgilPS.Commands.NewArgilAvatarCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $failures[0].Exception.MayHaveSucceeded | Should -BeTrue
            Get-ArgilSandboxRequest -Method POST | Should -HaveCount 1
        }

        It 'retries a 429 for a POST and succeeds' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 429 -RetryAfter 2 -Method POST -Count 1
            $avatar = New-ArgilAvatar -Name 'Throttled once' -ImageUrl $imageUrl -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 0
            $avatar.Name | Should -Be 'Throttled once'
            (Get-ArgilSandboxRequest -Method POST).StatusCode -join ',' | Should -Be '429,201'
        }
    }
}
