using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Sandbox;
using Xunit;
using ArgilPS.Commands;

namespace ArgilPS.Tests.Core;

/// <summary>
/// Every fault of the sandbox, alone and in sequence, against the three avatar operations, over a
/// real loopback connection. Each test has its own server (xUnit makes a class instance per test),
/// on a Manual clock that the client's back-off waits move forward, so nothing really waits.
/// </summary>
public sealed class FaultMatrixTests : IDisposable
{
    private const string HotelWifiPage = "<!DOCTYPE html>\n<html><head><title>Welcome</title></head>\n<body><h1>Please accept the terms of the hotel wifi</h1></body></html>";
    private const string NginxPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>";

    private readonly SandboxServer _server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);

    public void Dispose() => _server.Dispose();

    public static readonly string ValidAvatarJson =
        "{\"id\":\"3c90c3cc-0d44-4b50-8888-8dd25736052a\",\"name\":\"Truncated\",\"createdAt\":\"2025-01-01T00:00:00.000Z\"," +
        "\"updatedAt\":\"2025-01-01T00:00:00.000Z\",\"gestures\":[],\"status\":\"IDLE\",\"width\":1920,\"height\":1080," +
        "\"extras\":{},\"orientation\":\"ASPECT_RATIO_16_9\",\"model\":\"ARGIL_ATOM\"}";

    private static (string Method, string Path) Target(string op) => op switch
    {
        "Get" => ("GET", "/avatars/*"),
        "List" => ("GET", "/avatars"),
        "Create" => ("POST", "/avatars"),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private SandboxFault[] Faults(string op, string scenario)
    {
        var (method, path) = Target(op);
        SandboxFault Status(int code, string? retryAfter = null, int count = 1) =>
            new() { Method = method, Path = path, Kind = SandboxFaultKind.Status, StatusCode = code, RetryAfter = retryAfter, Count = count };
        SandboxFault Body(int code, string body, string contentType = "application/json") =>
            new() { Method = method, Path = path, Kind = SandboxFaultKind.Body, StatusCode = code, Body = body, ContentType = contentType };
        SandboxFault Drop() => new() { Method = method, Path = path, Kind = SandboxFaultKind.Drop };
        var inThirtySeconds = (_server.Clock.UtcNow + TimeSpan.FromSeconds(30)).ToString("r", CultureInfo.InvariantCulture);
        var truncated = op == "List" ? "[" + ValidAvatarJson.Substring(0, 60) : ValidAvatarJson.Substring(0, 60);
        return scenario switch
        {
            "429-seconds" => new[] { Status(429, "7") },
            "429-date" => new[] { Status(429, inThirtySeconds) },
            "429-garbage" => new[] { Status(429, "soon") },
            "429-exhausted" => new[] { Status(429, "1"), Status(429, "2"), Status(429, "3"), Status(429, "4"), Status(429, "5") },
            "500" => new[] { Status(500) },
            "502" => new[] { Status(502) },
            "503" => new[] { Status(503) },
            "504" => new[] { Status(504) },
            "503-persistent" => new[] { Status(503, count: 10) },
            "drop" => new[] { Drop() },
            "malformed" => new[] { new SandboxFault { Method = method, Path = path, Kind = SandboxFaultKind.MalformedJson } },
            "html-200" => new[] { Body(200, HotelWifiPage, "text/html") },
            "html-502" => new[] { Body(502, NginxPage, "text/html") },
            "empty-200" => new[] { Body(200, "") },
            "truncated" => new[] { Body(200, truncated) },
            "sequence" => new[] { Status(503), Status(429, "2"), Drop(), Status(504) },
            "429-429" => new[] { Status(429, "1"), Status(429, "2") },
            "429-500" => new[] { Status(429, "1"), Status(500) },
            "429-drop" => new[] { Status(429, "1"), Drop() },
            "429-503" => new[] { Status(429, "1"), Status(503) },
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
    }

    private async Task<object> Run(AvatarsApi client, string op, CancellationToken token = default) => op switch
    {
        "Get" => await client.GetAvatarAsync(ClientFactory.PublicAvatarId, NullRequestLog.Instance, token),
        "List" => await client.ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, token),
        "Create" => await client.CreateAvatarAsync(ClientFactory.NewImageAvatar(), NullRequestLog.Instance, token),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>
    /// outcome is "ok" or an <see cref="ApiFailureKind"/>; status 0 means none; elapsed is virtual seconds of back-off.
    /// The client allows 4 retries at a 1 s interval (waits 0.5-1, 1-2, 2-4, 4-8 s with jitter).
    /// </summary>
    [Theory]
    // 429 with Retry-After: every method is retried (the server did not act), after exactly the asked wait.
    [InlineData("Get", "429-seconds", 2, "ok", 0, false, 7, 7)]
    [InlineData("List", "429-seconds", 2, "ok", 0, false, 7, 7)]
    [InlineData("Create", "429-seconds", 2, "ok", 0, false, 7, 7)]
    [InlineData("Get", "429-date", 2, "ok", 0, false, 29, 30)]
    [InlineData("List", "429-date", 2, "ok", 0, false, 29, 30)]
    [InlineData("Create", "429-date", 2, "ok", 0, false, 29, 30)]
    [InlineData("Get", "429-garbage", 2, "ok", 0, false, 0.5, 1)]
    [InlineData("Create", "429-garbage", 2, "ok", 0, false, 0.5, 1)]
    // 500 is never retried; for a POST the server may have acted.
    [InlineData("Get", "500", 1, "ServerError", 500, false, 0, 0)]
    [InlineData("List", "500", 1, "ServerError", 500, false, 0, 0)]
    [InlineData("Create", "500", 1, "ServerError", 500, true, 0, 0)]
    // Gateway statuses: a GET is retried, a POST is not.
    [InlineData("Get", "502", 2, "ok", 0, false, 0.5, 1)]
    [InlineData("List", "502", 2, "ok", 0, false, 0.5, 1)]
    [InlineData("Create", "502", 1, "ServerError", 502, true, 0, 0)]
    [InlineData("Get", "503", 2, "ok", 0, false, 0.5, 1)]
    [InlineData("List", "503", 2, "ok", 0, false, 0.5, 1)]
    [InlineData("Create", "503", 1, "ServerError", 503, true, 0, 0)]
    [InlineData("Get", "504", 2, "ok", 0, false, 0.5, 1)]
    [InlineData("List", "504", 2, "ok", 0, false, 0.5, 1)]
    [InlineData("Create", "504", 1, "ServerError", 504, true, 0, 0)]
    [InlineData("Get", "503-persistent", 5, "ServerError", 503, false, 7.5, 15)]
    [InlineData("List", "503-persistent", 5, "ServerError", 503, false, 7.5, 15)]
    [InlineData("Create", "503-persistent", 1, "ServerError", 503, true, 0, 0)]
    // A dropped connection: a GET is retried, a POST is not (it may have been acted on).
    [InlineData("Get", "drop", 2, "ok", 0, false, 0.5, 1)]
    [InlineData("List", "drop", 2, "ok", 0, false, 0.5, 1)]
    [InlineData("Create", "drop", 1, "ConnectionFailed", 0, true, 0, 0)]
    // Bodies that are not the documented JSON: never retried, never a crash.
    [InlineData("Get", "malformed", 1, "UnexpectedResponse", 200, false, 0, 0)]
    [InlineData("List", "malformed", 1, "UnexpectedResponse", 200, false, 0, 0)]
    [InlineData("Create", "malformed", 1, "UnexpectedResponse", 200, false, 0, 0)]
    [InlineData("Get", "html-200", 1, "UnexpectedResponse", 200, false, 0, 0)]
    [InlineData("List", "html-200", 1, "UnexpectedResponse", 200, false, 0, 0)]
    [InlineData("Create", "html-200", 1, "UnexpectedResponse", 200, false, 0, 0)]
    [InlineData("Get", "html-502", 2, "ok", 0, false, 0.5, 1)]
    [InlineData("List", "html-502", 2, "ok", 0, false, 0.5, 1)]
    [InlineData("Create", "html-502", 1, "ServerError", 502, true, 0, 0)]
    [InlineData("Get", "empty-200", 1, "UnexpectedResponse", 200, false, 0, 0)]
    [InlineData("List", "empty-200", 1, "UnexpectedResponse", 200, false, 0, 0)]
    [InlineData("Create", "empty-200", 1, "UnexpectedResponse", 200, false, 0, 0)]
    [InlineData("Get", "truncated", 1, "UnexpectedResponse", 200, false, 0, 0)]
    [InlineData("List", "truncated", 1, "UnexpectedResponse", 200, false, 0, 0)]
    [InlineData("Create", "truncated", 1, "UnexpectedResponse", 200, false, 0, 0)]
    // Sequences. 503 (0.5-1 s), 429 (2 s), drop (2-4 s), 504 (4-8 s), then the answer.
    [InlineData("Get", "sequence", 5, "ok", 0, false, 8.5, 15)]
    [InlineData("List", "sequence", 5, "ok", 0, false, 8.5, 15)]
    [InlineData("Create", "sequence", 1, "ServerError", 503, true, 0, 0)]
    [InlineData("Get", "429-429", 3, "ok", 0, false, 3, 3)]
    [InlineData("Create", "429-429", 3, "ok", 0, false, 3, 3)]
    [InlineData("Get", "429-500", 2, "ServerError", 500, false, 1, 1)]
    [InlineData("Create", "429-500", 2, "ServerError", 500, true, 1, 1)]
    [InlineData("Get", "429-drop", 3, "ok", 0, false, 2, 3)]
    [InlineData("Create", "429-drop", 2, "ConnectionFailed", 0, true, 1, 1)]
    [InlineData("Create", "429-503", 2, "ServerError", 503, true, 1, 1)]
    // Retry-After 1, 2, 3, 4 s waited, the fifth 429 ends it.
    [InlineData("Get", "429-exhausted", 5, "RateLimited", 429, false, 10, 10)]
    [InlineData("List", "429-exhausted", 5, "RateLimited", 429, false, 10, 10)]
    [InlineData("Create", "429-exhausted", 5, "RateLimited", 429, false, 10, 10)]
    public async Task FaultGivesTheDocumentedOutcome(string op, string scenario, int requests, string outcome, int status,
        bool mayHaveSucceeded, double minElapsedSec, double maxElapsedSec)
    {
        foreach (var fault in Faults(op, scenario)) _server.AddFault(fault);
        var client = ClientFactory.For(_server);
        var start = _server.Clock.UtcNow;

        object? result = null;
        ArgilApiException? error = null;
        try
        {
            result = await Run(client, op);
        }
        catch (ArgilApiException e)
        {
            error = e;
        }
        var elapsed = (_server.Clock.UtcNow - start).TotalSeconds;

        var journal = await ClientFactory.JournalAtLeast(_server, requests, TimeSpan.FromSeconds(10));
        Assert.Equal(requests, journal.Count);
        Assert.InRange(elapsed, minElapsedSec - 0.001, maxElapsedSec + 0.001);

        if (outcome == "ok")
        {
            Assert.Null(error);
            Assert.Empty(_server.Faults); // every fault was used
            switch (op)
            {
                case "Get": Assert.Equal(ClientFactory.PublicAvatarId, Assert.IsType<Avatar>(result).Id); break;
                case "List": Assert.Equal(3, Assert.IsAssignableFrom<IReadOnlyList<Avatar>>(result).Count); break;
                case "Create":
                    var created = Assert.IsType<Avatar>(result);
                    Assert.Equal("Test avatar", created.Name);
                    Assert.Equal("TRAINING", created.Status);
                    // The avatar was created exactly once.
                    Assert.Single(journal, r => r.Method == "POST" && r.StatusCode == 201);
                    break;
            }
            return;
        }

        Assert.NotNull(error);
        Assert.Equal(Enum.Parse<ApiFailureKind>(outcome), error!.Kind);
        Assert.Equal(status == 0 ? null : status, error.StatusCode);
        Assert.Equal(mayHaveSucceeded, error.MayHaveSucceeded);
        Assert.Equal(Target(op).Method, error.Method);
        if (outcome != "UnexpectedResponse") Assert.Equal(requests, error.Attempts);
        if (op == "Create") Assert.DoesNotContain(journal, r => r.StatusCode == 201);
        // The client reports it; New-ArgilAvatar says it, with the command that checks.
        var told = op == "Create" ? NewArgilAvatarCommand.MayHaveBeenCreated(error, "Test avatar", client.Http.Settings.ApiKey).Message : error.Message;
        if (mayHaveSucceeded)
            Assert.Contains("may have been created", told);
        if (status == 502 && scenario == "html-502")
            Assert.Contains("502 Bad Gateway", error.Message);
        if (scenario == "html-200") Assert.Contains("an HTML page", error.Message);
        if (scenario == "empty-200") Assert.Contains("an empty body", error.Message);
        if (error.Kind == ApiFailureKind.RateLimited)
        {
            Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
            Assert.Contains("The API asked to wait 5.0 s (Retry-After)", error.Message);
            Assert.Contains("Gave up after 5 attempts", error.Message);
        }
        if (scenario == "503-persistent" && op != "Create") Assert.Contains("Gave up after 5 attempts", error.Message);
    }

    [Theory]
    [InlineData("Get")]
    [InlineData("Create")]
    public async Task TheRetryAfterOfA429IsReportedInSecondsAndAsADate(string op)
    {
        // One retry allowed: two 429s end in RateLimited with the last Retry-After on the exception.
        var (method, path) = Target(op);
        var date = (_server.Clock.UtcNow + TimeSpan.FromSeconds(90)).ToString("r", CultureInfo.InvariantCulture);
        _server.AddFault(new SandboxFault { Method = method, Path = path, StatusCode = 429, RetryAfter = "4" });
        _server.AddFault(new SandboxFault { Method = method, Path = path, StatusCode = 429, RetryAfter = date });
        var client = ClientFactory.For(_server, maximumRetryCount: 1);

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => Run(client, op));

        Assert.Equal(ApiFailureKind.RateLimited, e.Kind);
        Assert.Equal(429, e.StatusCode);
        Assert.Equal(2, e.Attempts);
        Assert.False(e.MayHaveSucceeded);
        // The date was written with whole seconds; after the 4 s wait about 86 s remain.
        Assert.NotNull(e.RetryAfter);
        Assert.InRange(e.RetryAfter!.Value.TotalSeconds, 85, 86);
        Assert.Matches(@"The API asked to wait 8[56] s \(Retry-After\)", e.Message);
        Assert.Equal(2, (await ClientFactory.JournalAtLeast(_server, 2, TimeSpan.FromSeconds(10))).Count);
    }

    /// <summary>
    /// Retry-After that is not what HTTP allows gets the normal back-off (0.5-1 s here), never an
    /// immediate retry; one longer than the retry budget ends the call at once, however long.
    /// </summary>
    [Theory]
    [InlineData("Get", "1,5", 2, 0.5, 1)]
    [InlineData("Create", "1,5", 2, 0.5, 1)]
    [InlineData("Get", "0001-01-01", 2, 0.5, 1)]
    [InlineData("Create", "0001-01-01", 2, 0.5, 1)]
    [InlineData("Get", "2020-01-01T00:00:00Z", 2, 0.5, 1)]
    [InlineData("Get", "-5", 2, 0.5, 1)]
    [InlineData("Get", "soon", 2, 0.5, 1)]
    [InlineData("Get", "999999999999", 1, 0, 0)]
    [InlineData("Create", "999999999999", 1, 0, 0)]
    [InlineData("Get", "604801", 1, 0, 0)]
    [InlineData("Get", "1000", 1, 0, 0)]
    [InlineData("List", "121", 1, 0, 0)]
    [InlineData("List", "120", 2, 120, 120)]
    public async Task RetryAfterEdgeCases(string op, string retryAfter, int requests, double minElapsedSec, double maxElapsedSec)
    {
        var (method, path) = Target(op);
        _server.AddFault(new SandboxFault { Method = method, Path = path, StatusCode = 429, RetryAfter = retryAfter });
        var client = ClientFactory.For(_server);
        var start = _server.Clock.UtcNow;

        ArgilApiException? error = null;
        try
        {
            await Run(client, op);
        }
        catch (ArgilApiException e)
        {
            error = e;
        }
        var elapsed = (_server.Clock.UtcNow - start).TotalSeconds;

        Assert.Equal(requests, (await ClientFactory.JournalAtLeast(_server, requests, TimeSpan.FromSeconds(10))).Count);
        Assert.InRange(elapsed, minElapsedSec - 0.001, maxElapsedSec + 0.001);
        if (requests == 2)
        {
            Assert.Null(error);
            return;
        }
        Assert.NotNull(error);
        Assert.Equal(ApiFailureKind.RateLimited, error!.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Contains("would pass the limit of 120 s of retry waits", error.Message);
        Assert.Matches(@"The API asked to wait \d+ s \(Retry-After\)", error.Message);
    }

    [Fact]
    public async Task MaximumRetryWaitBoundsTheTotalWait()
    {
        for (var i = 0; i < 10; i++)
            _server.AddFault(new SandboxFault { Method = "GET", Path = "/avatars/*", StatusCode = 429, RetryAfter = "50" });
        var client = ClientFactory.For(_server, maximumRetryCount: 10, maximumRetryWait: TimeSpan.FromMinutes(2));
        var start = _server.Clock.UtcNow;

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => Run(client, "Get"));

        // Two waits of 50 s fit in 2 minutes, a third would not: three requests, 100 s waited.
        Assert.Equal(TimeSpan.FromSeconds(100), _server.Clock.UtcNow - start);
        Assert.Equal(ApiFailureKind.RateLimited, e.Kind);
        Assert.Equal(3, e.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(50), e.RetryAfter);
        Assert.Contains("would pass the limit of 120 s", e.Message);
        Assert.Equal(3, (await ClientFactory.JournalAtLeast(_server, 3, TimeSpan.FromSeconds(10))).Count);
    }

    [Fact]
    public async Task MaximumRetryWaitBoundsExponentialBackoffToo()
    {
        _server.AddFault(new SandboxFault { Method = "GET", Path = "/avatars", StatusCode = 503, Count = 50 });
        var client = ClientFactory.For(_server, maximumRetryCount: 50, retryIntervalSec: 4, maximumRetryWait: TimeSpan.FromSeconds(20));
        var start = _server.Clock.UtcNow;

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => Run(client, "List"));

        var waited = _server.Clock.UtcNow - start;
        Assert.InRange(waited.TotalSeconds, 2, 20);
        Assert.Equal(ApiFailureKind.ServerError, e.Kind);
        Assert.InRange(e.Attempts, 2, 4); // 2-4 s, 4-8 s, 8-16 s: at most three waits fit in 20 s
        Assert.Equal(e.Attempts, (await ClientFactory.JournalAtLeast(_server, e.Attempts, TimeSpan.FromSeconds(10))).Count);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheLimitEndsAtOnce()
    {
        _server.AddFault(new SandboxFault { Method = "POST", Path = "/avatars", StatusCode = 429, RetryAfter = "3600" });
        var client = ClientFactory.For(_server);
        var start = _server.Clock.UtcNow;

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => Run(client, "Create"));

        Assert.Equal(TimeSpan.Zero, _server.Clock.UtcNow - start);
        Assert.Equal(ApiFailureKind.RateLimited, e.Kind);
        Assert.Equal(TimeSpan.FromHours(1), e.RetryAfter);
        Assert.Contains("3600 s (Retry-After)", e.Message);
        Assert.Single(await ClientFactory.JournalAtLeast(_server, 1, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task NoRetriesWhenMaximumRetryCountIsZero()
    {
        _server.AddFault(new SandboxFault { Method = "GET", Path = "/avatars/*", StatusCode = 503 });
        var client = ClientFactory.For(_server, maximumRetryCount: 0);

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => Run(client, "Get"));

        Assert.Equal(ApiFailureKind.ServerError, e.Kind);
        Assert.Equal(1, e.Attempts);
        Assert.Single(await ClientFactory.JournalAtLeast(_server, 1, TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(400, "InvalidRequest")]
    [InlineData(401, "Unauthorized")]
    [InlineData(403, "Forbidden")]
    [InlineData(404, "NotFound")]
    [InlineData(409, "Conflict")]
    [InlineData(422, "InvalidRequest")]
    [InlineData(418, "HttpError")]
    public async Task ClientErrorsAreNeverRetriedAndCarryTheApiMessage(int status, string kind)
    {
        _server.AddFault(new SandboxFault { Method = "GET", Path = "/avatars", StatusCode = status, Body = "{\"code\":" + status + ",\"message\":\"Nope: rule 7\"}" });
        var client = ClientFactory.For(_server);

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => Run(client, "List"));

        Assert.Equal(Enum.Parse<ApiFailureKind>(kind), e.Kind);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal("Nope: rule 7", e.ApiMessage);
        Assert.NotNull(e.RequestId);
        Assert.Contains("GET /avatars failed with HTTP " + status + ": Nope: rule 7", e.Message);
        Assert.Single(await ClientFactory.JournalAtLeast(_server, 1, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AWrongKeyIsUnauthorizedAndTheUnknownIdIsNotFound()
    {
        var wrong = ClientFactory.For(_server, key: "not-the-sandbox-key-000");
        var e = await Assert.ThrowsAsync<ArgilApiException>(() => Run(wrong, "List"));
        Assert.Equal(ApiFailureKind.Unauthorized, e.Kind);

        var client = ClientFactory.For(_server);
        var missing = await Assert.ThrowsAsync<ArgilApiException>(() => client.GetAvatarAsync("no-such-id", NullRequestLog.Instance, default));
        Assert.Equal(ApiFailureKind.NotFound, missing.Kind);
        Assert.Equal(404, missing.StatusCode);
        Assert.Contains("No avatar with id 'no-such-id'", missing.Message);

        // The wrong key's request is refused unread and not journalled; the keyed one is.
        var journal = await ClientFactory.JournalAtLeast(_server, 1, TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { "valid" }, journal.Select(r => r.KeyCheck));
    }

    [Fact]
    public async Task ADelayShorterThanTheTimeoutIsJustSlow()
    {
        _server.AddFault(new SandboxFault { Method = "GET", Path = "/avatars/*", Kind = SandboxFaultKind.Delay, Delay = TimeSpan.FromMilliseconds(50) });
        _server.AddFault(new SandboxFault { Method = "GET", Path = "/avatars/*", StatusCode = 503 });
        var client = ClientFactory.For(_server, timeoutSec: 30);

        var avatar = Assert.IsType<Avatar>(await Run(client, "Get"));

        Assert.Equal(ClientFactory.PublicAvatarId, avatar.Id);
        var journal = await ClientFactory.JournalAtLeast(_server, 2, TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { 503, 200 }, journal.OrderBy(r => r.Sequence).Select(r => r.StatusCode));
        Assert.Contains("Delay", journal.OrderBy(r => r.Sequence).First().Fault);
    }
}
