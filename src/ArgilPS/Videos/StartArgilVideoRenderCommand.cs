using System;
using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Core;
using ArgilPS.Videos;

namespace ArgilPS.Commands;

/// <summary>Start-ArgilVideoRender: starts rendering videos (POST /videos/{id}/render), which spends credits.</summary>
[Cmdlet(VerbsLifecycle.Start, "ArgilVideoRender", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    HelpUri = HelpLinks.Base + "Start-ArgilVideoRender.md")]
[OutputType(typeof(Video))]
public sealed class StartArgilVideoRenderCommand : ArgilCmdlet
{
    /// <summary>The ids of the videos to render; videos and objects with an Id or VideoId property can be piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>An https URL that Argil calls once when this render ends (VIDEO_GENERATION_SUCCESS or VIDEO_GENERATION_FAILED); http:// only for a loopback receiver while connected to the sandbox.</summary>
    [Parameter]
    [ValidateCallbackUrl]
    public Uri? CallbackUrl { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var rule = ValidateCallbackUrlAttribute.CheckForConnection(this, CallbackUrl);
        if (rule is not null)
        {
            WriteInvalidArgument(nameof(CallbackUrl), rule, CallbackUrl!.OriginalString, "InvalidCallbackUrl");
            return;
        }
        var client = Session.Videos;
        var callback = CallbackUrl?.AbsoluteUri;
        foreach (var id in Id)
        {
            if (!ShouldProcess($"Argil video '{id}'", "Render (rendering uses Argil credits)" + (callback is null ? "" : $", then call {callback}"))) continue;
            if (TryRun((log, ct) => client.RenderVideoAsync(id, callback, log, ct), id, out var video, e => RenderMayHaveStarted(e, id, Session.Settings.ApiKey)))
                WriteObject(video);
        }
    }

    /// <summary>A failure after which the render may have started (and be billed), told so, with the command that checks.</summary>
    internal static ArgilApiException RenderMayHaveStarted(ArgilApiException failure, string id, ApiKey key)
    {
        if (!failure.MayHaveSucceeded) return failure;
        var check = Redactor.Redact("Get-ArgilVideo -Id " + ArgumentCompletion.Quote(id), key);
        return failure.Rephrase(Redactor.Redact($"{failure.Message} The render of the video '{id}' may have started (and be billed); check its status with {check} before rendering it again.", key),
            $"Run {check}: a status of GENERATING_AUDIO, GENERATING_VIDEO or DONE means the render started; only an IDLE video without a videoUrl needs Start-ArgilVideoRender again.",
            mayHaveSucceeded: true);
    }
}
