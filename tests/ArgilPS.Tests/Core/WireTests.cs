using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace ArgilPS.Tests.Core;

/// <summary>
/// What reaches the wire and what is read from it, through the production HttpClient (the one
/// HttpClientCache builds, with its real handler), against raw loopback servers that lie, never
/// end, drop connections or redirect.
/// </summary>
public sealed class WireTests
{
    private const string Key = "wire-test-key-0123456789";
    private const long MiB = 1024 * 1024;
    private readonly ITestOutputHelper _output;

    public WireTests(ITestOutputHelper output) => _output = output;

    /// <summary>A client with the production handler (no invoker given), on a Manual clock so back-off waits take no time.</summary>
    private static AvatarsApi Production(Uri baseUri, int timeoutSec = 30, int maximumRetryCount = 4,
        long maximumResponseBytes = ArgilClientSettings.DefaultMaximumResponseBytes)
    {
        var settings = new ArgilClientSettings(baseUri, new ApiKey(Key), timeoutSec, maximumRetryCount, 1, null, maximumResponseBytes);
        return new AvatarsApi(new ArgilHttpClient(settings, new SandboxClock(SandboxTimeMode.Manual), http: null, random: new Random(1)));
    }

    [Fact]
    public async Task AContentLengthOverTheLimitFailsBeforeTheBodyIsRead()
    {
        const long declared = 1024 * MiB; // 1 GiB announced; the server sends as much of it as it can
        using var server = new LoopbackServer(async x =>
        {
            await x.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n\r\n");
            var chunk = new byte[64 * 1024];
            for (long sent = 0; sent < declared; sent += chunk.Length) await x.WriteAsync(chunk);
        });
        var client = Production(server.BaseUri);

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => client.ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, default));

        Assert.Equal(ApiFailureKind.UnexpectedResponse, e.Kind);
        Assert.Equal(200, e.StatusCode);
        Assert.Equal(1, e.Attempts);
        Assert.Contains("1,073,741,824 bytes (its Content-Length), more than the 64 MiB that ArgilPS reads of one answer", e.Message);
        Assert.Equal(1, server.Requests); // not retried
        _output.WriteLine($"Content-Length 1 GiB: the server managed to send {server.BytesSent:N0} bytes before the client closed the connection.");
        Assert.True(server.BytesSent < 16 * MiB, $"the server sent {server.BytesSent:N0} bytes");
    }

    [Theory]
    [InlineData("chunked", 1)]
    [InlineData("until-close", 1)]
    [InlineData("chunked", 64)] // the default limit
    public async Task AnEndlessBodyStopsBeingReadAtTheLimit(string framing, int limitMiB)
    {
        var limit = limitMiB * MiB;
        const long cap = 256 * MiB; // "endless": far past the limit, but bounded should the client read it all
        using var server = new LoopbackServer(async x =>
        {
            var chunked = framing == "chunked";
            await x.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + (chunked ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n") + "\r\n");
            // A list that opens and never goes on: "[" and then white space for ever.
            byte[] Frame(string text)
            {
                var data = System.Text.Encoding.ASCII.GetBytes(text);
                return chunked ? System.Text.Encoding.ASCII.GetBytes($"{data.Length:X}\r\n").Concat(data).Concat(new byte[] { 13, 10 }).ToArray() : data;
            }
            await x.WriteAsync(Frame("["));
            var frame = Frame(new string(' ', 64 * 1024));
            for (long sent = 1; sent < cap; sent += 64 * 1024) await x.WriteAsync(frame);
            await x.WriteAsync(chunked ? "0\r\n\r\n" : "");
            x.Drop();
        });
        var client = Production(server.BaseUri, maximumResponseBytes: limit);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => client.ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, default));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore; // process-wide: includes other tests running meanwhile
        Assert.Equal(ApiFailureKind.UnexpectedResponse, e.Kind);
        Assert.Contains($"a body longer than the {limitMiB} MiB that ArgilPS reads of one answer; it stopped reading there (HTTP 200)", e.Message);
        Assert.DoesNotContain("lost the connection", e.Message);
        Assert.Equal(1, server.Requests);
        _output.WriteLine($"Endless body ({framing}), limit {limitMiB} MiB: the server managed to send {server.BytesSent:N0} bytes before the client closed the connection; {allocated:N0} bytes allocated in the process meanwhile.");
        // What was sent is the limit plus what the two sockets' buffers hold, not the 256 MiB on offer.
        Assert.True(server.BytesSent < limit + 16 * MiB, $"the server sent {server.BytesSent:N0} bytes");
    }

    [Fact]
    public async Task ABodyThatStallsAfterTheHeadersEndsInOperationTimeout()
    {
        using var server = new LoopbackServer(async x =>
        {
            await x.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"id\":\"a\"");
            await Task.Delay(System.Threading.Timeout.Infinite, x.Stopping); // the rest never comes
        });
        var client = Production(server.BaseUri, timeoutSec: 1);

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => client.GetAvatarAsync("a", NullRequestLog.Instance, default));

        Assert.Equal(ApiFailureKind.Timeout, e.Kind);
        Assert.Contains("did not answer GET /avatars/a within 1 seconds", e.Message);
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task ADroppedGetGoesOutOncePerAttemptOnTheWire(int maximumRetryCount)
    {
        using var server = new LoopbackServer(x =>
        {
            x.Drop();
            return Task.CompletedTask;
        });
        var client = Production(server.BaseUri, maximumRetryCount: maximumRetryCount);

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => client.GetAvatarAsync("a", NullRequestLog.Instance, default));

        Assert.Equal(ApiFailureKind.ConnectionFailed, e.Kind);
        Assert.Equal(maximumRetryCount + 1, e.Attempts);
        Assert.Equal(maximumRetryCount + 1, server.Requests);
    }

    [Fact]
    public async Task ADroppedPostGoesOutOnce()
    {
        using var server = new LoopbackServer(x =>
        {
            x.Drop();
            return Task.CompletedTask;
        });
        var client = Production(server.BaseUri, maximumRetryCount: 3);

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => client.CreateAvatarAsync(ClientFactory.NewImageAvatar(), NullRequestLog.Instance, default));

        Assert.Equal(ApiFailureKind.ConnectionFailed, e.Kind);
        Assert.True(e.MayHaveSucceeded);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task TheProductionClientNeverFollowsARedirect()
    {
        using var elsewhere = new LoopbackServer(x => x.AnswerAsync(200, FaultMatrixTests.ValidAvatarJson));
        var location = $"http://user:pw@127.0.0.1:{elsewhere.Port}/v1/avatars/3c90c3cc?token=leaked#frag";
        using var server = new LoopbackServer(x => x.AnswerAsync(302, "", "text/plain", $"Location: {location}\r\n"));
        var client = Production(server.BaseUri);

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => client.GetAvatarAsync("3c90c3cc", NullRequestLog.Instance, default));

        Assert.Equal(0, elsewhere.Connections); // the key never left the base URI
        Assert.Equal(1, server.Requests);
        Assert.Equal(302, e.StatusCode);
        Assert.Equal(ApiFailureKind.HttpError, e.Kind);
        Assert.Contains($"it was a redirect to http://127.0.0.1:{elsewhere.Port}/v1/avatars/3c90c3cc?…", e.Message);
        Assert.Contains("ArgilPS never follows redirects, because the API key must not leave " + server.BaseUri, e.Message);
        Assert.DoesNotContain("leaked", e.Message);
        Assert.DoesNotContain("pw@", e.Message);
    }

    [Fact]
    public async Task EveryRequestCarriesTheKeyAsOneHeaderLine()
    {
        string? head = null;
        using var server = new LoopbackServer(x =>
        {
            head = x.Head;
            return x.AnswerAsync(200, FaultMatrixTests.ValidAvatarJson);
        });
        await Production(server.BaseUri).GetAvatarAsync("a", NullRequestLog.Instance, default);
        Assert.Contains("\r\nx-api-key: " + Key + "\r\n", head + "\r\n");
        Assert.Equal("GET /v1/avatars/a HTTP/1.1", server.RequestLines.Single());
    }

    /// <summary>One rule: what Invoke-ArgilRestMethod refuses as -Path is exactly what the client refuses to send.</summary>
    [Theory]
    [InlineData("avatars", true)]
    [InlineData("/avatars", true)]
    [InlineData("avatars?since=2026-01-01T10:00:00Z", true)]
    [InlineData("videos/v1/render?callback=https://example.com/x", true)]
    [InlineData("avatars/a.b/..x", true)]
    [InlineData("https://attacker.example/collect", false)]
    [InlineData("http:collect", false)]
    [InlineData("//attacker.example/collect", false)]
    [InlineData("avatars\\x", false)]
    [InlineData("avatars/../..", false)]
    [InlineData("avatars/%2E%2E/x", false)]
    [InlineData("./avatars", false)]
    [InlineData("avatars?a=b c", false)]
    [InlineData("avatars\r\nHost: x", false)]
    public void TheCmdletAndTheClientApplyTheSamePathRule(string path, bool allowed)
    {
        var http = ClientFactory.WithStub(StubHandler.Json(200, "{}")).Http;
        var rule = RequestPath.Check(path);
        var request = new ApiRequest("Avatar", HttpMethod.Get, path);

        Assert.Equal(allowed, rule is null);
        if (allowed)
        {
            Assert.StartsWith("http://127.0.0.1:9/v1/", http.Target(request).AbsoluteUri);
            return;
        }
        var e = Assert.Throws<ArgilApiException>(() => http.Target(request));
        Assert.Equal(ApiFailureKind.InvalidRequest, e.Kind);
        Assert.Contains(rule!, e.Message);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("%2e")]
    [InlineData("%2E%2e")]
    [InlineData("%252e%252E")]
    [InlineData("")]
    public async Task DotSegmentsAreRefusedAsIdsBeforeAnyRequest(string id)
    {
        var stub = StubHandler.Json(200, FaultMatrixTests.ValidAvatarJson);
        var client = ClientFactory.WithStub(stub);

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => client.GetAvatarAsync(id, NullRequestLog.Instance, default));

        Assert.Equal(ApiFailureKind.InvalidRequest, e.Kind);
        Assert.Contains("an id cannot be empty, blank, '.' or '..'", e.Message);
        Assert.Equal(0, stub.Calls);
    }

    [Theory]
    [InlineData("...")]
    [InlineData(".hidden")]
    [InlineData("a.b")]
    [InlineData("%2e%2e%2f")]
    public async Task IdsWithDotsThatAreNotDotSegmentsAreSentEscaped(string id)
    {
        string? path = null;
        var stub = new StubHandler(r =>
        {
            path = r.RequestUri!.AbsolutePath;
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(FaultMatrixTests.ValidAvatarJson) };
        });
        await ClientFactory.WithStub(stub).GetAvatarAsync(id, NullRequestLog.Instance, default);
        Assert.Equal("/v1/avatars/" + Uri.EscapeDataString(id), path);
    }
}
