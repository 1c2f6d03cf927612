using System;
using System.Collections.Generic;
using System.Linq;

namespace ArgilPS.Webhooks;

/// <summary>The module's rules for webhook input, checked before anything is sent.</summary>
internal static class WebhookRules
{
    /// <summary>
    /// The rule a callback URL breaks, or null. Argil calls https:// addresses (the render's
    /// callbackUrl "must use HTTPS", argil-api.md §5.7; §8.3 does not say, and the module holds
    /// webhooks to the same rule). Plain http:// is taken only for a loopback receiver and only when
    /// <paramref name="localApi"/>: the API is the sandbox (or another emulator on this machine),
    /// the only caller that could ever reach a receiver on localhost.
    /// </summary>
    public static string? CheckCallbackUrl(Uri? url, bool localApi)
    {
        if (url is null || !url.IsAbsoluteUri) return $"'{url?.OriginalString}' is not an absolute URL; give the https:// address of your receiver";
        if (string.IsNullOrEmpty(url.Host)) return $"'{url.OriginalString}' has no host";
        if (url.Scheme == Uri.UriSchemeHttps) return null;
        if (url.Scheme == Uri.UriSchemeHttp)
        {
            if (url.IsLoopback && localApi) return null;
            return url.IsLoopback
                ? $"'{url.OriginalString}' uses http://, which is allowed only for a loopback receiver while connected to the sandbox (Connect-Argil -Sandbox); Argil calls only https:// addresses"
                : $"'{url.OriginalString}' must use https:// (Argil calls only https:// addresses; http:// is allowed only for a loopback receiver while connected to the sandbox)";
        }
        return $"'{url.OriginalString}' uses the scheme '{url.Scheme}'; Argil calls only https:// addresses";
    }

    /// <summary>The events, upper-cased as the API spells them, each once, in the order first given.</summary>
    public static List<string> Events(IEnumerable<string> events) =>
        events.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
}
