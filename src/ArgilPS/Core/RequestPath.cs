using System;
using System.Linq;

namespace ArgilPS.Core;

/// <summary>
/// The one rule for where a request may go. The key goes with every request, so a path must stay
/// under the base URI: Invoke-ArgilRestMethod checks its -Path with it before anything is sent, and
/// the HTTP client checks every request with it again, whatever cmdlet built it.
/// </summary>
internal static class RequestPath
{
    /// <summary>
    /// Returns the rule a relative path (with its query, if any) breaks, or null. Only the part before
    /// "?" is a path: a query may hold anything that is escaped or harmless there, such as the colons
    /// of a time ("?since=2026-01-01T10:00:00Z").
    /// </summary>
    public static string? Check(string pathAndQuery)
    {
        if (pathAndQuery.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            return "it contains a space, a line break or a control character";
        var queryStart = pathAndQuery.IndexOf('?');
        var path = queryStart < 0 ? pathAndQuery : pathAndQuery.Substring(0, queryStart);
        if (path.IndexOf('\\') >= 0) return "it contains a backslash";
        var relative = path.StartsWith("/", StringComparison.Ordinal) ? path.Substring(1) : path;
        if (relative.StartsWith("/", StringComparison.Ordinal)) return "it starts with // (an address on another host)";
        var firstSegment = relative.Split('/')[0];
        if (firstSegment.IndexOf(':') >= 0 || path.IndexOf("://", StringComparison.Ordinal) >= 0)
            return "it is a URL, not a path relative to the base URI";
        if (relative.Split('/').Any(IsDotSegment))
            return "it has a '.' or '..' segment, which would lead outside the resource it names";
        return null;
    }

    /// <summary>The address of a request: the base URI and the path, or the rule the path breaks.</summary>
    public static string? Resolve(Uri baseUri, string pathAndQuery, out Uri? target)
    {
        target = null;
        if (Check(pathAndQuery) is { } rule) return rule;
        if (!Uri.TryCreate(baseUri, pathAndQuery.TrimStart('/'), out var resolved)
            || resolved.Scheme != baseUri.Scheme
            || !string.Equals(resolved.Authority, baseUri.Authority, StringComparison.OrdinalIgnoreCase)
            || !resolved.AbsolutePath.StartsWith(baseUri.AbsolutePath, StringComparison.Ordinal))
            return "it does not stay under the base URI";
        target = resolved;
        return null;
    }

    /// <summary>
    /// An id of a <paramref name="what"/> (the resource, such as "Avatar") as one path segment
    /// ("avatars/" + segment), or an <see cref="ArgilApiException"/> before
    /// anything is sent: "." and ".." (however percent-encoded) would address the list or the API's
    /// root instead of one item, and an empty id the list; a blank one (spaces, a CSV cell left empty) is no id either.
    /// </summary>
    public static string Segment(string id, string what, ApiKey key)
    {
        if (string.IsNullOrWhiteSpace(id) || IsDotSegment(id))
        {
            throw ApiFailure.Before(what, key, ApiFailureKind.InvalidRequest,
                $"'{id}' is not a valid {what} id: an id cannot be empty, blank, '.' or '..' (it would address something else than one {what}).",
                FailureRemedy.GiveOneId);
        }
        return Uri.EscapeDataString(id);
    }

    /// <summary>"." or "..", also percent-encoded once or several times ("%2e", "%252E%252e").</summary>
    private static bool IsDotSegment(string segment)
    {
        var text = segment;
        for (var i = 0; i < 5 && text.IndexOf('%') >= 0; i++)
        {
            var decoded = Uri.UnescapeDataString(text);
            if (decoded == text) break;
            text = decoded;
        }
        return text is "." or "..";
    }
}
