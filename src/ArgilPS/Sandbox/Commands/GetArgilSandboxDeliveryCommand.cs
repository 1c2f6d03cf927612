using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ArgilPS.Sandbox;

namespace ArgilPS.Commands;

/// <summary>Get-ArgilSandboxDelivery: the sandbox's attempts to deliver webhook events, oldest first (its journal of deliveries).</summary>
[Cmdlet(VerbsCommon.Get, "ArgilSandboxDelivery", HelpUri = HelpLinks.Base + "Get-ArgilSandboxDelivery.md")]
[OutputType(typeof(SandboxDelivery))]
public sealed class GetArgilSandboxDeliveryCommand : SandboxCmdlet
{
    /// <summary>Only deliveries of these events.</summary>
    [Parameter]
    [ValidateSet("AVATAR_TRAINING_SUCCESS", "AVATAR_TRAINING_FAILED", "VIDEO_GENERATION_SUCCESS", "VIDEO_GENERATION_FAILED")]
    [ValidateNotNullOrEmpty]
    public string[]? Event { get; set; }

    /// <summary>First waits until no delivery is in flight or due (retries waiting for a later time do not count).</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var sandbox = Sandbox;
        if (Wait) Run<bool>(async (_, ct) =>
        {
            var settled = sandbox.Deliveries.WhenSettledAsync();
            await Task.WhenAny(settled, Task.Delay(System.Threading.Timeout.Infinite, ct)).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            return true;
        });
        var deliveries = sandbox.Deliveries.Journal.Where(d => Event is null || Event.Any(e => string.Equals(e, d.Event, System.StringComparison.OrdinalIgnoreCase)));
        WriteObject(deliveries, enumerateCollection: true);
    }
}
