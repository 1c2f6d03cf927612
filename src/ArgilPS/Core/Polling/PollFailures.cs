using System;

namespace ArgilPS.Core.Polling;

/// <summary>Which failed checks a poll waits through.</summary>
internal static class PollFailures
{
    /// <summary>
    /// Failures that say nothing about the item itself (rate limit, server error, timeout, lost
    /// connection, an answer that could not be read): keep waiting, the deadline still holds.
    /// Anything else (not found, unauthorized, a bad id…) gives the item up.
    /// </summary>
    public static bool IsTransient(Exception failure) =>
        failure is ArgilApiException e && e.Kind is ApiFailureKind.RateLimited or ApiFailureKind.ServerError or ApiFailureKind.Timeout
            or ApiFailureKind.ConnectionFailed or ApiFailureKind.UnexpectedResponse;
}
