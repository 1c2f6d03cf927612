using System;
using System.Management.Automation;
using ArgilPS.Completion;

namespace ArgilPS.Commands;

/// <summary>Remove-ArgilWebhook: deletes webhooks; asks first unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "ArgilWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    HelpUri = HelpLinks.Base + "Remove-ArgilWebhook.md")]
[OutputType(typeof(void))]
public sealed class RemoveArgilWebhookCommand : ArgilCmdlet
{
    /// <summary>The ids of the webhooks to delete; webhooks and objects with an Id or WebhookId property can be piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("WebhookId")]
    [ArgumentCompleter(typeof(WebhookIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Deletes without asking (unless -Confirm is given too). -WhatIf still only tells.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var client = Session.Webhooks;
        foreach (var id in Id)
        {
            if (!Confirmed(id)) continue;
            if (TryRun((log, ct) => client.DeleteWebhookAsync(id, log, ct), id, out _))
                WriteVerboseLine($"Deleted the webhook {Safe(id)}.");
        }
        WebhookIdCompleter.Invalidate(Session);
    }

    /// <summary>-Force skips the question, but not -WhatIf (which only tells) nor an explicit -Confirm.</summary>
    private bool Confirmed(string id)
    {
        var bound = MyInvocation.BoundParameters;
        var confirmAsked = bound.TryGetValue("Confirm", out var c) && c is SwitchParameter { IsPresent: true };
        var whatIf = bound.TryGetValue("WhatIf", out var w)
            ? w is SwitchParameter { IsPresent: true }
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        if (Force && !confirmAsked && !whatIf) return true;
        return ShouldProcess($"Argil webhook {id}", "Delete (Argil stops calling its address)");
    }
}
