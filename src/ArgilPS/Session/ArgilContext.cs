using System;

namespace ArgilPS;

/// <summary>Where the module sends requests and how; never the key itself.</summary>
public sealed class ArgilContext
{
    /// <summary>The API's base address.</summary>
    public Uri BaseUri { get; set; } = new("https://api.argil.ai/v1");

    /// <summary>True when connected to the module's embedded sandbox.</summary>
    public bool IsSandbox { get; set; }

    /// <summary>The last four characters of the key, for telling keys apart.</summary>
    public string KeyFingerprint { get; set; } = "";

    /// <summary>Where the key came from: Parameter, Credential, Environment or Sandbox.</summary>
    public string KeySource { get; set; } = "";

    /// <summary>Process (every runspace) or Runspace (only the one that connected).</summary>
    public string Scope { get; set; } = "";

    /// <summary>Seconds one HTTP request may take.</summary>
    public int TimeoutSec { get; set; }

    /// <summary>How many times a failed request is retried when that is safe.</summary>
    public int MaximumRetryCount { get; set; }

    /// <summary>The first retry delay in seconds; later ones grow exponentially.</summary>
    public int RetryIntervalSec { get; set; }
}
