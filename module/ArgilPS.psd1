@{
    RootModule             = 'ArgilPS.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Core', 'Desktop')
    GUID                   = '5f0c2d8e-7a43-4c1b-9d52-2e8b6f1a9c37'
    Author                 = 'ArgilPS contributors'
    CompanyName            = 'ArgilPS'
    Copyright              = '(c) ArgilPS contributors. MIT License.'
    Description            = 'PowerShell module for the Argil API: AI avatars ("clones"), voices, videos from any length of script (render, wait, download the MP4, export subtitles), B-roll and music assets, and webhooks, with typed objects, pipeline support, concurrent batches, retries that never bill twice, clear errors and an offline sandbox that even delivers webhook events.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @(
        'ArgilPS.Avatars.format.ps1xml'
        'ArgilPS.Assets.format.ps1xml'
        'ArgilPS.Session.format.ps1xml'
        'ArgilPS.Voices.format.ps1xml'
        'ArgilPS.Webhooks.format.ps1xml'
        'ArgilPS.Subtitles.format.ps1xml'
        'ArgilPS.Videos.format.ps1xml'
    )
    CmdletsToExport        = @(
        'Add-ArgilSandboxFault'
        'Clear-ArgilSandboxFault'
        'Clear-ArgilSandboxRequest'
        'Connect-Argil'
        'ConvertFrom-ArgilWebhookEvent'
        'Disconnect-Argil'
        'Export-ArgilSubtitle'
        'Get-ArgilAsset'
        'Get-ArgilAvatar'
        'Get-ArgilContext'
        'Get-ArgilSandboxDelivery'
        'Get-ArgilSandboxRequest'
        'Get-ArgilSubtitleStyle'
        'Get-ArgilVideo'
        'Get-ArgilVoice'
        'Get-ArgilWebhook'
        'Invoke-ArgilRestMethod'
        'New-ArgilAsset'
        'New-ArgilAvatar'
        'New-ArgilVideo'
        'New-ArgilVideoMoment'
        'New-ArgilVoice'
        'New-ArgilWebhook'
        'Remove-ArgilVideo'
        'Remove-ArgilWebhook'
        'Save-ArgilVideo'
        'Set-ArgilSandbox'
        'Set-ArgilWebhook'
        'Start-ArgilVideoRender'
        'Sync-ArgilVoice'
        'Wait-ArgilAsset'
        'Wait-ArgilAvatar'
        'Wait-ArgilVideo'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Argil', 'AI', 'Avatar', 'Video', 'GenerativeAI', 'REST', 'API', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/argilps/ArgilPS'
            LicenseUri   = 'https://github.com/argilps/ArgilPS/blob/main/LICENSE'
            ReleaseNotes = 'First release. Session: Connect-Argil (API key, credential, environment, sandbox). Avatars, voices, videos (New-ArgilVideo -Script splits any script into moments; Start-ArgilVideoRender, Wait-ArgilVideo, Save-ArgilVideo, Export-ArgilSubtitle), assets and webhooks (ConvertFrom-ArgilWebhookEvent for receivers). Lists stream, waits cost one list request a round, piped creations run a few at a time in input order, and the embedded sandbox emulates every endpoint.'
        }
    }
}
