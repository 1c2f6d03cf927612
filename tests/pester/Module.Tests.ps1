# The module's surface: what it exports, its manifest, and the types its cmdlets declare.

BeforeDiscovery {
    $outputTypes = @(
        @{ Command = 'Connect-Argil'; TypeName = 'ArgilPS.ArgilContext' }
        @{ Command = 'Get-ArgilContext'; TypeName = 'ArgilPS.ArgilContext' }
        @{ Command = 'New-ArgilAvatar'; TypeName = 'ArgilPS.Avatar' }
        @{ Command = 'Get-ArgilAvatar'; TypeName = 'ArgilPS.Avatar' }
        @{ Command = 'Wait-ArgilAvatar'; TypeName = 'ArgilPS.Avatar' }
        @{ Command = 'New-ArgilAsset'; TypeName = 'ArgilPS.Asset' }
        @{ Command = 'Get-ArgilAsset'; TypeName = 'ArgilPS.Asset' }
        @{ Command = 'Wait-ArgilAsset'; TypeName = 'ArgilPS.Asset' }
        @{ Command = 'Get-ArgilVoice'; TypeName = 'ArgilPS.Voice' }
        @{ Command = 'New-ArgilVoice'; TypeName = 'ArgilPS.Voice' }
        @{ Command = 'Sync-ArgilVoice'; TypeName = 'ArgilPS.VoiceProviderSync' }
        @{ Command = 'Add-ArgilSandboxFault'; TypeName = 'ArgilPS.Sandbox.SandboxFault' }
        @{ Command = 'Get-ArgilSandboxRequest'; TypeName = 'ArgilPS.Sandbox.SandboxRequest' }
        @{ Command = 'Set-ArgilSandbox'; TypeName = 'ArgilPS.Sandbox.SandboxState' }
        @{ Command = 'Get-ArgilSandboxDelivery'; TypeName = 'ArgilPS.Sandbox.SandboxDelivery' }
        @{ Command = 'Get-ArgilWebhook'; TypeName = 'ArgilPS.Webhook' }
        @{ Command = 'New-ArgilWebhook'; TypeName = 'ArgilPS.Webhook' }
        @{ Command = 'Set-ArgilWebhook'; TypeName = 'ArgilPS.Webhook' }
        @{ Command = 'ConvertFrom-ArgilWebhookEvent'; TypeName = 'ArgilPS.WebhookEvent' }
        @{ Command = 'Wait-ArgilVideo'; TypeName = 'ArgilPS.Video' }
        @{ Command = 'Save-ArgilVideo'; TypeName = 'System.IO.FileInfo' }
        @{ Command = 'New-ArgilVideo'; TypeName = 'ArgilPS.Video' }
        @{ Command = 'New-ArgilVideoMoment'; TypeName = 'ArgilPS.VideoMoment' }
        @{ Command = 'Get-ArgilVideo'; TypeName = 'ArgilPS.Video' }
        @{ Command = 'Start-ArgilVideoRender'; TypeName = 'ArgilPS.Video' }
        @{ Command = 'Get-ArgilSubtitleStyle'; TypeName = 'ArgilPS.SubtitleStyle' }
        @{ Command = 'Export-ArgilSubtitle'; TypeName = 'System.IO.FileInfo' }
    )
    $shouldProcess = @(
        @{ Command = 'New-ArgilAvatar'; Supports = $true }
        @{ Command = 'Invoke-ArgilRestMethod'; Supports = $true }
        @{ Command = 'New-ArgilVoice'; Supports = $true }
        @{ Command = 'Sync-ArgilVoice'; Supports = $true }
        @{ Command = 'Get-ArgilVoice'; Supports = $false }
        @{ Command = 'Connect-Argil'; Supports = $false }
        @{ Command = 'Disconnect-Argil'; Supports = $false }
        @{ Command = 'Get-ArgilAvatar'; Supports = $false }
        @{ Command = 'Wait-ArgilAvatar'; Supports = $false }
        @{ Command = 'New-ArgilAsset'; Supports = $true }
        @{ Command = 'Get-ArgilAsset'; Supports = $false }
        @{ Command = 'Wait-ArgilAsset'; Supports = $false }
        @{ Command = 'Wait-ArgilVideo'; Supports = $false }
        @{ Command = 'Save-ArgilVideo'; Supports = $true }
        @{ Command = 'Set-ArgilSandbox'; Supports = $false }
        @{ Command = 'New-ArgilWebhook'; Supports = $true }
        @{ Command = 'Set-ArgilWebhook'; Supports = $true }
        @{ Command = 'Remove-ArgilWebhook'; Supports = $true }
        @{ Command = 'Get-ArgilWebhook'; Supports = $false }
        @{ Command = 'ConvertFrom-ArgilWebhookEvent'; Supports = $false }
        @{ Command = 'New-ArgilVideo'; Supports = $true }
        @{ Command = 'Remove-ArgilVideo'; Supports = $true }
        @{ Command = 'Start-ArgilVideoRender'; Supports = $true }
        @{ Command = 'New-ArgilVideoMoment'; Supports = $false }
        @{ Command = 'Get-ArgilVideo'; Supports = $false }
        @{ Command = 'Export-ArgilSubtitle'; Supports = $true }
        @{ Command = 'Get-ArgilSubtitleStyle'; Supports = $false }
    )
}

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    $expectedCmdlets = @(
        'Add-ArgilSandboxFault',
        'Clear-ArgilSandboxFault',
        'Clear-ArgilSandboxRequest',
        'Connect-Argil',
        'ConvertFrom-ArgilWebhookEvent',
        'Disconnect-Argil',
        'Export-ArgilSubtitle',
        'Get-ArgilAsset',
        'Get-ArgilAvatar',
        'Get-ArgilContext',
        'Get-ArgilSandboxDelivery',
        'Get-ArgilSandboxRequest',
        'Get-ArgilSubtitleStyle',
        'Get-ArgilVideo',
        'Get-ArgilVoice',
        'Get-ArgilWebhook',
        'Invoke-ArgilRestMethod',
        'New-ArgilAsset',
        'New-ArgilAvatar',
        'New-ArgilVideo',
        'New-ArgilVideoMoment',
        'New-ArgilVoice',
        'New-ArgilWebhook',
        'Remove-ArgilVideo',
        'Remove-ArgilWebhook',
        'Save-ArgilVideo',
        'Set-ArgilSandbox',
        'Set-ArgilWebhook',
        'Start-ArgilVideoRender',
        'Sync-ArgilVoice',
        'Wait-ArgilAsset',
        'Wait-ArgilAvatar',
        'Wait-ArgilVideo'
    )
}

Describe 'ArgilPS module' {
    Context 'Exports' {
        It 'exports exactly the documented cmdlets' {
            $names = @(Get-Command -Module ArgilPS | ForEach-Object Name | Sort-Object)
            ($names -join ',') | Should -Be (($expectedCmdlets | Sort-Object) -join ',')
        }

        It 'exports cmdlets only (no functions, aliases or variables)' {
            $module = Get-Module ArgilPS
            $module.ExportedFunctions.Count | Should -Be 0
            $module.ExportedAliases.Count | Should -Be 0
            $module.ExportedVariables.Count | Should -Be 0
            @(Get-Command -Module ArgilPS | Where-Object CommandType -ne 'Cmdlet') | Should -HaveCount 0
        }

        It 'is loaded from the built module folder' {
            $module = Get-Module ArgilPS
            $module.ModuleType | Should -Be 'Binary'
            (Split-Path $module.Path -Leaf) | Should -Be 'ArgilPS.dll'
        }
    }

    Context 'Manifest' {
        BeforeAll {
            $manifest = Test-ModuleManifest -Path $ArgilModuleManifest -ErrorAction Stop
        }

        It 'passes Test-ModuleManifest with the module name and a version' {
            $manifest.Name | Should -Be 'ArgilPS'
            $manifest.Version | Should -BeGreaterThan ([version]'0.0')
            $manifest.Guid | Should -Be '5f0c2d8e-7a43-4c1b-9d52-2e8b6f1a9c37'
        }

        It 'declares the same cmdlets that the module exports' {
            (@($manifest.ExportedCmdlets.Keys | Sort-Object) -join ',') | Should -Be (($expectedCmdlets | Sort-Object) -join ',')
        }

        It 'supports Windows PowerShell 5.1 and PowerShell 7 (Desktop and Core)' {
            $manifest.PowerShellVersion | Should -Be ([version]'5.1')
            $manifest.CompatiblePSEditions | Should -Contain 'Core'
            $manifest.CompatiblePSEditions | Should -Contain 'Desktop'
        }

        It 'loads one format file per resource' {
            # Every resource's format file in module/, and nothing else.
            $sources = (Get-ChildItem (Join-Path $PSScriptRoot '../../module') -Filter '*.format.ps1xml').Name | Sort-Object
            ($manifest.ExportedFormatFiles | Split-Path -Leaf | Sort-Object) -join ',' | Should -Be ($sources -join ',')
            Get-FormatData -TypeName 'ArgilPS.Webhook' | Should -Not -BeNullOrEmpty
            Get-FormatData -TypeName 'ArgilPS.WebhookEvent' | Should -Not -BeNullOrEmpty
            Get-FormatData -TypeName 'ArgilPS.Video' | Should -Not -BeNullOrEmpty
            Get-FormatData -TypeName 'ArgilPS.Avatar' | Should -Not -BeNullOrEmpty
            Get-FormatData -TypeName 'ArgilPS.Voice' | Should -Not -BeNullOrEmpty
            Get-FormatData -TypeName 'ArgilPS.VoiceProviderSync' | Should -Not -BeNullOrEmpty
            Get-FormatData -TypeName 'ArgilPS.ArgilContext' | Should -Not -BeNullOrEmpty
            Get-FormatData -TypeName 'ArgilPS.Video' | Should -Not -BeNullOrEmpty
            Get-FormatData -TypeName 'ArgilPS.VideoMoment' | Should -Not -BeNullOrEmpty
            Get-FormatData -TypeName 'ArgilPS.SubtitleStyle' | Should -Not -BeNullOrEmpty
        }

        It 'has a project and license link for the gallery' {
            $manifest.ProjectUri | Should -Not -BeNullOrEmpty
            $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        }
    }

    Context 'Declared output types' {
        It '<Command> declares the output type <TypeName>' -ForEach $outputTypes {
            (Get-Command $Command).OutputType.Name | Should -Contain $TypeName
        }
    }

    Context 'ShouldProcess' {
        It '<Command> supports -WhatIf and -Confirm: <Supports>' -ForEach $shouldProcess {
            $info = Get-Command $Command
            $info.Parameters.ContainsKey('WhatIf') | Should -Be $Supports
            $info.Parameters.ContainsKey('Confirm') | Should -Be $Supports
        }
    }

    Context 'Online help links' {
        It 'every cmdlet has a HelpUri' {
            foreach ($command in Get-Command -Module ArgilPS) {
                $command.HelpUri | Should -Match '^https://' -Because "$($command.Name) should link to its online help"
            }
        }
    }
}
