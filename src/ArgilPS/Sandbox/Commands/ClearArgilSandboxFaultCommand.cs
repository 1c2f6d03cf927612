using System.Management.Automation;

namespace ArgilPS.Commands;

/// <summary>Clear-ArgilSandboxFault: removes every fault that has not been used up.</summary>
[Cmdlet(VerbsCommon.Clear, "ArgilSandboxFault", HelpUri = HelpLinks.Base + "Clear-ArgilSandboxFault.md")]
[OutputType(typeof(void))]
public sealed class ClearArgilSandboxFaultCommand : SandboxCmdlet
{
    /// <inheritdoc/>
    protected override void EndProcessing() => Sandbox.ClearFaults();
}
