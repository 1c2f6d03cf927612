using System.Linq;
using System.Management.Automation;
using ArgilPS.Sandbox;

namespace ArgilPS.Commands;

/// <summary>Get-ArgilSandboxRequest: the requests the sandbox received, oldest first (its journal).</summary>
[Cmdlet(VerbsCommon.Get, "ArgilSandboxRequest", HelpUri = HelpLinks.Base + "Get-ArgilSandboxRequest.md")]
[OutputType(typeof(SandboxRequest))]
public sealed class GetArgilSandboxRequestCommand : SandboxCmdlet
{
    /// <summary>Only requests with this method.</summary>
    [Parameter]
    [ValidateSet("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")]
    public string? Method { get; set; }

    /// <summary>Only requests whose path (relative to /v1) matches; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        // Paths are journalled as /avatars/..., and a pattern may be written with or without the slash.
        var pattern = Path is null ? null : WildcardPattern.Get(Path.StartsWith("/") || Path.StartsWith("*") ? Path : "/" + Path, WildcardOptions.IgnoreCase);
        var requests = Sandbox.Journal.Where(r =>
            (Method is null || r.Method == Method.ToUpperInvariant()) && (pattern is null || pattern.IsMatch(r.Path)));
        WriteObject(requests, enumerateCollection: true);
    }
}
