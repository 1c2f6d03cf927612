using System;
using System.Management.Automation;
using ArgilPS.Sandbox;

namespace ArgilPS.Commands;

/// <summary>Add-ArgilSandboxFault: makes the sandbox answer the next matching requests with a failure.</summary>
[Cmdlet(VerbsCommon.Add, "ArgilSandboxFault", HelpUri = HelpLinks.Base + "Add-ArgilSandboxFault.md")]
[OutputType(typeof(SandboxFault))]
public sealed class AddArgilSandboxFaultCommand : SandboxCmdlet
{
    /// <summary>Status (a status code), Delay (a slow answer), Drop (a closed connection), MalformedJson, Body (any status and body), or Truncate (an answer cut part-way).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public SandboxFaultKind Kind { get; set; }

    /// <summary>The HTTP method to match; * (the default) matches any.</summary>
    [Parameter]
    [ValidateSet("*", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")]
    public string Method { get; set; } = "*";

    /// <summary>The path to match relative to /v1, with * wildcards: /avatars, /avatars/*. * (the default) matches any.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "*";

    /// <summary>The status of a Status or Body fault (default 503).</summary>
    [Parameter]
    [ValidateRange(100, 599)]
    public int StatusCode { get; set; } = 503;

    /// <summary>A Retry-After header: seconds, or an HTTP date.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RetryAfter { get; set; }

    /// <summary>The body to answer with (Status, Body and MalformedJson faults).</summary>
    [Parameter]
    public string? Body { get; set; }

    /// <summary>The content type of -Body (default application/json).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ContentType { get; set; } = "application/json";

    /// <summary>Seconds a Delay fault holds the answer (real time).</summary>
    [Parameter]
    [ValidateRange(0.0, 3600.0)]
    public double DelaySec { get; set; } = 5;

    /// <summary>How many matching requests get the fault (default 1).</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int Count { get; set; } = 1;

    /// <summary>Output the fault, whose Hits property counts the requests it answered.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var fault = new SandboxFault
        {
            Kind = Kind, Method = Method, Path = Path, StatusCode = StatusCode, RetryAfter = RetryAfter, Body = Body,
            ContentType = ContentType, Delay = TimeSpan.FromSeconds(DelaySec), Count = Count,
        };
        Sandbox.AddFault(fault);
        WriteVerboseLine($"Sandbox fault added: {fault}");
        if (PassThru) WriteObject(fault);
    }
}
