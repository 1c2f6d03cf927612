using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Core;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Sandbox;

/// <summary>A body that is made up as it is sent, and counts how much of it was asked for.</summary>
internal sealed class GeneratedBody : Stream
{
    private readonly long _length;
    private long _given;

    public GeneratedBody(long length) => _length = length;

    /// <summary>How many bytes the sender has taken so far.</summary>
    public long Given => Interlocked.Read(ref _given);

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, _length - Given);
        if (n <= 0) return 0;
        buffer.AsSpan(offset, n).Fill((byte)'a');
        Interlocked.Add(ref _given, n);
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Given; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// The sandbox listens on a loopback port that any local process can reach: only requests with its
/// key are read, journalled and answered by faults, and no body is read without bound.
/// </summary>
public sealed class SandboxHardeningTests : IDisposable
{
    private const long Huge = 1200L * 1024 * 1024; // 1.2 GB, never to be read
    private readonly SandboxServer _server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);
    private readonly HttpClient _raw = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose()
    {
        _raw.Dispose();
        _server.Dispose();
    }

    private Uri Avatars => new(_server.BaseUri, "avatars");

    private HttpRequestMessage Post(Stream body, long? contentLength, bool keyed)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = contentLength; // null: sent chunked, the size known to no one
        var request = new HttpRequestMessage(HttpMethod.Post, Avatars) { Content = content };
        if (keyed) request.Headers.Add("x-api-key", _server.ApiKey);
        return request;
    }

    private static async Task<(int Code, string Message)> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("code").GetInt32(), json.RootElement.GetProperty("message").GetString()!);
    }

    /// <summary>A keyed request the journal must hold afterwards: every earlier request has been journalled by then, or never will be.</summary>
    private async Task<SandboxRequest> KeyedGet(string path = "avatars")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUri, path));
        request.Headers.Add("x-api-key", _server.ApiKey);
        using var response = await _raw.SendAsync(request);
        return _server.Journal.Last();
    }

    /// <summary>What a raw client saw: the answer, how much of the body it had sent, and whether the server then closed.</summary>
    private sealed record RawOutcome(int Status, string Headers, string Body, long Sent, bool ClosedByServer);

    /// <summary>
    /// POSTs a body of <paramref name="size"/> bytes over a plain socket, reading the answer while
    /// still sending, as a client would that sends more than the server wants: the answer is seen
    /// however much of the body the server reads.
    /// </summary>
    private async Task<RawOutcome> RawPost(bool keyed, long size, bool chunked)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _server.BaseUri.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append("POST /v1/avatars HTTP/1.1\r\nHost: 127.0.0.1:").Append(_server.BaseUri.Port).Append("\r\nContent-Type: application/json\r\n")
            .Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {size}\r\n")
            .Append(keyed ? $"x-api-key: {_server.ApiKey}\r\n" : "")
            .Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));

        using var answered = new CancellationTokenSource();
        long sent = 0;
        var sending = Task.Run(async () =>
        {
            var block = Enumerable.Repeat((byte)'a', 64 * 1024).ToArray();
            var chunkHead = Encoding.ASCII.GetBytes($"{block.Length:x}\r\n");
            var crlf = Encoding.ASCII.GetBytes("\r\n");
            try
            {
                while (sent < size && !answered.IsCancellationRequested)
                {
                    if (chunked) await stream.WriteAsync(chunkHead, answered.Token);
                    await stream.WriteAsync(block, answered.Token);
                    if (chunked) await stream.WriteAsync(crlf, answered.Token);
                    Interlocked.Add(ref sent, block.Length);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The server closed the connection, or the answer came: stop sending.
            }
        });

        // Read the answer: status line and headers, then Content-Length bytes of body.
        var received = new MemoryStream();
        var buffer = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            if (n == 0) throw new IOException("The connection closed before an answer.");
            received.Write(buffer, 0, n);
        }
        var headers = Encoding.ASCII.GetString(received.GetBuffer(), 0, headerEnd);
        var length = int.Parse(headers.Split("\r\n").Single(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).Substring(15).Trim());
        while (received.Length < headerEnd + 4 + length)
        {
            var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            if (n == 0) break;
            received.Write(buffer, 0, n);
        }
        var body = Encoding.UTF8.GetString(received.GetBuffer(), headerEnd + 4, length);
        var status = int.Parse(headers.Substring(9, 3));

        // Keep sending: the server must end the connection, having read at most its limit.
        var closed = false;
        try
        {
            var rest = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            closed = rest == 0;
        }
        catch (IOException)
        {
            closed = true; // reset
        }
        answered.Cancel();
        await sending.WaitAsync(TimeSpan.FromSeconds(60));
        return new RawOutcome(status, headers, body, Interlocked.Read(ref sent), closed);
    }

    private static int IndexOf(MemoryStream stream, ReadOnlySpan<byte> value) =>
        stream.GetBuffer().AsSpan(0, (int)stream.Length).IndexOf(value);

    private static (int Code, string Message) ErrorOf(string body)
    {
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("code").GetInt32(), json.RootElement.GetProperty("message").GetString()!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AKeylessHugePostIsAnsweredAtOnceUnreadAndNotJournalled(bool chunked)
    {
        var outcome = await RawPost(keyed: false, Huge, chunked);

        Assert.Equal(401, outcome.Status);
        Assert.Equal((401, "Unauthorized: missing or invalid x-api-key"), ErrorOf(outcome.Body));
        Assert.Contains("Connection: close", outcome.Headers, StringComparison.OrdinalIgnoreCase);
        Assert.True(outcome.ClosedByServer);
        // The server read at most its limit (and the sockets' buffers hold a few MB more).
        Assert.InRange(outcome.Sent, 0, SandboxServer.MaxBodyBytes + 32L * 1024 * 1024);
        Assert.Equal(1, (await KeyedGet()).Sequence); // the keyless one was never journalled
    }

    [Fact]
    public async Task AKeylessHugePostFromAnHttpClientEndsAtOnce()
    {
        // HttpClient sends the whole body before it reads an answer, so it cannot see an answer
        // to a body the server will not read: it must end promptly, with 401 or a closed connection.
        var body = new GeneratedBody(Huge);
        try
        {
            using var response = await _raw.SendAsync(Post(body, Huge, keyed: false), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        catch (HttpRequestException e) when (e.InnerException is IOException)
        {
        }
        Assert.InRange(body.Given, 0, SandboxServer.MaxBodyBytes + 32L * 1024 * 1024);
        Assert.Equal(1, (await KeyedGet()).Sequence);
    }

    [Fact]
    public async Task AWrongKeyWithAnImageSizedBodyGetsAClean401()
    {
        // A script with a wrong key uploading a large inline image sees Unauthorized, as from the
        // real API, not a reset connection: a refused body up to the limit is read and thrown away.
        var json = "{\"name\":\"" + new string('a', 14 * 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, Avatars) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", _server.ApiKey + "x");
        using var response = await _raw.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((401, "Unauthorized: missing or invalid x-api-key"), await ErrorOf(response));
        Assert.True(response.Headers.ConnectionClose);
        var only = await KeyedGet();
        Assert.Equal(("GET", 1, "valid"), (only.Method, only.Sequence, only.KeyCheck));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AKeyedBodyOverTheLimitIsRefusedWith413(bool chunked)
    {
        // With a Content-Length the size is refused before reading; chunked, once the limit is passed.
        var outcome = await RawPost(keyed: true, chunked ? SandboxServer.MaxBodyBytes + 8L * 1024 * 1024 : Huge, chunked);

        Assert.Equal(413, outcome.Status);
        var (code, message) = ErrorOf(outcome.Body);
        Assert.Equal(413, code);
        Assert.Equal("Request body too large: the sandbox reads at most 33554432 bytes (32 MiB)", message);
        Assert.True(outcome.ClosedByServer);
        Assert.InRange(outcome.Sent, 0, SandboxServer.MaxBodyBytes + 32L * 1024 * 1024);
        var entry = Assert.Single(_server.Journal);
        Assert.Equal(("POST", "/avatars", 413, ""), (entry.Method, entry.Path, entry.StatusCode, entry.Body));
        Assert.Equal(3, (await ClientFactory.For(_server).ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, default)).Count); // nothing was created
    }

    [Fact]
    public async Task TheLargestLegitimateBodyIsAccepted()
    {
        // A 10 MB image, the API's limit, sent inline as base64: about 14 MB of JSON.
        var image = TestImages.Png(1920, 1080, padding: 10 * 1024 * 1024 - 200);
        var json = "{\"type\":\"IMAGE\",\"name\":\"Big\",\"datasetImage\":{\"base64\":\"data:image/png;base64," + Convert.ToBase64String(image) + "\"}}";
        Assert.InRange(json.Length, 13_000_000, SandboxServer.MaxBodyBytes);
        var created = await ClientFactory.For(_server).Http.SendAsync(new ApiRequest("Avatar", HttpMethod.Post, "avatars", json), NullRequestLog.Instance, default);
        Assert.Equal(201, created.StatusCode);
        Assert.Equal(json.Length, Assert.Single(_server.Journal).Body.Length);
    }

    [Fact]
    public async Task AKeylessRequestUsesUpNoFault()
    {
        var fault = new SandboxFault { Method = "GET", Path = "/avatars", StatusCode = 503 };
        _server.AddFault(fault);

        using (var keyless = await _raw.GetAsync(Avatars)) Assert.Equal(HttpStatusCode.Unauthorized, keyless.StatusCode);
        Assert.Equal(0, fault.Hits);

        var keyed = await KeyedGet();
        Assert.Equal((503, 1), (keyed.StatusCode, keyed.Sequence));
        Assert.Equal(1, fault.Hits);
        Assert.Empty(_server.Faults);
    }

    [Fact]
    public void TheSandboxListensOnLoopbackOnlyWithARandomKey()
    {
        using var other = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);
        var expectedHost = OperatingSystem.IsWindows() ? "localhost" : "127.0.0.1";
        Assert.Equal(expectedHost, _server.BaseUri.Host);
        // Keys are 128 random bits, different for each sandbox.
        Assert.Matches("^sandbox-[0-9a-f]{32}$", _server.ApiKey);
        Assert.NotEqual(_server.ApiKey, other.ApiKey);

        // The port answers on loopback and is closed on every other address of this machine.
        var port = _server.BaseUri.Port;
        using (var loopback = new TcpClient()) loopback.Connect(IPAddress.Loopback, port);
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && a.AddressFamily == AddressFamily.InterNetwork)
            .ToList();
        foreach (var address in others)
        {
            using var client = new TcpClient();
            var e = Assert.ThrowsAny<SocketException>(() => client.Connect(address, port));
            Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
        }
    }

    [Fact]
    public async Task StopEndsEveryConnectionAndFreesThePort()
    {
        // A request held by a long Delay fault, and a keyless upload in progress: Stop ends both.
        var server = SandboxServer.Start(timeMode: SandboxTimeMode.Realtime);
        server.AddFault(new SandboxFault { Kind = SandboxFaultKind.Delay, Method = "GET", Path = "/avatars", Delay = TimeSpan.FromHours(1) });
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.RequestReceived += _ => arrived.TrySetResult();
        var held = ClientFactory.For(server, timeoutSec: 3600, maximumRetryCount: 0).ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, default);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await Task.Run(server.Dispose).WaitAsync(TimeSpan.FromSeconds(10));

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => held.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(e.Kind == ApiFailureKind.ConnectionFailed, e.Kind + ": " + e.Message);
        using var client = new TcpClient();
        Assert.ThrowsAny<SocketException>(() => client.Connect(IPAddress.Loopback, server.BaseUri.Port));
    }

    [Fact]
    public async Task TwoHundredParallelCallsAreEachAnsweredCorrectly()
    {
        using var server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);
        var client = ClientFactory.For(server);
        // 200 creates at once, each with its own name: each answer is the avatar it asked for.
        var created = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            client.CreateAvatarAsync(ClientFactory.NewImageAvatar("Parallel " + i), NullRequestLog.Instance, default)));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => "Parallel " + i), created.Select(a => a.Name));
        Assert.Equal(200, created.Select(a => a.Id).Distinct().Count());
        var journal = server.Journal;
        Assert.Equal(200, journal.Count);
        Assert.Equal(Enumerable.Range(1, 200), journal.Select(r => r.Sequence).OrderBy(s => s));
        Assert.All(journal, r => Assert.Equal(("POST", 201), (r.Method, r.StatusCode)));
        var listed = await client.ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, default);
        Assert.Equal(created.Select(a => (a.Id, a.Name)).OrderBy(a => a.Id), listed.Where(a => a.Name.StartsWith("Parallel ")).Select(a => (a.Id, a.Name)).OrderBy(a => a.Id));
    }
}
