using System;

namespace ArgilPS.Core.Downloads;

/// <summary>Why a download failed; the cmdlets map each to an ErrorId and a category.</summary>
internal enum DownloadFailureKind
{
    /// <summary>The address is not one ArgilPS downloads from (not http(s), credentials in it, plain http to another host).</summary>
    InvalidUrl,
    /// <summary>The target file exists and overwriting was not asked for.</summary>
    TargetExists,
    /// <summary>The server answered with a status that is not a success (after any redirects).</summary>
    HttpStatus,
    /// <summary>Too many redirects, or a redirect without a usable Location.</summary>
    BadRedirect,
    /// <summary>No connection, or it was lost before the answer began.</summary>
    ConnectionFailed,
    /// <summary>The connection was lost, or the body ended, before the whole file arrived.</summary>
    Truncated,
    /// <summary>No byte arrived for the session's TimeoutSec.</summary>
    Stalled,
    /// <summary>The file could not be written (disk full, access denied, the folder went away).</summary>
    FileSystem,
}

/// <summary>
/// A failed download. Its texts are safe to show: the key is masked, and an address is shown
/// without its query (a signed link's token is a credential of its own).
/// </summary>
internal sealed class DownloadException : Exception
{
    public DownloadException(DownloadFailureKind kind, string message, string? filePath, Exception? inner = null, int? statusCode = null)
        : base(message, inner)
    {
        Kind = kind;
        FilePath = filePath;
        StatusCode = statusCode;
    }

    public DownloadFailureKind Kind { get; }

    /// <summary>The file the download was for (its final name, never the temporary one).</summary>
    public string? FilePath { get; }

    /// <summary>The HTTP status, when an answer came.</summary>
    public int? StatusCode { get; }

    /// <summary>How many times the request was sent.</summary>
    public int Attempts { get; init; } = 1;
}
