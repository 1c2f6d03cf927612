using System.Linq;
using System.Management.Automation;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

public class ModuleSurfaceTests
{
    private static readonly string[] Exported =
    {
        "Add-ArgilSandboxFault",
        "Clear-ArgilSandboxFault",
        "Clear-ArgilSandboxRequest",
        "Connect-Argil",
        "ConvertFrom-ArgilWebhookEvent",
        "Disconnect-Argil",
        "Export-ArgilSubtitle",
        "Get-ArgilAsset",
        "Get-ArgilAvatar",
        "Get-ArgilContext",
        "Get-ArgilSandboxDelivery",
        "Get-ArgilSandboxRequest",
        "Get-ArgilSubtitleStyle",
        "Get-ArgilVideo",
        "Get-ArgilVoice",
        "Get-ArgilWebhook",
        "Invoke-ArgilRestMethod",
        "New-ArgilAsset",
        "New-ArgilAvatar",
        "New-ArgilVideo",
        "New-ArgilVideoMoment",
        "New-ArgilVoice",
        "New-ArgilWebhook",
        "Remove-ArgilVideo",
        "Remove-ArgilWebhook",
        "Save-ArgilVideo",
        "Set-ArgilSandbox",
        "Set-ArgilWebhook",
        "Start-ArgilVideoRender",
        "Sync-ArgilVoice",
        "Wait-ArgilAsset",
        "Wait-ArgilAvatar",
        "Wait-ArgilVideo",
    };

    [Fact]
    public void ExportsExactlyTheDocumentedCmdlets()
    {
        using var host = new PowerShellHost();
        var names = host.Run("(Get-Command -Module ArgilPS).Name").Output.Select(o => o.ToString()).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(Exported.OrderBy(n => n, System.StringComparer.Ordinal), names);
    }

    [Fact]
    public void TheBuiltManifestPassesTestModuleManifest()
    {
        using var host = new PowerShellHost(importModule: false);
        var r = host.Run($"Test-ModuleManifest -Path '{ModuleAssembly.ManifestPath}' | ForEach-Object {{ $_.CompatiblePSEditions -join ','; $_.PowerShellVersion.ToString(); $_.ExportedCmdlets.Count; $_.PrivateData.PSData.Tags -contains 'Argil' }}");
        Assert.Empty(r.Errors);
        Assert.Null(r.Terminating);
        Assert.Equal(new object[] { "Core,Desktop", "5.1", Exported.Length, true }, r.Output.Select(o => o.BaseObject).ToArray());
    }

    [Theory]
    [InlineData("New-ArgilAvatar", "ImageUrl", "ImagePath,ImageUrl,Video")]
    [InlineData("Get-ArgilAvatar", "List", "Id,List")]
    [InlineData("Get-ArgilVoice", "List", "Id,List")]
    [InlineData("Connect-Argil", "ApiKey", "ApiKey,Credential,Sandbox")]
    [InlineData("Wait-ArgilAvatar", "__AllParameterSets", "__AllParameterSets")]
    [InlineData("Get-ArgilAsset", "List", "Id,List")]
    [InlineData("New-ArgilAsset", "__AllParameterSets", "__AllParameterSets")]
    [InlineData("Wait-ArgilAsset", "__AllParameterSets", "__AllParameterSets")]
    [InlineData("Wait-ArgilVideo", "__AllParameterSets", "__AllParameterSets")]
    [InlineData("Save-ArgilVideo", "InputObject", "Id,InputObject")]
    [InlineData("Get-ArgilSubtitleStyle", "__AllParameterSets", "__AllParameterSets")]
    [InlineData("Export-ArgilSubtitle", "Text", "Path,Text")]
    public void ParameterSetsAreAsDesigned(string cmdlet, string defaultSet, string sets)
    {
        using var host = new PowerShellHost();
        var info = (CmdletInfo)host.Run($"Get-Command {cmdlet}").Output.Single().BaseObject;
        Assert.Equal(defaultSet, info.DefaultParameterSet ?? "__AllParameterSets");
        Assert.Equal(sets, string.Join(",", info.ParameterSets.Select(s => s.Name).OrderBy(n => n)));
    }

    [Theory]
    [InlineData("New-ArgilAvatar", "ImageUrl", "Name,ImageUrl")]
    [InlineData("New-ArgilAvatar", "ImagePath", "Name,ImagePath")]
    [InlineData("New-ArgilAvatar", "Video", "Name,DatasetVideoUrl")]
    [InlineData("Get-ArgilAvatar", "Id", "Id")]
    [InlineData("Get-ArgilAvatar", "List", "")]
    [InlineData("Connect-Argil", "ApiKey", "ApiKey")]
    [InlineData("Connect-Argil", "Credential", "Credential")]
    [InlineData("Connect-Argil", "Sandbox", "Sandbox")]
    [InlineData("Wait-ArgilAvatar", "__AllParameterSets", "Id")]
    [InlineData("Get-ArgilAsset", "Id", "Id")]
    [InlineData("Get-ArgilAsset", "List", "")]
    [InlineData("New-ArgilAsset", "__AllParameterSets", "Name,Type,Url")]
    [InlineData("Wait-ArgilAsset", "__AllParameterSets", "Id")]
    [InlineData("Wait-ArgilVideo", "__AllParameterSets", "Id")]
    [InlineData("Save-ArgilVideo", "Id", "Id")]
    [InlineData("Save-ArgilVideo", "InputObject", "InputObject")]
    [InlineData("Get-ArgilSubtitleStyle", "__AllParameterSets", "")]
    [InlineData("Export-ArgilSubtitle", "Text", "VideoId")]
    [InlineData("Export-ArgilSubtitle", "Path", "VideoId,Path")]
    public void MandatoryParametersPerSet(string cmdlet, string set, string mandatory)
    {
        using var host = new PowerShellHost();
        var info = (CmdletInfo)host.Run($"Get-Command {cmdlet}").Output.Single().BaseObject;
        var actual = info.ParameterSets.Single(s => s.Name == set).Parameters.Where(p => p.IsMandatory).Select(p => p.Name);
        Assert.Equal(mandatory, string.Join(",", actual));
    }

    [Theory]
    [InlineData("Get-ArgilAvatar", "Id", true, true, "AvatarId")]
    [InlineData("Wait-ArgilAvatar", "Id", true, true, "AvatarId")]
    [InlineData("Get-ArgilVoice", "Id", true, true, "VoiceId")]
    [InlineData("Wait-ArgilVideo", "Id", true, true, "VideoId")]
    [InlineData("Save-ArgilVideo", "Id", true, true, "VideoId")]
    [InlineData("Save-ArgilVideo", "InputObject", true, false, "")]
    [InlineData("Export-ArgilSubtitle", "VideoId", true, true, "Id")]
    [InlineData("New-ArgilAvatar", "Name", false, true, "")]
    [InlineData("New-ArgilAvatar", "ImageUrl", false, true, "")]
    [InlineData("New-ArgilAvatar", "VoiceId", false, true, "")]
    [InlineData("New-ArgilAvatar", "Extras", false, true, "")]
    [InlineData("Get-ArgilAsset", "Id", true, true, "AssetId")]
    [InlineData("Wait-ArgilAsset", "Id", true, true, "AssetId")]
    [InlineData("New-ArgilAsset", "Name", false, true, "")]
    [InlineData("New-ArgilAsset", "Type", false, true, "")]
    [InlineData("New-ArgilAsset", "Url", false, true, "")]
    [InlineData("Get-ArgilWebhook", "Id", true, true, "WebhookId")]
    [InlineData("Set-ArgilWebhook", "Id", true, true, "WebhookId")]
    [InlineData("Remove-ArgilWebhook", "Id", true, true, "WebhookId")]
    [InlineData("New-ArgilWebhook", "CallbackUrl", false, true, "")]
    [InlineData("New-ArgilWebhook", "Event", false, true, "Events")]
    [InlineData("ConvertFrom-ArgilWebhookEvent", "Body", true, true, "Content,Data")]
    public void PipelineBindingIsAsDesigned(string cmdlet, string parameter, bool byValue, bool byPropertyName, string alias)
    {
        using var host = new PowerShellHost();
        var info = (CmdletInfo)host.Run($"Get-Command {cmdlet}").Output.Single().BaseObject;
        var p = info.Parameters[parameter];
        Assert.Equal(byValue, p.ParameterSets.Values.Any(s => s.ValueFromPipeline));
        Assert.Equal(byPropertyName, p.ParameterSets.Values.All(s => s.ValueFromPipelineByPropertyName));
        Assert.Equal(alias, string.Join(",", p.Aliases));
    }

    [Theory]
    [InlineData("New-ArgilAvatar", "ArgilPS.Avatar")]
    [InlineData("Get-ArgilAvatar", "ArgilPS.Avatar")]
    [InlineData("Wait-ArgilAvatar", "ArgilPS.Avatar")]
    [InlineData("Get-ArgilAsset", "ArgilPS.Asset")]
    [InlineData("New-ArgilAsset", "ArgilPS.Asset")]
    [InlineData("Wait-ArgilAsset", "ArgilPS.Asset")]
    [InlineData("Get-ArgilVoice", "ArgilPS.Voice")]
    [InlineData("New-ArgilVoice", "ArgilPS.Voice")]
    [InlineData("Sync-ArgilVoice", "ArgilPS.VoiceProviderSync")]
    [InlineData("Wait-ArgilVideo", "ArgilPS.Video")]
    [InlineData("Save-ArgilVideo", "System.IO.FileInfo")]
    [InlineData("Get-ArgilContext", "ArgilPS.ArgilContext")]
    [InlineData("Connect-Argil", "ArgilPS.ArgilContext")]
    [InlineData("Get-ArgilWebhook", "ArgilPS.Webhook")]
    [InlineData("New-ArgilWebhook", "ArgilPS.Webhook")]
    [InlineData("Set-ArgilWebhook", "ArgilPS.Webhook")]
    [InlineData("ConvertFrom-ArgilWebhookEvent", "ArgilPS.WebhookEvent")]
    [InlineData("Get-ArgilSandboxDelivery", "ArgilPS.Sandbox.SandboxDelivery")]
    [InlineData("Get-ArgilSubtitleStyle", "ArgilPS.SubtitleStyle")]
    [InlineData("Export-ArgilSubtitle", "System.String")]
    [InlineData("Export-ArgilSubtitle", "System.IO.FileInfo")]
    public void OutputTypesAreDeclared(string cmdlet, string type)
    {
        using var host = new PowerShellHost();
        var r = host.Run($"(Get-Command {cmdlet}).OutputType.Name");
        Assert.Contains(type, r.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void OnlyTheCmdletsThatChangeSomethingSupportShouldProcess()
    {
        using var host = new PowerShellHost();
        var r = host.Run("Get-Command -Module ArgilPS | Where-Object { $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object Name");
        // They create, change or remove something (Export-ArgilSubtitle and Save-ArgilVideo write files); the rest only read.
        Assert.Equal(new[] { "Export-ArgilSubtitle", "Invoke-ArgilRestMethod", "New-ArgilAsset", "New-ArgilAvatar", "New-ArgilVideo", "New-ArgilVoice", "New-ArgilWebhook", "Remove-ArgilVideo", "Remove-ArgilWebhook", "Save-ArgilVideo", "Set-ArgilWebhook", "Start-ArgilVideoRender", "Sync-ArgilVoice" },
            r.Output.Select(o => o.ToString()).OrderBy(n => n, System.StringComparer.Ordinal));
    }
}
