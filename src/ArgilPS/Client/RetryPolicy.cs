using System;
using System.Globalization;

namespace ArgilPS.Client;

/// <summary>When to try a request again and how long to wait first.</summary>
internal sealed class RetryPolicy
{
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(60);
    private readonly Random _random;

    public RetryPolicy(int maximumRetryCount, int retryIntervalSec, TimeSpan maximumTotalWait, Random? random = null)
    {
        MaximumRetryCount = Math.Max(0, maximumRetryCount);
        RetryInterval = TimeSpan.FromSeconds(Math.Max(0, retryIntervalSec));
        MaximumTotalWait = maximumTotalWait;
        _random = random ?? new Random();
    }

    public int MaximumRetryCount { get; }
    public TimeSpan RetryInterval { get; }
    public TimeSpan MaximumTotalWait { get; }

    /// <summary>Statuses worth another try: throttling and a gateway or server that is briefly unavailable.</summary>
    public static bool IsRetryableStatus(int status) => status is 429 or 502 or 503 or 504;

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based): the server's Retry-After when
    /// it gave one, else exponential back-off with jitter, so many clients do not retry in step.
    /// </summary>
    public TimeSpan Backoff(int retry, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked) return asked < TimeSpan.Zero ? TimeSpan.Zero : asked;
        var exponential = RetryInterval.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 16));
        var capped = Math.Min(exponential, LongestBackoff.TotalMilliseconds);
        double jitter;
        lock (_random) jitter = _random.NextDouble();
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * jitter);
    }

    /// <summary>Reads Retry-After as delta seconds or as an HTTP date.</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value!.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return seconds < 0 || double.IsNaN(seconds) || seconds > 86400 * 7 ? null : TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            var wait = date.UtcDateTime - utcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
