using System.Management.Automation;
using ArgilPS.Sandbox;

namespace ArgilPS.Commands;

/// <summary>The base of the cmdlets that steer the sandbox: they need a sandbox connection.</summary>
public abstract class SandboxCmdlet : ArgilCmdlet
{
    internal SandboxServer Sandbox
    {
        get
        {
            var sandbox = Session.Sandbox;
            if (sandbox is null)
            {
                const string message = "This cmdlet steers the ArgilPS sandbox, but the current connection is to the real Argil API. Run Connect-Argil -Sandbox first.";
                ThrowTerminatingError(new ErrorRecord(new PSInvalidOperationException(message), "NotSandbox", ErrorCategory.InvalidOperation, null)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Connect-Argil -Sandbox" },
                });
            }
            return sandbox!;
        }
    }
}
