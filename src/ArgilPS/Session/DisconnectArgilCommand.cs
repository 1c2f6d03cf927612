using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ArgilPS.Session;

namespace ArgilPS.Commands;

/// <summary>Disconnect-Argil: forgets the connection (and stops the sandbox it started).</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Argil", HelpUri = HelpLinks.Base + "Disconnect-Argil.md")]
[OutputType(typeof(void))]
public sealed class DisconnectArgilCommand : ArgilCmdlet
{
    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        WriteVerboseLine(SessionStore.Remove(Runspace.DefaultRunspace)
            ? "Disconnected from Argil."
            : "ArgilPS was not connected; nothing to do.");
    }
}
