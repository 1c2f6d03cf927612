using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Sandbox;

namespace ArgilPS.Tests.Core;

/// <summary>An <see cref="IRequestLog"/> that keeps every line, with its level.</summary>
internal sealed class RecordingLog : IRequestLog
{
    private readonly ConcurrentQueue<(string Level, string Text)> _lines = new();

    /// <summary>Called with each Verbose line, so a test can wait for "retrying in" without sleeping.</summary>
    public Action<string>? OnVerbose { get; set; }

    public void Verbose(string message)
    {
        _lines.Enqueue(("Verbose", message));
        OnVerbose?.Invoke(message);
    }

    public void Debug(string message) => _lines.Enqueue(("Debug", message));
    public void Warning(string message) => _lines.Enqueue(("Warning", message));

    public IReadOnlyList<(string Level, string Text)> Lines => _lines.ToList();
    public IEnumerable<string> Of(string level) => Lines.Where(l => l.Level == level).Select(l => l.Text);
    public string AllText => string.Join("\n", Lines.Select(l => l.Level + ": " + l.Text));
}

/// <summary>A handler that answers every request itself, with a status and raw body bytes.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _answer;
    public int Calls;

    public StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) => _answer = answer;

    public static StubHandler Json(int status, string body) => Bytes(status, Encoding.UTF8.GetBytes(body));

    public static StubHandler Bytes(int status, byte[] body) => new(_ => new HttpResponseMessage((HttpStatusCode)status)
    {
        Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json; charset=utf-8" } } },
    });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        return Task.FromResult(_answer(request));
    }
}

/// <summary>A handler that hands the request to the real network, counting sends and signalling the first one.</summary>
internal sealed class SignallingHandler : DelegatingHandler
{
    private int _sends;
    public readonly TaskCompletionSource<bool> FirstSend = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SignallingHandler() : base(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { }

    public int Sends => Volatile.Read(ref _sends);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sends);
        FirstSend.TrySetResult(true);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A clock whose waits never end by themselves: they end only when cancelled. It says when a wait begins.</summary>
internal sealed class BlockingClock : IClock
{
    public DateTime UtcNow { get; } = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public readonly TaskCompletionSource<TimeSpan> WaitStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        WaitStarted.TrySetResult(delay);
        var never = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
        return never.Task;
    }
}

internal static class ClientFactory
{
    public const string PublicAvatarId = "00000000-0000-4000-8000-000000000001";

    public static AvatarsApi For(SandboxServer server, int timeoutSec = 30, int maximumRetryCount = 4, int retryIntervalSec = 1,
        TimeSpan? maximumRetryWait = null, IClock? clock = null, HttpMessageInvoker? http = null, int seed = 1234, string? key = null)
    {
        var settings = new ArgilClientSettings(server.BaseUri, new ApiKey(key ?? server.ApiKey), timeoutSec, maximumRetryCount,
            retryIntervalSec, maximumRetryWait);
        return new AvatarsApi(new ArgilHttpClient(settings, clock ?? server.Clock, http, new Random(seed)));
    }

    public static AvatarsApi WithStub(HttpMessageHandler handler, string key = "stub-key-0123456789")
    {
        var settings = new ArgilClientSettings(new Uri("http://127.0.0.1:9/v1"), new ApiKey(key), 30, 0, 1);
        return new AvatarsApi(new ArgilHttpClient(settings, new SandboxClock(SandboxTimeMode.Manual), new HttpMessageInvoker(handler), new Random(1)));
    }

    public static NewAvatarRequest NewImageAvatar(string name = "Test avatar") =>
        new() { Name = name, ImageUrl = "https://example.com/me.png" };

    /// <summary>A loopback port where nothing listens: connections to it are refused.</summary>
    public static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Waits (without sleeping) until the server's journal holds at least <paramref name="count"/> requests.</summary>
    public static async Task<IReadOnlyList<SandboxRequest>> JournalAtLeast(SandboxServer server, int count, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(SandboxRequest _)
        {
            if (server.Journal.Count >= count) reached.TrySetResult(true);
        }
        server.RequestHandled += Handler;
        try
        {
            if (server.Journal.Count < count)
            {
                var done = await Task.WhenAny(reached.Task, Task.Delay(timeout)).ConfigureAwait(false);
                if (done != reached.Task) throw new TimeoutException($"The journal has {server.Journal.Count} requests, expected {count}.");
            }
            return server.Journal;
        }
        finally
        {
            server.RequestHandled -= Handler;
        }
    }
}
