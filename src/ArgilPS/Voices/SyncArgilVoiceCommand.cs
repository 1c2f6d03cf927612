using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Voices;

namespace ArgilPS.Commands;

/// <summary>Sync-ArgilVoice: re-imports the voices of the workspace's connected ElevenLabs or Minimax accounts.</summary>
[Cmdlet(VerbsData.Sync, "ArgilVoice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Sync-ArgilVoice.md")]
[OutputType(typeof(VoiceProviderSync))]
public sealed class SyncArgilVoiceCommand : ArgilCmdlet
{
    /// <summary>Only this provider; every connected provider when omitted.</summary>
    [Parameter(Position = 0)]
    [ValidateSet("ELEVEN_LABS", "MINIMAX")]
    public string? Provider { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var provider = Provider?.ToUpperInvariant();
        var target = provider is null ? "every connected voice provider" : $"the {provider} voice provider";
        if (!ShouldProcess(target, "Sync the voices (POST /voices/sync)")) return;
        var client = Session.Voices;
        if (!TryRun((log, ct) => client.SyncVoicesAsync(provider, log, ct), provider, out var connections)) return;
        VoiceCompleter.Invalidate(Session);
        foreach (var connection in connections) WriteObject(connection);
    }
}
