using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Sandbox;
using Xunit;
using ArgilPS.Commands;

namespace ArgilPS.Tests.Core;

/// <summary>
/// The few tests that wait in real time: a server that holds its answer past TimeoutSec=1.
/// Everything else here is synchronised with the journal, the handler's signal or the clock's signal.
/// </summary>
public sealed class TimeoutTests : IDisposable
{
    private readonly SandboxServer _server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("GET", "/avatars/*")]
    [InlineData("GET", "/avatars")]
    [InlineData("POST", "/avatars")]
    public async Task ADelayLongerThanTimeoutSecIsATimeoutAndIsNotRetried(string method, string path)
    {
        _server.AddFault(new SandboxFault { Method = method, Path = path, Kind = SandboxFaultKind.Delay, Delay = TimeSpan.FromSeconds(3) });
        var client = ClientFactory.For(_server, timeoutSec: 1);
        var start = _server.Clock.UtcNow;
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<ArgilApiException>(async () =>
        {
            if (path == "/avatars/*") await client.GetAvatarAsync(ClientFactory.PublicAvatarId, NullRequestLog.Instance, default);
            else if (method == "GET") await client.ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, default);
            else await client.CreateAvatarAsync(ClientFactory.NewImageAvatar(), NullRequestLog.Instance, default);
        });
        watch.Stop();

        Assert.Equal(ApiFailureKind.Timeout, e.Kind);
        Assert.Null(e.StatusCode);
        Assert.Equal(1, e.Attempts);
        Assert.Equal(method == "POST", e.MayHaveSucceeded);
        Assert.Contains("within 1 seconds", e.Message);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 2.9); // it gave up before the server answered
        Assert.Equal(TimeSpan.Zero, _server.Clock.UtcNow - start); // no back-off wait: no retry

        // Stopping the server ends the held request; it is the only one the server saw.
        _server.Dispose();
        var journal = await ClientFactory.JournalAtLeast(_server, 1, TimeSpan.FromSeconds(10));
        Assert.Single(journal);
        Assert.DoesNotContain(journal, r => r.StatusCode == 201);
    }
}

public sealed class CancellationTests : IDisposable
{
    private readonly SandboxServer _server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task ATokenCancelledBeforehandSendsNothing()
    {
        var client = ClientFactory.For(_server);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, cts.Token));

        // Prove the server would have journalled a request: a normal one afterwards is entry 1.
        await client.ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, default);
        Assert.Single(await ClientFactory.JournalAtLeast(_server, 1, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task CancellingEndsARequestInFlightPromptly()
    {
        // The server holds the answer for a minute; no TimeoutSec limit.
        _server.AddFault(new SandboxFault { Method = "GET", Path = "/avatars/*", Kind = SandboxFaultKind.Delay, Delay = TimeSpan.FromMinutes(1) });
        var handler = new SignallingHandler();
        using var invoker = new HttpMessageInvoker(handler);
        var client = ClientFactory.For(_server, timeoutSec: 0, http: invoker);
        using var cts = new CancellationTokenSource();

        var call = client.GetAvatarAsync(ClientFactory.PublicAvatarId, NullRequestLog.Instance, cts.Token);
        await handler.FirstSend.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var watch = Stopwatch.StartNew();
        cts.Cancel();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.IsNotType<TimeoutException>(e);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"cancellation took {watch.Elapsed}");
        Assert.Equal(1, handler.Sends);
    }

    [Fact]
    public async Task CancellingEndsABackoffWaitPromptly()
    {
        // A realtime clock and a 60 s Retry-After: the client really waits, until cancelled.
        using var server = SandboxServer.Start(timeMode: SandboxTimeMode.Realtime);
        server.AddFault(new SandboxFault { Method = "POST", Path = "/avatars", StatusCode = 429, RetryAfter = "60" });
        var client = ClientFactory.For(server);
        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new RecordingLog { OnVerbose = line => { if (line.Contains("retrying in")) waiting.TrySetResult(line); } };
        using var cts = new CancellationTokenSource();

        var call = client.CreateAvatarAsync(ClientFactory.NewImageAvatar(), log, cts.Token);
        var line = await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("HTTP 429; retrying in 60 s (retry 1 of 4)", line);
        var watch = Stopwatch.StartNew();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"cancellation took {watch.Elapsed}");
        Assert.Single(await ClientFactory.JournalAtLeast(server, 1, TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(server.Journal, r => r.StatusCode == 201); // nothing was created
    }

    [Fact]
    public async Task CancellingEndsAWaitOnAnyClock()
    {
        _server.AddFault(new SandboxFault { Method = "GET", Path = "/avatars", StatusCode = 503 });
        var clock = new BlockingClock();
        var client = ClientFactory.For(_server, clock: clock);
        using var cts = new CancellationTokenSource();

        var call = client.ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, cts.Token);
        var delay = await clock.WaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.InRange(delay.TotalSeconds, 0.5, 1);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(await ClientFactory.JournalAtLeast(_server, 1, TimeSpan.FromSeconds(10)));
    }
}

public sealed class RefusedConnectionTests
{
    private static AvatarsApi ClientForClosedPort(SandboxClock clock, SignallingHandler handler, int retries = 2)
    {
        var settings = new ArgilClientSettings(new Uri($"http://127.0.0.1:{ClientFactory.ClosedPort()}/v1/"),
            new ApiKey("refused-test-key-123456"), 5, retries, 1);
        return new AvatarsApi(new ArgilHttpClient(settings, clock, new HttpMessageInvoker(handler), new Random(5)));
    }

    [Fact]
    public async Task APostIsRetriedWhenTheConnectionIsRefused()
    {
        var clock = new SandboxClock(SandboxTimeMode.Manual);
        var handler = new SignallingHandler();
        var client = ClientForClosedPort(clock, handler);
        var start = clock.UtcNow;

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => client.CreateAvatarAsync(ClientFactory.NewImageAvatar(), NullRequestLog.Instance, default));

        Assert.Equal(ApiFailureKind.ConnectionFailed, e.Kind);
        Assert.Equal(3, e.Attempts);
        Assert.Equal(3, handler.Sends);
        Assert.False(e.MayHaveSucceeded); // nothing reached a server
        Assert.Null(e.StatusCode);
        Assert.Contains("could not connect to 127.0.0.1", e.Message);
        Assert.Contains("Gave up after 3 attempts", e.Message);
        Assert.DoesNotContain("may have been created", NewArgilAvatarCommand.MayHaveBeenCreated(e, "Test avatar", client.Http.Settings.ApiKey).Message);
        Assert.InRange((clock.UtcNow - start).TotalSeconds, 1.5, 3); // 0.5-1 s then 1-2 s
    }

    [Fact]
    public async Task AGetIsRetriedWhenTheConnectionIsRefused()
    {
        var clock = new SandboxClock(SandboxTimeMode.Manual);
        var handler = new SignallingHandler();
        var client = ClientForClosedPort(clock, handler, retries: 4);

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => client.GetAvatarAsync("x", NullRequestLog.Instance, default));

        Assert.Equal(ApiFailureKind.ConnectionFailed, e.Kind);
        Assert.Equal(5, handler.Sends);
        Assert.Equal(5, e.Attempts);
    }
}
