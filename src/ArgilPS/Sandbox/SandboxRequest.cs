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

    /// <summary>
    /// "valid" for a request to the API (only requests with the sandbox's key are journalled: others
    /// are refused unread); "not required" for a request to the file host, which needs no key.
    /// </summary>
    public string KeyCheck { get; set; } = "";

    /// <summary>
    /// Which of the sandbox's two addresses it came to: "api" (the emulated API, /v1) or "files"
    /// (the file host that serves rendered videos, another port: another origin).
    /// </summary>
    public string Origin { get; set; } = "api";

    /// <summary>Whether the request carried an x-api-key header (its value is never kept).</summary>
    public bool ApiKeyHeaderPresent { get; set; }

    /// <summary>Whether the sandbox's API key appeared anywhere in the request's headers or address, under any name.</summary>
    public bool ApiKeySent { get; set; }

    /// <summary>The status answered, or 0 for a dropped connection.</summary>
    public int StatusCode { get; set; }

    /// <summary>The fault that answered it, if any.</summary>
    public string? Fault { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Sequence} {(Origin == "api" ? "" : Origin + " ")}{Method} {Path}{(Query.Length > 0 ? "?" + Query : "")} -> {StatusCode}";
}
