using System.Management.Automation;

namespace ArgilPS.Commands;

/// <summary>Clear-ArgilSandboxRequest: empties the sandbox's journal of requests.</summary>
[Cmdlet(VerbsCommon.Clear, "ArgilSandboxRequest", HelpUri = HelpLinks.Base + "Clear-ArgilSandboxRequest.md")]
[OutputType(typeof(void))]
public sealed class ClearArgilSandboxRequestCommand : SandboxCmdlet
{
    /// <inheritdoc/>
    protected override void EndProcessing() => Sandbox.ClearJournal();
}
