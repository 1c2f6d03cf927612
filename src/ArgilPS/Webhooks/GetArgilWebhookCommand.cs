using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Core;
using ArgilPS.Webhooks;

namespace ArgilPS.Commands;

/// <summary>Get-ArgilWebhook: lists the webhooks, or gets some by id (found in the list: the API has no GET by id).</summary>
[Cmdlet(VerbsCommon.Get, "ArgilWebhook", HelpUri = HelpLinks.Base + "Get-ArgilWebhook.md")]
[OutputType(typeof(Webhook))]
public sealed class GetArgilWebhookCommand : ArgilCmdlet
{
    private IReadOnlyList<Webhook>? _all;
    private ArgilApiException? _listFailure;

    /// <summary>The ids of the webhooks to get; webhooks and objects with an Id or WebhookId property can be piped in. All webhooks without it.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("WebhookId")]
    [ArgumentCompleter(typeof(WebhookIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Only webhooks subscribed to at least one of these events.</summary>
    [Parameter]
    [ValidateSet(WebhookEventName.AvatarTrainingSuccess, WebhookEventName.AvatarTrainingFailed, WebhookEventName.VideoGenerationSuccess, WebhookEventName.VideoGenerationFailed)]
    [ValidateNotNullOrEmpty]
    public string[]? Event { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var wanted = Event is null ? null : WebhookRules.Events(Event);
        bool Subscribed(Webhook w) => wanted is null || w.Events.Any(e => wanted.Contains(e, StringComparer.OrdinalIgnoreCase));

        if (Id is null)
        {
            // The whole list: each webhook is written as it is read from the answer.
            try
            {
                WritePaged(Session.Webhooks.ListWebhooks(), Subscribed);
            }
            catch (ArgilApiException e)
            {
                WriteApiError(e, null);
            }
            return;
        }
        foreach (var id in Id)
        {
            if (List(id) is not { } all) continue;
            var found = all.Where(w => string.Equals(w.Id, id, StringComparison.OrdinalIgnoreCase)).ToList();
            if (found.Count == 0)
            {
                var message = $"No webhook with id '{id}' was found.";
                WriteError(new ErrorRecord(new ItemNotFoundException(message), "WebhookNotFound", ErrorCategory.ObjectNotFound, Safe(id))
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "List the webhooks you have with Get-ArgilWebhook." },
                });
                continue;
            }
            foreach (var w in found.Where(Subscribed)) WriteObject(w);
        }
    }

    /// <summary>The list, fetched once per call however many ids come; a failure is written once per id (or once without ids).</summary>
    private IReadOnlyList<Webhook>? List(string? target)
    {
        if (_all is null && _listFailure is null)
        {
            var client = Session.Webhooks;
            try
            {
                _all = Run((log, ct) => client.ListWebhooksAsync(log, ct));
            }
            catch (ArgilApiException e)
            {
                _listFailure = e;
            }
        }
        if (_listFailure is not null) WriteApiError(_listFailure, target);
        return _all;
    }
}
