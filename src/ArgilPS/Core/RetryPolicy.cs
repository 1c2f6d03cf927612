using System;
using System.Globalization;

namespace ArgilPS.Core;

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

    /// <summary>
    /// Reads Retry-After as the HTTP standard writes it: delta seconds (digits, a fraction tolerated)
    /// or an HTTP date (IMF-fixdate, or the two obsolete forms). Anything else is null, so the wait
    /// is the normal back-off: a "1,5" or "0001-01-01" must not read as a date long past and retry
    /// at once. A wait of any length is returned as asked (capped at what a TimeSpan holds), so a
    /// wait past the retry budget ends the call at once instead of being ignored.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value!.Trim();
        if (IsDeltaSeconds(text))
        {
            var seconds = double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return seconds > 9e11 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds); // 9e11 s: 28,000 years, below the overflow of TimeSpan
        }
        if (DateTime.TryParseExact(text, HttpDateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite, out var date))
        {
            var wait = date - utcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>IMF-fixdate, RFC 850 and asctime (RFC 9110, section 5.6.7).</summary>
    private static readonly string[] HttpDateFormats =
    {
        "r",
        "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
        "dddd, dd-MMM-yy HH':'mm':'ss 'GMT'",
        "ddd MMM d HH':'mm':'ss yyyy",
        "ddd MMM dd HH':'mm':'ss yyyy",
    };

    private static bool IsDeltaSeconds(string text)
    {
        var dot = false;
        var digits = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9') digits++;
            else if (c == '.' && !dot && digits > 0) dot = true;
            else return false;
        }
        return digits > 0 && text[text.Length - 1] != '.';
    }
}
