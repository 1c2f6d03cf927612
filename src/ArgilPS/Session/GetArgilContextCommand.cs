using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ArgilPS.Session;

namespace ArgilPS.Commands;

/// <summary>Get-ArgilContext: where requests go and with which key (its last characters only).</summary>
[Cmdlet(VerbsCommon.Get, "ArgilContext", HelpUri = HelpLinks.Base + "Get-ArgilContext.md")]
[OutputType(typeof(ArgilContext))]
public sealed class GetArgilContextCommand : ArgilCmdlet
{
    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        ArgilSession? session;
        try
        {
            session = SessionStore.Current(Runspace.DefaultRunspace);
        }
        catch (ConfigurationException e)
        {
            WriteError(new ErrorRecord(new PSArgumentException(e.Message), "InvalidConfiguration", ErrorCategory.InvalidArgument, e.Setting)
            {
                ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = $"Correct or remove $env:{e.Setting}, or use Connect-Argil." },
            });
            return;
        }
        if (session is not null) WriteObject(session.ToContext());
    }
}
