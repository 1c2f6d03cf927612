using System;
using System.Globalization;
using System.Linq;
using ArgilPS.Avatars;
using ArgilPS.Core;
using Xunit;

namespace ArgilPS.Tests.Core;

public class RetryPolicyTests
{
    private static readonly DateTime Now = new(2025, 3, 14, 15, 9, 26, DateTimeKind.Utc);

    [Theory]
    [InlineData("120", 120.0)]
    [InlineData("0", 0.0)]
    [InlineData(" 7 ", 7.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("604800", 604800.0)]
    [InlineData("604801", 604801.0)]      // longer than the retry budget: read as asked, so the call ends at once
    [InlineData("31536000", 31536000.0)]
    public void RetryAfterInSecondsIsRead(string header, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryPolicy.ParseRetryAfter(header, Now));
    }

    [Fact]
    public void RetryAfterAsAnHttpDateIsTheTimeUntilThatDate()
    {
        var header = Now.AddSeconds(42).ToString("r", CultureInfo.InvariantCulture); // "Fri, 14 Mar 2025 15:10:08 GMT"
        Assert.Equal(TimeSpan.FromSeconds(42), RetryPolicy.ParseRetryAfter(header, Now));
    }

    [Theory]
    [InlineData("999999999999")]
    [InlineData("99999999999999999999999999")]
    public void AnEnormousRetryAfterIsKeptAsTheLongestWait(string header)
    {
        Assert.Equal(TimeSpan.MaxValue, RetryPolicy.ParseRetryAfter(header, Now));
        var policy = new RetryPolicy(3, 1, TimeSpan.FromMinutes(2), new Random(1));
        Assert.Equal(TimeSpan.MaxValue, policy.Backoff(1, TimeSpan.MaxValue));
    }

    [Theory]
    [InlineData("Friday, 14-Mar-25 15:10:08 GMT")] // RFC 850
    [InlineData("Fri Mar 14 15:10:08 2025")]      // asctime
    [InlineData("Fri, 14 Mar 2025 15:10:08 GMT")] // IMF-fixdate
    public void EveryHttpDateFormIsRead(string header)
    {
        Assert.Equal(TimeSpan.FromSeconds(42), RetryPolicy.ParseRetryAfter(header, Now));
    }

    [Theory]
    [InlineData("Fri, 14 Mar 2025 15:09:25 GMT")] // one second ago
    [InlineData("Wed, 21 Oct 2015 07:28:00 GMT")] // years ago
    public void RetryAfterInThePastMeansNoWait(string header)
    {
        Assert.Equal(TimeSpan.Zero, RetryPolicy.ParseRetryAfter(header, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("soon")]
    [InlineData("garbage!")]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e10")]     // not delta seconds
    [InlineData("+5")]
    [InlineData("5s")]
    [InlineData("1,5")]      // read as a date long past before: an immediate retry
    [InlineData("0001-01-01")]
    [InlineData("2025-03-14T15:10:00Z")] // ISO 8601 is not an HTTP date
    [InlineData("14 Mar 2025")]
    [InlineData("1.")]
    [InlineData(".5")]
    public void UnreadableRetryAfterIsIgnored(string? header)
    {
        Assert.Null(RetryPolicy.ParseRetryAfter(header, Now));
    }

    [Fact]
    public void BackoffGrowsExponentiallyWithJitterInTheUpperHalf()
    {
        var policy = new RetryPolicy(10, retryIntervalSec: 1, TimeSpan.FromMinutes(10), new Random(42));
        var twin = new Random(42);
        for (var retry = 1; retry <= 6; retry++)
        {
            var full = Math.Min(Math.Pow(2, retry - 1), 60) * 1000;
            var wait = policy.Backoff(retry, null);
            Assert.InRange(wait.TotalMilliseconds, full / 2, full);
            // Exactly what the seeded generator dictates: the wait is reproducible for a seed.
            Assert.Equal(full / 2 + full / 2 * twin.NextDouble(), wait.TotalMilliseconds, tolerance: 0.001);
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameWaitsAndAnotherSeedOtherWaits()
    {
        TimeSpan[] Waits(int seed)
        {
            var p = new RetryPolicy(5, 2, TimeSpan.FromMinutes(5), new Random(seed));
            return Enumerable.Range(1, 5).Select(i => p.Backoff(i, null)).ToArray();
        }
        Assert.Equal(Waits(7), Waits(7));
        Assert.NotEqual(Waits(7), Waits(8));
    }

    [Fact]
    public void JitterSpreadsTheWaits()
    {
        var policy = new RetryPolicy(5, 1, TimeSpan.FromMinutes(5), new Random(3));
        var waits = Enumerable.Range(0, 200).Select(_ => policy.Backoff(1, null).TotalMilliseconds).ToList();
        Assert.All(waits, w => Assert.InRange(w, 500, 1000));
        Assert.True(waits.Max() - waits.Min() > 300, "the jitter should spread retries over most of the window");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(17)]
    [InlineData(100)]
    [InlineData(int.MaxValue)]
    public void BackoffIsCappedAtOneMinute(int retry)
    {
        var policy = new RetryPolicy(int.MaxValue, retryIntervalSec: 1, TimeSpan.FromHours(1), new Random(1));
        var wait = policy.Backoff(retry, null);
        Assert.InRange(wait.TotalSeconds, 30, 60);
    }

    [Fact]
    public void ALongIntervalIsCappedToo()
    {
        var policy = new RetryPolicy(3, retryIntervalSec: 600, TimeSpan.FromHours(1), new Random(1));
        Assert.InRange(policy.Backoff(1, null).TotalSeconds, 30, 60);
    }

    [Fact]
    public void RetryAfterWinsOverTheBackoffAndIsNotJittered()
    {
        var policy = new RetryPolicy(3, 1, TimeSpan.FromMinutes(5), new Random(1));
        Assert.Equal(TimeSpan.FromSeconds(90), policy.Backoff(1, TimeSpan.FromSeconds(90)));
        Assert.Equal(TimeSpan.Zero, policy.Backoff(2, TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, policy.Backoff(2, TimeSpan.FromSeconds(-3)));
    }

    [Fact]
    public void AZeroIntervalRetriesAtOnceAndNegativeSettingsAreClamped()
    {
        var policy = new RetryPolicy(-2, retryIntervalSec: -1, TimeSpan.FromMinutes(1), new Random(1));
        Assert.Equal(0, policy.MaximumRetryCount);
        Assert.Equal(TimeSpan.Zero, policy.RetryInterval);
        Assert.Equal(TimeSpan.Zero, policy.Backoff(3, null));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(500, false)]
    [InlineData(501, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(200, false)]
    public void OnlyThrottlingAndGatewayStatusesAreRetryable(int status, bool retryable)
    {
        Assert.Equal(retryable, RetryPolicy.IsRetryableStatus(status));
    }
}
