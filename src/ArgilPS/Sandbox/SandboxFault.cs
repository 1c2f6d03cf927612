using System;
using System.Text.RegularExpressions;

namespace ArgilPS.Sandbox;

/// <summary>What the sandbox does instead of answering normally.</summary>
public enum SandboxFaultKind
{
    /// <summary>Answer with a status code (and Retry-After, and a body) of your choice.</summary>
    Status,

    /// <summary>Wait before answering normally (or before another fault's answer).</summary>
    Delay,

    /// <summary>Close the connection without an answer.</summary>
    Drop,

    /// <summary>Answer 200 with a body that is not valid JSON.</summary>
    MalformedJson,

    /// <summary>Answer with exactly the given status and body, such as an HTML page or a changed avatar.</summary>
    Body,

    /// <summary>
    /// Answer normally, promising the whole body in Content-Length, but close the connection after
    /// half of it (at least one byte short): an interrupted download, or an answer cut mid-way.
    /// </summary>
    Truncate,
}

/// <summary>A rule: the next <see cref="Count"/> requests that match get this fault.</summary>
public sealed class SandboxFault
{
    /// <summary>HTTP method to match, or * for any.</summary>
    public string Method { get; set; } = "*";

    /// <summary>Path to match, with * wildcards, relative to /v1: such as /avatars or /avatars/*.</summary>
    public string Path { get; set; } = "*";

    /// <summary>The fault.</summary>
    public SandboxFaultKind Kind { get; set; } = SandboxFaultKind.Status;

    /// <summary>The status of a Status or Body fault.</summary>
    public int StatusCode { get; set; } = 503;

    /// <summary>The Retry-After header, as seconds or an HTTP date, when set.</summary>
    public string? RetryAfter { get; set; }

    /// <summary>The body of a Status or Body fault; a Status fault without one gets the API's { code, message }.</summary>
    public string? Body { get; set; }

    /// <summary>The content type of the body.</summary>
    public string ContentType { get; set; } = "application/json";

    /// <summary>How long a Delay fault holds the answer.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>How many more requests it applies to.</summary>
    public int Count { get; set; } = 1;

    /// <summary>How many requests it has answered.</summary>
    public int Hits { get; internal set; }

    /// <summary>What the fault was when it last answered, for the journal.</summary>
    internal string LastDescription { get; set; } = "";

    internal bool Matches(string method, string path) =>
        (Method == "*" || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) && Wildcard(Path).IsMatch(path);

    private static Regex Wildcard(string pattern) =>
        new("^" + Regex.Escape(pattern.StartsWith("/", StringComparison.Ordinal) ? pattern : "/" + pattern).Replace("\\*", ".*") + "/?$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Method} {Path}: {Kind}{(Kind is SandboxFaultKind.Status or SandboxFaultKind.Body ? " " + StatusCode : "")}{(Kind == SandboxFaultKind.Delay ? " " + Delay.TotalSeconds + " s" : "")} ({Count} left)";
}
