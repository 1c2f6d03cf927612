using System;
using System.Linq;
using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Webhooks;

namespace ArgilPS.Commands;

/// <summary>Set-ArgilWebhook: changes a webhook's address or events (PUT with only what is given).</summary>
[Cmdlet(VerbsCommon.Set, "ArgilWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    HelpUri = HelpLinks.Base + "Set-ArgilWebhook.md")]
[OutputType(typeof(Webhook))]
public sealed class SetArgilWebhookCommand : ArgilCmdlet
{
    /// <summary>The ids of the webhooks to change; webhooks and objects with an Id or WebhookId property can be piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("WebhookId")]
    [ArgumentCompleter(typeof(WebhookIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>
    /// The new https:// address (http:// only for a loopback receiver while connected to the sandbox).
    /// Not taken from the pipeline: a piped webhook's own address would otherwise be sent back.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? CallbackUrl { get; set; }

    /// <summary>The new events, replacing the old ones; a name given twice is sent once.</summary>
    [Parameter]
    [ValidateSet(WebhookEventName.AvatarTrainingSuccess, WebhookEventName.AvatarTrainingFailed, WebhookEventName.VideoGenerationSuccess, WebhookEventName.VideoGenerationFailed)]
    [ValidateNotNullOrEmpty]
    public string[]? Event { get; set; }

    private WebhookRequest _request = new();

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (CallbackUrl is null && Event is null)
        {
            const string message = "Cannot change a webhook without -CallbackUrl or -Event: give the new address, the new events, or both.";
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message, nameof(Event)), "NothingToChange", ErrorCategory.InvalidArgument, null)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Set-ArgilWebhook -Id <id> -Event VIDEO_GENERATION_SUCCESS, or -CallbackUrl https://..." },
            });
        }
        if (CallbackUrl is not null)
        {
            var rule = WebhookRules.CheckCallbackUrl(CallbackUrl, NewArgilWebhookCommand.IsLocalApi(this));
            if (rule is not null)
            {
                var message = $"Cannot use -{nameof(CallbackUrl)}: {rule}.";
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message, nameof(CallbackUrl)), "InvalidCallbackUrl", ErrorCategory.InvalidArgument, CallbackUrl.OriginalString)
                {
                    ErrorDetails = new ErrorDetails(message),
                });
            }
        }
        _request = new WebhookRequest { CallbackUrl = CallbackUrl?.AbsoluteUri, Events = Event is null ? null : WebhookRules.Events(Event) };
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var change = string.Join(" and ", new[]
        {
            _request.CallbackUrl is null ? null : $"the address to {_request.CallbackUrl}",
            _request.Events is null ? null : $"the events to {string.Join(", ", _request.Events)}",
        }.Where(s => s is not null));
        var client = Session.Webhooks;
        foreach (var id in Id)
        {
            if (!ShouldProcess($"Argil webhook {id}", $"Set {change}")) continue;
            if (TryRun((log, ct) => client.UpdateWebhookAsync(id, _request, log, ct), id, out var webhook)) WriteObject(webhook);
        }
        WebhookIdCompleter.Invalidate(Session);
    }
}
