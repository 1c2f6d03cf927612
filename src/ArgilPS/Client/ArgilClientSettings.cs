using System;

namespace ArgilPS.Client;

/// <summary>Everything a request needs to know about the connection. Immutable: a change makes a new one.</summary>
internal sealed class ArgilClientSettings
{
    public const int DefaultTimeoutSec = 100;
    public const int DefaultMaximumRetryCount = 4;
    public const int DefaultRetryIntervalSec = 1;

    public ArgilClientSettings(Uri baseUri, ApiKey apiKey, int timeoutSec = DefaultTimeoutSec,
        int maximumRetryCount = DefaultMaximumRetryCount, int retryIntervalSec = DefaultRetryIntervalSec,
        TimeSpan? maximumRetryWait = null)
    {
        BaseUri = EndpointRules.Normalize(baseUri);
        ApiKey = apiKey;
        TimeoutSec = timeoutSec;
        MaximumRetryCount = maximumRetryCount;
        RetryIntervalSec = retryIntervalSec;
        MaximumRetryWait = maximumRetryWait ?? TimeSpan.FromMinutes(2);
    }

    public Uri BaseUri { get; }
    public ApiKey ApiKey { get; }

    /// <summary>Seconds one attempt may take; 0 means no limit.</summary>
    public int TimeoutSec { get; }
    public int MaximumRetryCount { get; }
    public int RetryIntervalSec { get; }

    /// <summary>The most the client waits between attempts in total, so a scheduler's job ends in bounded time.</summary>
    public TimeSpan MaximumRetryWait { get; }

    public bool IsLoopback => BaseUri.IsLoopback;
}

/// <summary>The rules a base address must follow.</summary>
internal static class EndpointRules
{
    public static readonly Uri DefaultBaseUri = new("https://api.argil.ai/v1/");

    /// <summary>Returns null when the address is acceptable, or the rule it breaks.</summary>
    public static string? Check(Uri uri)
    {
        if (!uri.IsAbsoluteUri) return "it must be an absolute URL such as https://api.argil.ai/v1";
        if (uri.Scheme == Uri.UriSchemeHttps) return null;
        if (uri.Scheme == Uri.UriSchemeHttp)
            return uri.IsLoopback ? null : "plain http:// is allowed only for loopback addresses (localhost, 127.0.0.1, [::1]); use https://";
        return $"the scheme '{uri.Scheme}' is not supported; use https://";
    }

    /// <summary>A trailing slash, so relative paths append instead of replacing the last segment.</summary>
    public static Uri Normalize(Uri uri)
    {
        var text = uri.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
    }
}
