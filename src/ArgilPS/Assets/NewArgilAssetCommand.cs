using System;
using System.Management.Automation;
using ArgilPS.Assets;
using ArgilPS.Completion;
using ArgilPS.Core;

namespace ArgilPS.Commands;

/// <summary>New-ArgilAsset: uploads an image or a video by URL, for B-roll; it is then processed.</summary>
[Cmdlet(VerbsCommon.New, "ArgilAsset", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "New-ArgilAsset.md")]
[OutputType(typeof(Asset))]
public sealed class NewArgilAssetCommand : ArgilCmdlet
{
    /// <summary>The asset's display name, 1 to 256 characters.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateCharacterCount(1, InputRules.MaximumNameLength)]
    public string Name { get; set; } = "";

    /// <summary>IMAGE or VIDEO. Audio cannot be uploaded: AUDIO assets are Argil's music library.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateSet(AssetType.Image, AssetType.Video)]
    public string Type { get; set; } = "";

    /// <summary>A publicly reachable https URL of the image or video.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateHttpsUrl]
    public Uri Url { get; set; } = null!;

    /// <summary>How many assets of a pipeline are uploaded at once (1 to 32); outputs and errors keep the input order.</summary>
    [Parameter]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <inheritdoc/>
    protected override void EndProcessing() => FinishOrdered();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var request = new NewAssetRequest { Name = Name, Type = Type.ToUpperInvariant(), Url = Url.AbsoluteUri };
        if (!ShouldProcess($"Argil asset '{Name}'", $"Upload the {request.Type.ToLowerInvariant()} at {request.Url}")) return;

        var client = Session.Assets;
        var name = Name;
        var key = Session.Settings.ApiKey;
        RunOrdered(ThrottleLimit, (log, ct) => client.CreateAssetAsync(request, log, ct), name, asset =>
        {
            WriteObject(asset);
            AssetCompleter.Invalidate(Session);
        }, e => MayHaveBeenCreated(e, name, key));
    }

    /// <summary>
    /// A failure after which the asset may exist, told so, with the command that checks before
    /// uploading it again; any other failure as it is.
    /// </summary>
    internal static ArgilApiException MayHaveBeenCreated(ArgilApiException failure, string name, ApiKey key)
    {
        if (!failure.MayHaveSucceeded) return failure;
        // A new asset is PROCESSING for a while, and GET /assets lists READY ones unless asked.
        var check = Redactor.Redact("Get-ArgilAsset -Name " + ArgumentCompletion.Quote(WildcardPattern.Escape(name)) + " -Status PROCESSING", key);
        return failure.Rephrase(Redactor.Redact($"{failure.Message} The asset '{name}' may have been created; check with {check} (or without -Status once it is ready) before uploading it again.", key),
            $"Run {check} to see whether it exists before running New-ArgilAsset again.", mayHaveSucceeded: true);
    }
}
