# ConvertFrom-ArgilWebhookEvent: the four documented payloads, what a receiver has in hand, and the refusals.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    $videoSuccess = '{"event":"VIDEO_GENERATION_SUCCESS","data":{"videoId":"v1","videoName":"Welcome","videoUrl":"https://cdn.example.com/v1.mp4","extras":{"team":"hr"}}}'
}

Describe 'ConvertFrom-ArgilWebhookEvent' {
    Context 'Parameters' {
        BeforeAll { $command = Get-Command ConvertFrom-ArgilWebhookEvent }

        It 'takes the mandatory -Body as a string at position 0, by value and by property name (aliases Content, Data)' {
            $set = $command.ParameterSets[0].Name
            $command | Should -HaveParameter Body -Type ([string]) -Mandatory -Alias Content, Data
            (Get-SetParameter ConvertFrom-ArgilWebhookEvent $set Body).Position | Should -Be 0
            (Get-SetParameter ConvertFrom-ArgilWebhookEvent $set Body).ValueFromPipeline | Should -BeTrue
            (Get-SetParameter ConvertFrom-ArgilWebhookEvent $set Body).ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'changes nothing (no -WhatIf) and needs no connection' {
            $command.Parameters.ContainsKey('WhatIf') | Should -BeFalse
            Disconnect-Argil -ErrorAction SilentlyContinue
            (ConvertFrom-ArgilWebhookEvent $videoSuccess).VideoId | Should -Be 'v1'
        }
    }

    Context 'The documented events' {
        It 'reads <Event>' -ForEach @(
            @{ Event = 'VIDEO_GENERATION_SUCCESS'; Body = '{"event":"VIDEO_GENERATION_SUCCESS","data":{"videoId":"v1","videoName":"N","videoUrl":"https://c.example.com/v.mp4","extras":{}}}'; Id = 'v1' }
            @{ Event = 'VIDEO_GENERATION_FAILED'; Body = '{"event":"VIDEO_GENERATION_FAILED","data":{"videoId":"v2","videoName":"N","videoUrl":"https://c.example.com/v.mp4","extras":{}}}'; Id = 'v2' }
            @{ Event = 'AVATAR_TRAINING_SUCCESS'; Body = '{"event":"AVATAR_TRAINING_SUCCESS","data":{"avatarId":"a1","voiceId":"vo","avatarName":"N","extras":{}}}'; Id = 'a1' }
            @{ Event = 'AVATAR_TRAINING_FAILED'; Body = '{"event":"AVATAR_TRAINING_FAILED","data":{"avatarId":"a2","avatarName":"N","extras":{}}}'; Id = 'a2' }
        ) {
            $converted = ConvertFrom-ArgilWebhookEvent -Body $Body
            $converted.PSObject.TypeNames[0] | Should -Be 'ArgilPS.WebhookEvent'
            $converted.Event | Should -Be $Event
            $converted.Id | Should -Be $Id
            $converted.RawBody | Should -Be $Body
        }

        It 'reads the fields of a video event and its extras' {
            $converted = $videoSuccess | ConvertFrom-ArgilWebhookEvent
            $converted.VideoName | Should -Be 'Welcome'
            $converted.VideoUrl | Should -Be 'https://cdn.example.com/v1.mp4'
            $converted.Extras['team'] | Should -Be 'hr'
            $converted.IsSuccess | Should -BeTrue
            $converted.IsVideoEvent | Should -BeTrue
        }

        It 'reads extras sent as text, as the documentation shows them' {
            $converted = ConvertFrom-ArgilWebhookEvent '{"event":"AVATAR_TRAINING_FAILED","data":{"avatarId":"a","extras":"<additional_key-value_data>"}}'
            $converted.Extras['value'] | Should -Be '<additional_key-value_data>'
        }

        It 'takes bytes, a parsed hashtable and objects with a Body property' {
            (ConvertFrom-ArgilWebhookEvent -Body ([Text.Encoding]::UTF8.GetBytes($videoSuccess))).VideoId | Should -Be 'v1'
            (ConvertFrom-ArgilWebhookEvent -Body @{ event = 'AVATAR_TRAINING_SUCCESS'; data = @{ avatarId = 'a9' } }).AvatarId | Should -Be 'a9'
            ([pscustomobject]@{ Body = $videoSuccess } | ConvertFrom-ArgilWebhookEvent).VideoId | Should -Be 'v1'
        }

        It 'takes the request body stream (UTF-8), reads no more than 1 MB of it, and leaves it open' {
            $stream = [System.IO.MemoryStream]::new([System.Text.Encoding]::UTF8.GetBytes('{"event":"VIDEO_GENERATION_SUCCESS","data":{"videoId":"v-1","videoName":"Caf' + [char]0xE9 + '"}}'))
            $argilEvent = ConvertFrom-ArgilWebhookEvent -Body $stream
            $argilEvent.VideoName | Should -BeExactly ('Caf' + [char]0xE9)
            $stream.CanRead | Should -BeTrue

            $huge = [System.IO.MemoryStream]::new([byte[]]::new(3MB))
            ConvertFrom-ArgilWebhookEvent -Body $huge -ErrorAction SilentlyContinue -ErrorVariable bad | Should -BeNullOrEmpty
            $bad[0].FullyQualifiedErrorId | Should -Be 'InvalidWebhookEvent,ArgilPS.Commands.ConvertFromArgilWebhookEventCommand'
            "$($bad[0])" | Should -Match 'longer than 1,048,576 characters'
            $huge.Position | Should -BeLessThan 2MB
        }

        It 'shows a table with the event, the id and the name' {
            $text = $videoSuccess | ConvertFrom-ArgilWebhookEvent | Format-Table | Out-String -Width 200
            $text | Should -BeLike '*VIDEO_GENERATION_SUCCESS*v1*Welcome*'
        }
    }

    Context 'Refusals' {
        It 'writes InvalidWebhookEvent (InvalidData) for <Case>' -ForEach @(
            @{ Case = 'text that is not JSON'; Body = 'hello'; Problem = 'not JSON' }
            @{ Case = 'a JSON array'; Body = '[]'; Problem = 'a list, not a JSON object' }
            @{ Case = 'an unknown event'; Body = '{"event":"VIDEO_DELETED","data":{}}'; Problem = "'VIDEO_DELETED', not one of the Argil events" }
            @{ Case = 'a missing data'; Body = '{"event":"VIDEO_GENERATION_SUCCESS"}'; Problem = "has no 'data'" }
            @{ Case = 'a missing videoId'; Body = '{"event":"VIDEO_GENERATION_SUCCESS","data":{}}'; Problem = "has no 'videoId'" }
            @{ Case = 'a number for an id'; Body = '{"event":"AVATAR_TRAINING_SUCCESS","data":{"avatarId":1}}'; Problem = 'is a number, not text' }
            @{ Case = 'a deep body'; Body = ('[' * 50) + (']' * 50); Problem = 'nested more than 8 levels' }
        ) {
            $converted = ConvertFrom-ArgilWebhookEvent -Body $Body -ErrorVariable failures -ErrorAction SilentlyContinue
            $converted | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidWebhookEvent,ArgilPS.Commands.ConvertFromArgilWebhookEventCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $failures[0].ToString() | Should -BeLike "*$([WildcardPattern]::Escape($Problem))*"
        }

        It 'throws InvalidWebhookEvent with -ErrorAction Stop, which try/catch sees' {
            { ConvertFrom-ArgilWebhookEvent -Body 'junk' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidWebhookEvent,*'
        }

        It 'never shows more than a short excerpt of a refused body' {
            $null = ConvertFrom-ArgilWebhookEvent -Body ('x' * 10000 + 'TAIL') -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].ToString().Length | Should -BeLessThan 300
            $failures[0].ToString() | Should -Not -BeLike '*TAIL*'
        }

        It 'refuses an empty body with InvalidWebhookEvent, not a binding error' {
            $null = ConvertFrom-ArgilWebhookEvent -Body '' -ErrorVariable failures -ErrorAction SilentlyContinue
            Get-ErrorIdPrefix $failures[0] | Should -Be 'InvalidWebhookEvent'
        }
    }
}
