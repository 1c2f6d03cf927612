using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Sandbox;
using Xunit;
using ArgilPS.Tests.Avatars;

namespace ArgilPS.Tests.Core;

/// <summary>
/// The key must never show: not in -Verbose, -Debug or warnings, not in an exception's message or
/// ToString(), whatever the server sends back (even the key itself).
/// </summary>
public sealed class RedactionTests : IDisposable
{
    private const string Key = "argil-K3y-Zq7Xk9Wp3Rt5Vb8Nm2Lc6";
    private readonly SandboxServer _server = SandboxServer.Start(apiKey: Key, timeMode: SandboxTimeMode.Manual);
    private readonly RecordingLog _log = new();
    private readonly List<Exception> _errors = new();

    public void Dispose() => _server.Dispose();

    private AvatarsApi Client(int retries = 2) => ClientFactory.For(_server, maximumRetryCount: retries);

    private async Task Capture(Func<Task> call)
    {
        try { await call(); }
        catch (ArgilApiException e) { _errors.Add(e); }
    }

    private void AssertKeyNowhere()
    {
        Assert.NotEmpty(_log.Lines);
        Assert.Contains(_log.Lines, l => l.Level == "Debug");
        Assert.Contains(_log.Lines, l => l.Level == "Verbose");
        Assert.DoesNotContain(Key, _log.AllText);
        foreach (var e in _errors)
        {
            var a = (ArgilApiException)e;
            var everything = string.Join("\n", e.ToString(), e.Message, a.ApiMessage, a.RecommendedAction, e.InnerException?.ToString());
            Assert.DoesNotContain(Key, everything);
        }
        // The key did travel, in the header only: the server accepted it.
        Assert.All(_server.Journal, r => Assert.Equal("valid", r.KeyCheck));
    }

    [Fact]
    public async Task SuccessfulCallsNeverLogTheKey()
    {
        var client = Client();
        await client.ListAvatarsAsync(new AvatarListFilter { Visibility = "public" }, _log, default);
        await client.GetAvatarAsync(ClientFactory.PublicAvatarId, _log, default);
        await client.CreateAvatarAsync(ClientFactory.NewImageAvatar(), _log, default);

        AssertKeyNowhere();
        Assert.Contains(_log.Of("Debug"), l => l.Contains("x-api-key: ***"));
        Assert.Equal(3, (await ClientFactory.JournalAtLeast(_server, 3, TimeSpan.FromSeconds(10))).Count);
    }

    [Fact]
    public async Task AServerThatEchoesTheKeyInErrorsIsRedacted()
    {
        var echo = "{\"code\":401,\"message\":\"The key " + Key + " is not valid\",\"apiKey\":\"" + Key + "\"}";
        _server.AddFault(new SandboxFault { Path = "/avatars", Method = "GET", StatusCode = 401, Body = echo });
        _server.AddFault(new SandboxFault { Path = "/avatars/*", Method = "GET", StatusCode = 503, Body = echo, Count = 3 });
        _server.AddFault(new SandboxFault { Path = "/avatars", Method = "POST", StatusCode = 500, Body = "Internal error for key=" + Key });
        var client = Client();

        await Capture(() => client.ListAvatarsAsync(new AvatarListFilter(), _log, default));
        await Capture(() => client.GetAvatarAsync(ClientFactory.PublicAvatarId, _log, default));
        await Capture(() => client.CreateAvatarAsync(ClientFactory.NewImageAvatar(), _log, default));

        Assert.Equal(3, _errors.Count);
        AssertKeyNowhere();
        var unauthorized = (ArgilApiException)_errors[0];
        Assert.Equal(ApiFailureKind.Unauthorized, unauthorized.Kind);
        Assert.Equal("The key *** is not valid", unauthorized.ApiMessage);
        Assert.Contains("retrying in", _log.AllText);
        Assert.Contains("\"apiKey\":\"***\"", _log.AllText);
    }

    [Theory]
    [InlineData(SandboxFaultKind.Body, 200, "<html><body>Proxy login for " + Key + "</body></html>", "text/html")]
    [InlineData(SandboxFaultKind.Body, 200, "{\"id\": \"" + Key, "application/json")]
    [InlineData(SandboxFaultKind.Body, 200, "{\"name\": \"" + Key + "\"}", "application/json")]
    [InlineData(SandboxFaultKind.Body, 200, "[\"" + Key + "\"]", "application/json")]
    [InlineData(SandboxFaultKind.Body, 502, Key, "text/plain")]
    [InlineData(SandboxFaultKind.MalformedJson, 200, "{\"id\":\"x\",\"name\":" + Key, "application/json")]
    [InlineData(SandboxFaultKind.Drop, 0, null, "application/json")]
    public async Task UnexpectedBodiesAndBrokenConnectionsAreRedacted(SandboxFaultKind kind, int status, string? body, string contentType)
    {
        foreach (var (method, path) in new[] { ("GET", "/avatars/*"), ("POST", "/avatars") })
            _server.AddFault(new SandboxFault { Method = method, Path = path, Kind = kind, StatusCode = status, Body = body, ContentType = contentType, Count = 3 });
        var client = Client();

        await Capture(() => client.GetAvatarAsync(ClientFactory.PublicAvatarId, _log, default));
        await Capture(() => client.CreateAvatarAsync(ClientFactory.NewImageAvatar(), _log, default));

        Assert.Equal(2, _errors.Count);
        AssertKeyNowhere();
    }

    [Fact]
    public async Task ARefusedConnectionIsRedacted()
    {
        var settings = new ArgilClientSettings(new Uri($"http://127.0.0.1:{ClientFactory.ClosedPort()}/v1/"), new ApiKey(Key), 5, 1, 1);
        var client = new AvatarsApi(new ArgilHttpClient(settings, new SandboxClock(SandboxTimeMode.Manual), new HttpMessageInvoker(new SignallingHandler()), new Random(1)));

        await Capture(() => client.CreateAvatarAsync(ClientFactory.NewImageAvatar(), _log, default));

        Assert.Single(_errors);
        Assert.DoesNotContain(Key, _log.AllText);
        Assert.DoesNotContain(Key, _errors[0].ToString());
    }

    [Fact]
    public async Task TheKeyTypedIntoAnIdOrANameByMistakeIsRedactedToo()
    {
        _server.AddFault(new SandboxFault { Method = "POST", Path = "/avatars", StatusCode = 500 });
        var client = Client();

        await Capture(() => client.GetAvatarAsync(Key, _log, default));
        await Capture(() => client.CreateAvatarAsync(ClientFactory.NewImageAvatar("My " + Key), _log, default));

        Assert.Equal(2, _errors.Count);
        Assert.Equal(ApiFailureKind.NotFound, ((ArgilApiException)_errors[0]).Kind);
        Assert.Equal(ApiFailureKind.ServerError, ((ArgilApiException)_errors[1]).Kind);
        AssertKeyNowhere();
    }

    [Fact]
    public async Task DataUrisAreShortenedInDebugLines()
    {
        var png = ImageInspectorTests.Png(1920, 1080);
        var payload = Convert.ToBase64String(png.Concat(new byte[3000]).ToArray());
        var request = new NewAvatarRequest { Name = "Data URI", ImageDataUri = "data:image/png;base64," + payload };
        var client = Client();

        var avatar = await client.CreateAvatarAsync(request, _log, default);

        Assert.Equal(1920, avatar.Width);
        var journal = await ClientFactory.JournalAtLeast(_server, 1, TimeSpan.FromSeconds(10));
        Assert.Contains(payload, Assert.Single(journal).Body); // the whole image was sent
        var debug = string.Join("\n", _log.Of("Debug"));
        Assert.Contains($"data:image/png;base64,…({payload.Length} characters)", debug);
        Assert.DoesNotContain(payload.Substring(0, 40), debug);
        AssertKeyNowhere();
    }

    [Fact]
    public async Task LongBodiesAreCutInDebugLinesAndMessages()
    {
        var longName = new string('n', 20000);
        var avatar = "{\"id\":\"long-1\",\"name\":\"" + longName + "\"}";
        var page = "<html><body>" + string.Concat(Enumerable.Repeat("<p>Service unavailable, please wait.</p>\n", 500)) + "</body></html>";
        _server.AddFault(new SandboxFault { Method = "GET", Path = "/avatars/*", Kind = SandboxFaultKind.Body, StatusCode = 200, Body = avatar });
        _server.AddFault(new SandboxFault { Method = "GET", Path = "/avatars", Kind = SandboxFaultKind.Body, StatusCode = 200, Body = page, ContentType = "text/html" });
        var client = Client();

        var read = await client.GetAvatarAsync("long-1", _log, default);
        await Capture(() => client.ListAvatarsAsync(new AvatarListFilter(), _log, default));

        Assert.Equal(20000, read.Name.Length); // the object keeps everything
        var responses = _log.Of("Debug").Where(l => l.StartsWith("HTTP response", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, responses.Count);
        Assert.All(responses, l => Assert.InRange(l.Length, 1, 4100));
        // The avatar's body is shown cut; the list is read as it arrives and never held, so only its headers show.
        Assert.Matches(@"… \(\d+ more characters\)$", responses[0]);
        Assert.DoesNotContain("<p>", responses[1]);
        var message = Assert.Single(_errors).Message;
        Assert.Contains("an HTML page", message);
        Assert.InRange(message.Length, 100, 600);
        Assert.DoesNotContain("\n", message); // the excerpt is one line
        AssertKeyNowhere();
    }
}

public class RedactorTests
{
    private static readonly ApiKey Key = new("  secret-key-ABCDEFGH-1234  ");

    [Fact]
    public void TheKeyIsReplacedWherever()
    {
        Assert.Equal("a *** b ***", Redactor.Redact("a secret-key-ABCDEFGH-1234 b secret-key-ABCDEFGH-1234", Key));
    }

    [Theory]
    [InlineData("{\"password\":\"hunter2\"}", "{\"password\":\"***\"}")]
    [InlineData("{\"apiKey\" : \"abc\\\"def\"}", "{\"apiKey\" : \"***\"}")]
    [InlineData("{\"X-API-KEY\":\"v\",\"token\":\"t\",\"name\":\"kept\"}", "{\"X-API-KEY\":\"***\",\"token\":\"***\",\"name\":\"kept\"}")]
    [InlineData("{\"authorization\":\"Bearer x\"}", "{\"authorization\":\"***\"}")]
    public void SecretLookingFieldsAreMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text, null));
    }

    [Fact]
    public void DataUrisAreShortenedButShortOnesKept()
    {
        var data = new string('A', 100);
        Assert.Equal("x data:image/webp;base64,…(100 characters) y", Redactor.Redact($"x data:image/webp;base64,{data} y", null));
        Assert.Equal("data:image/png;base64,QUJD", Redactor.Redact("data:image/png;base64,QUJD", null));
    }

    [Fact]
    public void CutAndExcerpt()
    {
        Assert.Equal("abc… (3 more characters)", Redactor.Cut("abcdef", 3));
        Assert.Equal("abcdef", Redactor.Cut("abcdef", 6));
        Assert.Equal("(empty body)", Redactor.Excerpt("  \n ", Key));
        Assert.Equal("(empty body)", Redactor.Excerpt(null, Key));
        Assert.Equal("a b c ***", Redactor.Excerpt(" a\r\n b\t\tc secret-key-ABCDEFGH-1234 ", Key));
        Assert.Equal("", Redactor.Redact(null, Key));
    }

    [Fact]
    public void TheKeyShowsOnlyAsItsFingerprint()
    {
        Assert.Equal("secret-key-ABCDEFGH-1234", Key.Reveal());
        Assert.Equal("…1234", Key.ToString());
        Assert.Equal("…1234", $"{Key}");
        Assert.Equal("…", new ApiKey("short").Fingerprint); // too short to show any of it
        Assert.Throws<ArgumentException>(() => new ApiKey("   "));
    }
}
