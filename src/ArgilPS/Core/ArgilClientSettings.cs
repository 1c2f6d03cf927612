using System;

namespace ArgilPS.Core;

/// <summary>Everything a request needs to know about the connection. Immutable: a change makes a new one.</summary>
internal sealed class ArgilClientSettings
{
    public const int DefaultTimeoutSec = 100;
    public const int DefaultMaximumRetryCount = 4;
    public const int DefaultRetryIntervalSec = 1;

    /// <summary>
    /// The most ArgilPS reads of one answer: 64 MiB, hundreds of times any documented answer, so a
    /// broken or hostile server (or a proxy's endless page) ends in a clear error instead of filling memory.
    /// </summary>
    public const long DefaultMaximumResponseBytes = 64L * 1024 * 1024;

    public ArgilClientSettings(Uri baseUri, ApiKey apiKey, int timeoutSec = DefaultTimeoutSec,
        int maximumRetryCount = DefaultMaximumRetryCount, int retryIntervalSec = DefaultRetryIntervalSec,
        TimeSpan? maximumRetryWait = null, long maximumResponseBytes = DefaultMaximumResponseBytes)
    {
        // Callers check the address first (with a message naming their parameter); this is the last line.
        if (EndpointRules.Check(baseUri) is { } rule) throw new ArgumentException($"The base URI is not usable: {rule}.", nameof(baseUri));
        BaseUri = EndpointRules.Normalize(baseUri);
        ApiKey = apiKey;
        TimeoutSec = timeoutSec;
        MaximumRetryCount = maximumRetryCount;
        RetryIntervalSec = retryIntervalSec;
        MaximumRetryWait = maximumRetryWait ?? TimeSpan.FromMinutes(2);
        MaximumResponseBytes = maximumResponseBytes;
    }

    public Uri BaseUri { get; }
    public ApiKey ApiKey { get; }

    /// <summary>Seconds one attempt may take; 0 means no limit.</summary>
    public int TimeoutSec { get; }
    public int MaximumRetryCount { get; }
    public int RetryIntervalSec { get; }

    /// <summary>The most the client waits between attempts in total, so a scheduler's job ends in bounded time.</summary>
    public TimeSpan MaximumRetryWait { get; }

    /// <summary>The most bytes of one response body that are read; a larger answer is an UnexpectedResponse.</summary>
    public long MaximumResponseBytes { get; }

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
        // A user name or password in the address would be shown by Get-ArgilContext and in verbose
        // lines, and the API does not use them: the key is its only credential.
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "it must not contain a user name or password (user@ or user:password@ before the host); give the API key with -ApiKey or -Credential";
        if (uri.Scheme == Uri.UriSchemeHttps) return null;
        if (uri.Scheme == Uri.UriSchemeHttp)
            return uri.IsLoopback ? null : "plain http:// is allowed only for loopback addresses (localhost, 127.0.0.1, [::1]); use https://";
        return $"the scheme '{uri.Scheme}' is not supported; use https://";
    }

    /// <summary>
    /// The address as it may be shown in a message: without any user name or password, so an
    /// address refused for carrying them does not print them.
    /// </summary>
    public static string Display(Uri uri)
    {
        if (!uri.IsAbsoluteUri) return DisplayText(uri.OriginalString);
        var shown = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        return shown.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);
    }

    /// <summary>Text that was meant to be an address, with anything between "//" and "@" masked.</summary>
    public static string DisplayText(string? text) =>
        text is null ? "" : System.Text.RegularExpressions.Regex.Replace(text, @"(?<=//)[^/?#]*@", Redactor.Mask + "@");

    /// <summary>A trailing slash, so relative paths append instead of replacing the last segment.</summary>
    public static Uri Normalize(Uri uri)
    {
        var text = uri.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
    }
}
