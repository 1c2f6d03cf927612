using System;

namespace ArgilPS.Sandbox;

/// <summary>One request the sandbox received, as its journal keeps it. The key is never kept.</summary>
public sealed class SandboxRequest
{
    /// <summary>Its place in the journal, from 1.</summary>
    public int Sequence { get; set; }

    /// <summary>When it arrived, on the sandbox clock.</summary>
    public DateTime Time { get; set; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; set; } = "";

    /// <summary>The path relative to /v1, such as /avatars/123.</summary>
    public string Path { get; set; } = "";

    /// <summary>The query string, without the question mark.</summary>
    public string Query { get; set; } = "";

    /// <summary>The request body.</summary>
    public string Body { get; set; } = "";

    /// <summary>Always "valid": only requests with the sandbox's key are journalled (others are refused unread).</summary>
    public string KeyCheck { get; set; } = "";

    /// <summary>The status answered, or 0 for a dropped connection.</summary>
    public int StatusCode { get; set; }

    /// <summary>The fault that answered it, if any.</summary>
    public string? Fault { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Sequence} {Method} {Path}{(Query.Length > 0 ? "?" + Query : "")} -> {StatusCode}";
}
