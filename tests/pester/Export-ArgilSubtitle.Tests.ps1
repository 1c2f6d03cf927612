# Export-ArgilSubtitle: a rendered video's subtitles as text or files, the pipeline, the file rules and the errors.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual

    function Add-SandboxVideo {
        # Creates a video through the API (New-ArgilVideo is another part of the module) and, unless
        # -NotRendered, renders it to DONE on the sandbox's Manual clock.
        [CmdletBinding(SupportsShouldProcess)]
        param([string] $Name = 'Weekly update', [switch] $NotRendered)
        $moment = @{ avatarId = $PublicAvatarIds[0]; transcript = 'Hello and welcome. This is the weekly update, with subtitles.' }
        $video = Invoke-ArgilRestMethod -Method POST -Path /videos -Body @{ name = $Name; moments = @($moment) } -Confirm:$false
        if (-not $NotRendered) {
            $null = Invoke-ArgilRestMethod -Method POST -Path "/videos/$($video.id)/render" -Confirm:$false
            Set-ArgilSandbox -AdvanceSeconds 3600
        }
        $video
    }

    $done = Add-SandboxVideo -Name 'Weekly update'
    $other = Add-SandboxVideo -Name 'Launch: part 1/2'
    $idle = Add-SandboxVideo -Name 'Not rendered' -NotRendered
}

AfterAll {
    Disconnect-Argil
}

Describe 'Export-ArgilSubtitle' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Export-ArgilSubtitle }

        It 'has the parameter sets Text (default) and Path' {
            (@($command.ParameterSets.Name | Sort-Object) -join ',') | Should -Be 'Path,Text'
            $command.DefaultParameterSet | Should -Be 'Text'
            Get-MandatoryParameterName Export-ArgilSubtitle Text | Should -Be 'VideoId'
            Get-MandatoryParameterName Export-ArgilSubtitle Path | Should -Be 'Path,VideoId'
        }

        It 'takes -VideoId as string[] at position 0, from the pipeline and by property name, also as -Id' {
            $command | Should -HaveParameter VideoId -Type ([string[]]) -Mandatory -Alias Id
            foreach ($set in 'Text', 'Path') {
                $parameter = Get-SetParameter Export-ArgilSubtitle $set VideoId
                $parameter.Position | Should -Be 0
                $parameter.ValueFromPipeline | Should -BeTrue
                $parameter.ValueFromPipelineByPropertyName | Should -BeTrue
            }
        }

        It 'takes -Path at position 1 and -Force in the Path set only' {
            (Get-SetParameter Export-ArgilSubtitle Path Path).Position | Should -Be 1
            Get-SetParameter Export-ArgilSubtitle Path Force | Should -Not -BeNullOrEmpty
            Get-SetParameter Export-ArgilSubtitle Text Path | Should -BeNullOrEmpty
            Get-SetParameter Export-ArgilSubtitle Text Force | Should -BeNullOrEmpty
        }

        It 'declares string and FileInfo outputs and supports -WhatIf' {
            $command.OutputType.Name | Should -Contain 'System.String'
            $command.OutputType.Name | Should -Contain 'System.IO.FileInfo'
            $command.Parameters.ContainsKey('WhatIf') | Should -BeTrue
        }
    }

    Context 'Text' {
        It 'outputs the WebVTT text of a rendered video' {
            $text = Export-ArgilSubtitle $done.id
            $text | Should -BeOfType ([string])
            $text | Should -Match '^WEBVTT'
            $text | Should -Match 'Hello and welcome'
            $request = Get-ArgilSandboxRequest
            $request.Path | Should -Be "/subtitles/videos/$($done.id)/export"
            $request.Query | Should -Be 'format=vtt&includeStyling=false'
        }

        It 'outputs styled ASS with -Format ass -IncludeStyling' {
            $text = Export-ArgilSubtitle -VideoId $done.id -Format ass -IncludeStyling
            $text | Should -Match '\[Script Info\]'
            $text | Should -Match 'Dialogue:'
            (Get-ArgilSandboxRequest).Query | Should -Be 'format=ass&includeStyling=true'
        }

        It 'takes ids by value, and videos and objects with <Property> by property name' -ForEach @(
            @{ Property = 'Id' }
            @{ Property = 'VideoId' }
        ) {
            $objects = $done.id, $other.id | ForEach-Object { [pscustomobject]@{ $Property = $_; Other = 'ignored' } }
            $objects | Export-ArgilSubtitle | Should -HaveCount 2
            ($done.id, $other.id | Export-ArgilSubtitle) | Should -HaveCount 2
            # A video as the API returns it (its id property) binds too.
            (Invoke-ArgilRestMethod -Path "/videos/$($done.id)" | Export-ArgilSubtitle) | Should -Match '^WEBVTT'
        }
    }

    Context 'Files' {
        BeforeEach {
            $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory -Path $folder
        }

        It 'writes into a folder under the name the API suggests and outputs FileInfo' {
            $file = Export-ArgilSubtitle $done.id -Path $folder
            $file | Should -BeOfType ([System.IO.FileInfo])
            $file.Name | Should -Be 'Weekly update.vtt'
            Get-Content -LiteralPath $file.FullName -Raw | Should -Match '^WEBVTT'
            @(Get-ChildItem -LiteralPath $folder).Name | Should -Be 'Weekly update.vtt'
        }

        It 'never uses a suggested name that holds a folder' {
            # The video name has ":" and "/": the API's filename* holds them, its filename does not.
            $file = Export-ArgilSubtitle $other.id -Path $folder -Format ass
            $file.DirectoryName | Should -Be (Get-Item -LiteralPath $folder).FullName
            $file.Name | Should -Be 'Launch_ part 1_2.ass'
        }

        It 'writes one video to a file path' {
            $target = Join-Path $folder 'talk.vtt'
            (Export-ArgilSubtitle $done.id $target).FullName | Should -Be $target
            Test-Path -LiteralPath $target | Should -BeTrue
        }

        It 'refuses to replace a file without -Force (FileExists, no request for a file path) and replaces it with -Force' {
            $target = Join-Path $folder 'talk.vtt'
            Set-Content -LiteralPath $target -Value 'old'
            $null = Export-ArgilSubtitle $done.id -Path $target -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'FileExists,ArgilPS.Commands.ExportArgilSubtitleCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $failures[0].TargetObject | Should -Be $target
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
            (Get-Content -LiteralPath $target -Raw).Trim() | Should -Be 'old'

            $null = Export-ArgilSubtitle $done.id -Path $target -Force
            Get-Content -LiteralPath $target -Raw | Should -Match '^WEBVTT'
            @(Get-ChildItem -LiteralPath $folder -Filter '*.partial') | Should -HaveCount 0
        }

        It 'refuses a file path for several ids before any request (PathIsAFile)' {
            { Export-ArgilSubtitle $done.id, $other.id -Path (Join-Path $folder 'one.vtt') } |
                Should -Throw -ErrorId 'PathIsAFile,ArgilPS.Commands.ExportArgilSubtitleCommand'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses a folder that does not exist before any request (PathNotFound)' {
            { Export-ArgilSubtitle $done.id -Path (Join-Path $folder 'missing/talk.vtt') } |
                Should -Throw -ErrorId 'PathNotFound,ArgilPS.Commands.ExportArgilSubtitleCommand'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'sends nothing and writes nothing with -WhatIf' {
            Export-ArgilSubtitle $done.id -Path $folder -WhatIf | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
            Get-ChildItem -LiteralPath $folder | Should -BeNullOrEmpty
        }
    }

    Context 'Validation' {
        It 'refuses <Case> before any request' -ForEach @(
            @{ Case = 'an unknown format'; Arguments = @{ VideoId = 'x'; Format = 'srt' } }
            @{ Case = 'an empty id'; Arguments = @{ VideoId = '' } }
            @{ Case = 'an empty path'; Arguments = @{ VideoId = 'x'; Path = '' } }
        ) {
            { Export-ArgilSubtitle @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.ExportArgilSubtitleCommand'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses a -Path of only white space before any request, and writes nothing' {
            $here = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory -Path $here
            Push-Location -LiteralPath $here
            try { { Export-ArgilSubtitle -VideoId 'x' -Path '   ' } | Should -Throw -ErrorId 'InvalidPath,*' } finally { Pop-Location }
            Get-ChildItem -LiteralPath $here -Force | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }

        It 'refuses the id ".." with InvalidRequest before any request' {
            $null = Export-ArgilSubtitle '..' -ErrorVariable failures -ErrorAction SilentlyContinue
            Get-ErrorIdPrefix $failures[0] | Should -Be 'InvalidRequest'
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
        }
    }

    Context 'Failures' {
        It 'writes VideoNotFound for an unknown video and still exports the others' {
            $texts = Export-ArgilSubtitle 'no-such-video', $done.id -ErrorVariable failures -ErrorAction SilentlyContinue
            $texts | Should -HaveCount 1
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'VideoNotFound,ArgilPS.Commands.ExportArgilSubtitleCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'no-such-video'
            $failures[0].Exception.StatusCode | Should -Be 404
        }

        It 'writes InvalidRequest, saying how to render, for a video that is not rendered' {
            $null = Export-ArgilSubtitle $idle.id -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,ArgilPS.Commands.ExportArgilSubtitleCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].TargetObject | Should -Be $idle.id
            $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Start-ArgilVideoRender'
        }

        It 'retries a 503 and succeeds' {
            Add-ArgilSandboxFault -Kind Status -StatusCode 503 -Method GET -Path "/subtitles/videos/$($done.id)/export" -Count 1
            Export-ArgilSubtitle $done.id | Should -Match '^WEBVTT'
            (Get-ArgilSandboxRequest).StatusCode -join ',' | Should -Be '503,200'
        }
    }

    Context 'Help' {
        It 'has a synopsis, examples and every parameter described' {
            $help = Get-Help Export-ArgilSubtitle -Full
            "$($help.Synopsis)" | Should -Match 'subtitles'
            @($help.examples.example).Count | Should -BeGreaterOrEqual 3
            foreach ($name in 'VideoId', 'Format', 'IncludeStyling', 'Path', 'Force') {
                ($help.parameters.parameter | Where-Object Name -EQ $name).description.Text | Should -Not -BeNullOrEmpty
            }
        }
    }
}
