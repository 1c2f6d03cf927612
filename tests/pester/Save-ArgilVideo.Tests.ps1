# Save-ArgilVideo: downloading rendered videos from the sandbox's file host, on its manual clock.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
    $ProgressPreference = 'SilentlyContinue'

    function Add-SandboxVideo {
        # A video made through the API (Invoke-ArgilRestMethod), rendered and run to its end on the
        # manual clock unless -NotRendered; -Outcome is the sandbox-outcome extra.
        param([string] $Name = 'Test video', [string] $Outcome, [switch] $Subtitles, [switch] $NotRendered)
        $body = @{ name = $Name; moments = @(@{ avatarId = $PublicAvatarIds[0]; transcript = 'Hello there.' }) }
        if ($Outcome) { $body.extras = @{ 'sandbox-outcome' = $Outcome } }
        if ($Subtitles) { $body.subtitles = @{ enable = $true } }
        $video = Invoke-ArgilRestMethod -Method POST -Path /videos -Body $body -ErrorAction Stop
        if (-not $NotRendered) {
            $null = Invoke-ArgilRestMethod -Method POST -Path "/videos/$($video.id)/render" -ErrorAction Stop
            Set-ArgilSandbox -AdvanceSeconds 600
        }
        $video.id
    }

    function Get-FileRequest { @(Get-ArgilSandboxRequest | Where-Object Origin -EQ 'files') }
}

AfterAll {
    Disconnect-Argil
}

Describe 'Save-ArgilVideo' {
    BeforeEach {
        Clear-ArgilSandboxFault
        Clear-ArgilSandboxRequest
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
    }

    Context 'Parameters' {
        BeforeAll { $command = Get-Command Save-ArgilVideo }

        It 'has the InputObject set (default, so that piped videos bind to it) and the Id set' {
            $command.DefaultParameterSet | Should -Be 'InputObject'
            ($command.ParameterSets.Name | Sort-Object) -join ',' | Should -Be 'Id,InputObject'
            Get-MandatoryParameterName Save-ArgilVideo Id | Should -Be 'Id'
            Get-MandatoryParameterName Save-ArgilVideo InputObject | Should -Be 'InputObject'
        }

        It 'takes -Id as string[] at position 0, by value and by property name, also as -VideoId' {
            $command | Should -HaveParameter Id -Type ([string[]]) -Alias VideoId
            $id = Get-SetParameter Save-ArgilVideo Id Id
            $id.Position | Should -Be 0
            $id.ValueFromPipeline | Should -BeTrue
            $id.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'takes videos by value as -InputObject' {
            $command | Should -HaveParameter InputObject -Type ([ArgilPS.Video[]])
            (Get-SetParameter Save-ArgilVideo InputObject InputObject).ValueFromPipeline | Should -BeTrue
        }

        It 'has -Path at position 1, the switches -Subtitled and -Force, and -WhatIf/-Confirm' {
            (Get-SetParameter Save-ArgilVideo Id Path).Position | Should -Be 1
            $command | Should -HaveParameter Subtitled -Type ([switch])
            $command | Should -HaveParameter Force -Type ([switch])
            $command | Should -HaveParameter WhatIf
            $command | Should -HaveParameter Confirm
        }

        It 'declares FileInfo as its output' {
            $command.OutputType.Name | Should -Contain 'System.IO.FileInfo'
        }
    }

    Context 'Saving' {
        It 'saves a video piped by value as <name>-<id>.mp4 and outputs the file' {
            $id = Add-SandboxVideo -Name 'By value'
            $file = $id | Save-ArgilVideo -Path $folder
            $file | Should -BeOfType ([IO.FileInfo])
            $file.Name | Should -Be "By value-$id.mp4"
            $file.Length | Should -BeGreaterThan 100
            @(Get-ChildItem -Path $folder).Name | Should -Be "By value-$id.mp4"
        }

        It 'takes piped objects with a <Property> property' -ForEach @(
            @{ Property = 'Id' }
            @{ Property = 'VideoId' }
        ) {
            $id = Add-SandboxVideo -Name "By $Property"
            $file = [pscustomobject]@{ $Property = $id } | Save-ArgilVideo -Path $folder
            $file.Name | Should -Be "By $Property-$id.mp4"
        }

        It 'saves piped video objects as they are, with no request but the download' {
            $id = Add-SandboxVideo -Name 'Object'
            $video = Wait-ArgilVideo -Id $id
            Clear-ArgilSandboxRequest
            $file = $video | Save-ArgilVideo -Path $folder
            $file.Name | Should -Be "Object-$id.mp4"
            @(Get-ArgilSandboxRequest).Origin | Should -Be 'files'
        }

        It 'saves into the current location without -Path' {
            Push-Location $folder
            try { $file = Add-SandboxVideo -Name 'Here' | Save-ArgilVideo } finally { Pop-Location }
            $file.DirectoryName | Should -Be (Get-Item $folder).FullName
        }

        It 'never sends the key to the download host' {
            $null = Add-SandboxVideo -Name 'No key' | Save-ArgilVideo -Path $folder
            $download = Get-FileRequest
            $download | Should -HaveCount 1
            $download[0].ApiKeyHeaderPresent | Should -BeFalse
            $download[0].ApiKeySent | Should -BeFalse
        }

        It 'with -WhatIf downloads nothing and writes nothing' {
            $id = Add-SandboxVideo -Name 'What if'
            $out = Save-ArgilVideo -Id $id -Path $folder -WhatIf 6>$null
            $out | Should -BeNullOrEmpty
            Get-FileRequest | Should -HaveCount 0
            Get-ChildItem -Path $folder | Should -HaveCount 0
        }
    }

    Context 'Errors' {
        It 'writes FileExists (ResourceExists) naming the file, and keeps it, unless -Force' {
            $id = Add-SandboxVideo -Name 'Exists'
            $target = Join-Path $folder "Exists-$id.mp4"
            Set-Content -Path $target -Value 'mine'
            $out = Save-ArgilVideo -Id $id -Path $folder -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'FileExists,ArgilPS.Commands.SaveArgilVideoCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $failures[0].TargetObject | Should -Be $target
            "$($failures[0])" | Should -BeLike "*$target*"
            Get-Content -Path $target | Should -Be 'mine'
            { Save-ArgilVideo -Id $id -Path $folder -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists,*'

            (Save-ArgilVideo -Id $id -Path $folder -Force).Length | Should -BeGreaterThan 100
        }

        It 'writes VideoNotReady (ResourceUnavailable) with the video as target for a video that is <Why>' -ForEach @(
            @{ Why = 'not rendered'; Outcome = $null; NotRendered = $true; Advice = 'Start-ArgilVideoRender' }
            @{ Why = 'still rendering'; Outcome = 'GENERATING_VIDEO'; NotRendered = $false; Advice = 'Wait-ArgilVideo' }
            @{ Why = 'failed'; Outcome = 'FAILED'; NotRendered = $false; Advice = 'Wait-ArgilVideo' }
        ) {
            $id = Add-SandboxVideo -Name 'Early' -Outcome $Outcome -NotRendered:$NotRendered
            $out = Save-ArgilVideo -Id $id -Path $folder -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'VideoNotReady,ArgilPS.Commands.SaveArgilVideoCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $failures[0].TargetObject.Id | Should -Be $id
            $failures[0].ErrorDetails.RecommendedAction | Should -BeLike "*$Advice*"
            Get-FileRequest | Should -HaveCount 0
        }

        It 'writes SubtitledVideoMissing for -Subtitled on a video without subtitles, and saves the subtitled file of one with them' {
            $plain = Add-SandboxVideo -Name 'Plain'
            { Save-ArgilVideo -Id $plain -Path $folder -Subtitled -ErrorAction Stop } | Should -Throw -ErrorId 'SubtitledVideoMissing,*'
            $subbed = Add-SandboxVideo -Name 'Subbed' -Subtitles
            (Save-ArgilVideo -Id $subbed -Path $folder -Subtitled).Name | Should -Be "Subbed-$subbed-subtitled.mp4"
        }

        It 'writes DownloadFailed (ConnectionError) naming the file when the download is cut, and leaves no file' {
            $id = Add-SandboxVideo -Name 'Cut'
            $null = Add-ArgilSandboxFault -Kind Truncate -Path '/files/videos/*'
            $out = Save-ArgilVideo -Id $id -Path $folder -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -Be 'DownloadFailed,ArgilPS.Commands.SaveArgilVideoCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $failures[0].TargetObject.Id | Should -Be $id
            $failures[0].Exception.Message | Should -BeLike "*Cut-$id.mp4*"
            Get-ChildItem -Path $folder -Force | Should -HaveCount 0
        }

        It 'writes VideoNotFound for an unknown id' {
            { Save-ArgilVideo -Id 'no-such-video' -Path $folder -ErrorAction Stop } | Should -Throw -ErrorId 'VideoNotFound,*'
        }

        It 'writes PathIsOneFile for each video after the first when -Path names a file' {
            $a = Add-SandboxVideo -Name 'A'
            $b = Add-SandboxVideo -Name 'B'
            $out = Save-ArgilVideo -Id $a, $b -Path (Join-Path $folder 'one.mp4') -ErrorVariable failures -ErrorAction SilentlyContinue
            $out.Name | Should -Be 'one.mp4'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'PathIsOneFile,ArgilPS.Commands.SaveArgilVideoCommand'
            $failures[0].TargetObject | Should -Be $b
        }
    }

    Context 'Validation before any request' {
        It 'refuses an empty -Id' {
            { Save-ArgilVideo -Id '' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
            Get-ArgilSandboxRequest | Should -HaveCount 0
        }

        It 'refuses a -Path that is not on the file system' {
            { Save-ArgilVideo -Id 'x' -Path 'Env:\somewhere' } | Should -Throw -ErrorId 'InvalidPath,*'
            Get-ArgilSandboxRequest | Should -HaveCount 0
        }

        It 'refuses a -Path of only white space, and creates nothing' {
            Push-Location -LiteralPath $folder
            try { { Save-ArgilVideo -Id 'x' -Path '   ' } | Should -Throw -ErrorId 'InvalidPath,*' } finally { Pop-Location }
            Get-ChildItem -LiteralPath $folder -Force | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -HaveCount 0
        }

        It 'refuses a file -Path whose folder does not exist' {
            { Save-ArgilVideo -Id 'x' -Path (Join-Path $folder 'missing/one.mp4') } | Should -Throw -ErrorId 'PathNotFound,*'
            Get-ArgilSandboxRequest | Should -HaveCount 0
        }
    }

    Context 'Help' {
        It 'has a synopsis, a description, examples and every parameter documented' {
            $help = Get-Help Save-ArgilVideo -Full
            $help.Synopsis | Should -BeLike 'Downloads rendered Argil videos*'
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 3
            foreach ($name in 'Id', 'InputObject', 'Path', 'Subtitled', 'Force') {
                ($help.Parameters.Parameter | Where-Object Name -EQ $name).Description | Should -Not -BeNullOrEmpty
            }
        }
    }
}
