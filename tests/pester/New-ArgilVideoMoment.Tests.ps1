# New-ArgilVideoMoment: a local VideoMoment, no request; its sets, pipeline and rules.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $avatar = $PublicAvatarIds[0]
    $command = 'ArgilPS.Commands.NewArgilVideoMomentCommand'
}

AfterAll {
    Disconnect-Argil
}

Describe 'New-ArgilVideoMoment' {
    BeforeEach {
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $info = Get-Command New-ArgilVideoMoment }

        It 'has the sets Transcript (default) and AudioUrl' {
            (@($info.ParameterSets.Name | Sort-Object) -join ',') | Should -Be 'AudioUrl,Transcript'
            $info.DefaultParameterSet | Should -Be 'Transcript'
            Get-MandatoryParameterName New-ArgilVideoMoment Transcript | Should -Be 'AvatarId,Transcript'
            Get-MandatoryParameterName New-ArgilVideoMoment AudioUrl | Should -Be 'AudioUrl,AvatarId'
        }

        It 'takes -AvatarId at position 0 and -Transcript at position 1' {
            (Get-SetParameter New-ArgilVideoMoment Transcript AvatarId).Position | Should -Be 0
            (Get-SetParameter New-ArgilVideoMoment Transcript Transcript).Position | Should -Be 1
        }

        It 'binds -<_> by property name' -ForEach @('AvatarId', 'Transcript', 'AudioUrl', 'VoiceId', 'GestureSlug', 'Zoom', 'BrollAssetId') {
            $info.Parameters[$_].ParameterSets.Values | ForEach-Object { $_.ValueFromPipelineByPropertyName | Should -BeTrue }
        }

        It 'does not support -WhatIf (it changes nothing)' {
            $info.Parameters.ContainsKey('WhatIf') | Should -BeFalse
        }

        It 'declares VideoMoment as its output' {
            $info.OutputType.Name | Should -Contain 'ArgilPS.VideoMoment'
        }

        It 'completes -AvatarId with avatar ids' {
            $result = TabExpansion2 -inputScript 'New-ArgilVideoMoment -AvatarId ' -cursorColumn 31
            $result.CompletionMatches.CompletionText | Should -Contain "'$avatar'"
        }
    }

    Context 'Building' {
        It 'builds a transcript moment with every option, and sends nothing' {
            $moment = New-ArgilVideoMoment $avatar 'Hello there.' -VoiceId 'voice-1' -GestureSlug 'gesture-3' -Zoom 1.2 -BrollAssetId 'asset-1'
            $moment.PSObject.TypeNames[0] | Should -Be 'ArgilPS.VideoMoment'
            $moment.AvatarId | Should -Be $avatar
            $moment.Transcript | Should -Be 'Hello there.'
            $moment.AudioUrl | Should -BeNullOrEmpty
            $moment.VoiceId | Should -Be 'voice-1'
            $moment.GestureSlug | Should -Be 'gesture-3'
            $moment.Zoom | Should -Be 1.2
            $moment.BrollAssetId | Should -Be 'asset-1'
            $moment.TranscriptLength | Should -Be 12
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'takes a blank Zoom cell of a CSV row as not given' {
            $moments = "AvatarId,Transcript,Zoom`n$avatar,Hello.,`n$avatar,Again.,1.5" | ConvertFrom-Csv | New-ArgilVideoMoment -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -BeNullOrEmpty
            $moments.Count | Should -Be 2
            $moments[0].Zoom | Should -BeNullOrEmpty
            $moments[1].Zoom | Should -Be 1.5
        }

        It 'builds an audio moment' {
            $moment = New-ArgilVideoMoment -AvatarId $avatar -AudioUrl 'https://cdn.example.com/intro.mp3'
            $moment.AudioUrl | Should -Be 'https://cdn.example.com/intro.mp3'
            $moment.Transcript | Should -BeNullOrEmpty
            "$moment" | Should -Be "${avatar}: audio https://cdn.example.com/intro.mp3"
        }

        It 'leaves out blank optional columns of a CSV row' {
            $moments = @"
AvatarId,Transcript,VoiceId,GestureSlug,BrollAssetId
$avatar,First line.,,,
$avatar,Second line.,voice-2,gesture-1,asset-9
"@ | ConvertFrom-Csv | New-ArgilVideoMoment
            $moments | Should -HaveCount 2
            $moments[0].VoiceId | Should -BeNullOrEmpty
            $moments[0].GestureSlug | Should -BeNullOrEmpty
            $moments[0].BrollAssetId | Should -BeNullOrEmpty
            $moments[1].VoiceId | Should -Be 'voice-2'
        }

        It 'feeds New-ArgilVideo -Moment, which sends zoom as {level} and B-roll as {type: UPLOAD, assetId}' {
            $moments = @(
                New-ArgilVideoMoment -AvatarId $avatar -Transcript 'Look.' -Zoom 2
                New-ArgilVideoMoment -AvatarId $avatar -AudioUrl 'https://cdn.example.com/a.mp3'
            )
            $null = New-ArgilVideo -Name 'From moments' -Moment $moments -ErrorAction Stop
            $body = (Get-ArgilSandboxRequest -Method POST).Body
            $body | Should -Match '"zoom":\{"level":2\}'
            $body | Should -Match '"audioUrl":"https://cdn.example.com/a.mp3"'
        }
    }

    Context 'Validation before any request' {
        It 'refuses <Case> naming -<Parameter>' -ForEach @(
            @{ Case = 'an http audio URL'; Parameter = 'AudioUrl'; Arguments = @{ AudioUrl = 'http://cdn.example.com/a.mp3' } }
            @{ Case = 'a relative audio URL'; Parameter = 'AudioUrl'; Arguments = @{ AudioUrl = 'a.mp3' } }
            @{ Case = 'a zoom of 0.5'; Parameter = 'Zoom'; Arguments = @{ Transcript = 'x'; Zoom = 0.5 } }
            @{ Case = 'a zoom of 2.5'; Parameter = 'Zoom'; Arguments = @{ Transcript = 'x'; Zoom = 2.5 } }
            @{ Case = 'an empty transcript'; Parameter = 'Transcript'; Arguments = @{ Transcript = '' } }
            @{ Case = 'an empty avatar id'; Parameter = 'AvatarId'; Arguments = @{ AvatarId = ''; Transcript = 'x' } }
        ) {
            $splat = @{ AvatarId = $avatar }
            foreach ($key in $Arguments.Keys) { $splat[$key] = $Arguments[$key] }
            $thrown = { New-ArgilVideoMoment @splat } | Should -Throw -ErrorId "ParameterArgumentValidationError,$command" -PassThru
            $thrown.Exception.ParameterName | Should -Be $Parameter
        }

        It 'refuses a transcript that is only white space with EmptyTranscript' {
            $null = New-ArgilVideoMoment -AvatarId $avatar -Transcript "  `t " -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be "EmptyTranscript,$command"
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].Exception.ParamName | Should -Be 'Transcript'
        }

        It 'refuses -Transcript with -AudioUrl (ambiguous parameter set)' {
            { New-ArgilVideoMoment -AvatarId $avatar -Transcript 'x' -AudioUrl 'https://e.com/a.mp3' } | Should -Throw -ErrorId "AmbiguousParameterSet,$command"
        }
    }

    Context 'Help' {
        It 'has an example that feeds New-ArgilVideo' {
            ((Get-Help New-ArgilVideoMoment -Full).examples.example.code -join "`n") | Should -Match 'New-ArgilVideo -Name'
        }
    }
}
