using System;
using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Core;
using ArgilPS.Webhooks;

namespace ArgilPS.Commands;

/// <summary>New-ArgilWebhook: registers an address that Argil calls when avatars train and videos render.</summary>
[Cmdlet(VerbsCommon.New, "ArgilWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    HelpUri = HelpLinks.Base + "New-ArgilWebhook.md")]
[OutputType(typeof(Webhook))]
public sealed class NewArgilWebhookCommand : ArgilCmdlet
{
    /// <summary>The https:// address of your receiver (http:// only for a loopback receiver while connected to the sandbox).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public Uri CallbackUrl { get; set; } = null!;

    /// <summary>The events to receive, at least one; a name given twice is sent once.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Events")]
    [ValidateSet(WebhookEventName.AvatarTrainingSuccess, WebhookEventName.AvatarTrainingFailed, WebhookEventName.VideoGenerationSuccess, WebhookEventName.VideoGenerationFailed)]
    [ValidateNotNullOrEmpty]
    public string[] Event { get; set; } = Array.Empty<string>();

    /// <summary>How many webhooks of a pipeline are created at once (1 to 32); outputs and errors keep the input order.</summary>
    [Parameter]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <inheritdoc/>
    protected override void EndProcessing() => FinishOrdered();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var rule = WebhookRules.CheckCallbackUrl(CallbackUrl, IsLocalApi(this));
        if (rule is not null)
        {
            WriteInvalidArgument(nameof(CallbackUrl), rule, CallbackUrl?.OriginalString, "InvalidCallbackUrl");
            return;
        }
        var request = new WebhookRequest { CallbackUrl = CallbackUrl.AbsoluteUri, Events = WebhookRules.Events(Event) };
        if (!ShouldProcess($"Argil webhook for {CallbackUrl.AbsoluteUri}", $"Create, subscribed to {string.Join(", ", request.Events)}")) return;

        var client = Session.Webhooks;
        RunOrdered(ThrottleLimit, (log, ct) => client.CreateWebhookAsync(request, log, ct), CallbackUrl.AbsoluteUri, webhook =>
        {
            WriteObject(webhook);
            WebhookIdCompleter.Invalidate(Session);
        }, MayHaveBeenCreated);
    }

    private static ArgilApiException MayHaveBeenCreated(ArgilApiException failure) =>
        !failure.MayHaveSucceeded ? failure
        : failure.Rephrase($"{failure.Message} The webhook may have been created; check with Get-ArgilWebhook before creating it again (a second one would deliver every event twice).",
            "Run Get-ArgilWebhook to see whether it exists before running New-ArgilWebhook again.", mayHaveSucceeded: true);

    /// <summary>
    /// Whether the connection is to an API on this machine (the sandbox, or an emulator at a loopback
    /// base URI): the only kind that could call a loopback http:// receiver.
    /// </summary>
    internal static bool IsLocalApi(ArgilCmdlet cmdlet) => cmdlet.Session.Sandbox is not null || cmdlet.Session.Settings.BaseUri.IsLoopback;
}
