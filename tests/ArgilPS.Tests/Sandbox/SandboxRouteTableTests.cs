using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using Xunit;

namespace ArgilPS.Tests.Sandbox;

public class SandboxRouteTableTests
{
    private static SandboxAnswer Named(string name) => new(200, name);

    private static SandboxRouteTable Table() => new SandboxRouteTable()
        .Map("GET", "/voices", _ => Named("list"))
        .Map("POST", "/voices", _ => Named("create"))
        .Map("GET", "/voices/{id}", c => Named("get " + c["id"]))
        .Map("POST", "/voices/sync", _ => Named("sync"))
        .Map("GET", "/subtitles/videos/{videoProjectId}/export", c => Named("export " + c["videoProjectId"]));

    [Theory]
    [InlineData("GET", "/voices", "list")]
    [InlineData("GET", "/voices/", "list")] // one trailing slash is allowed
    [InlineData("POST", "/voices", "create")]
    [InlineData("GET", "/voices/3c90c3cc", "get 3c90c3cc")]
    [InlineData("GET", "/voices/a%2Fb", "get a/b")] // an escaped slash stays in its segment
    [InlineData("GET", "/voices/%7Bid%7D", "get {id}")]
    [InlineData("GET", "/voices/sync", "get sync")] // sync is a POST: GET reads it as an id
    [InlineData("POST", "/voices/sync", "sync")] // the literal segment wins over {id}
    [InlineData("GET", "/subtitles/videos/v%201/export", "export v 1")]
    public void ATemplateMatchesItsPathsAndUnescapesParameters(string method, string path, string handled)
    {
        var match = Table().Match(method, path);
        Assert.Equal(SandboxRouteOutcome.Found, match.Outcome);
        Assert.Equal(handled, match.Handler!(new SandboxCall(method, match.Parameters, new System.Collections.Generic.Dictionary<string, string>(), "")).Body);
    }

    [Theory]
    [InlineData("/videos")]
    [InlineData("/voices/1/2")]
    [InlineData("/voices//")]
    [InlineData("//voices")]
    [InlineData("/Voices")] // literal segments are compared exactly
    [InlineData("voices")]
    [InlineData("/subtitles/videos//export")] // an empty segment is no value
    [InlineData("/")]
    public void AnUnknownPathIsNotFound(string path)
    {
        var match = Table().Match("GET", path);
        Assert.Equal(SandboxRouteOutcome.NotFound, match.Outcome);
        Assert.Null(match.Handler);
    }

    [Theory]
    [InlineData("DELETE", "/voices/1", "/voices/{id}", "GET")]
    [InlineData("PUT", "/voices", "/voices", "GET,POST")]
    [InlineData("get", "/voices", "/voices", "GET,POST")] // methods are case-sensitive
    public void AKnownPathWithAnotherMethodSaysWhichMethodsItTakes(string method, string path, string template, string allowed)
    {
        var match = Table().Match(method, path);
        Assert.Equal(SandboxRouteOutcome.MethodNotAllowed, match.Outcome);
        Assert.Equal(template, match.Template);
        Assert.Equal(allowed, string.Join(",", match.AllowedMethods));
    }

    [Fact]
    public void ARouteIsAddedOnceAndTemplatesAreChecked()
    {
        var table = Table();
        Assert.Throws<InvalidOperationException>(() => table.Map("GET", "/voices/{voiceId}", _ => Named("again")));
        Assert.Throws<ArgumentException>(() => table.Map("get", "/x", _ => Named("x")));
        Assert.Throws<ArgumentException>(() => table.Map("GET", "x", _ => Named("x")));
        Assert.Throws<ArgumentException>(() => table.Map("GET", "/a//b", _ => Named("x")));
        Assert.Throws<ArgumentException>(() => table.Map("GET", "/a/{b", _ => Named("x")));
        Assert.Equal(5, table.Routes.Count);
    }
}

/// <summary>What a client sees of the route table over HTTP, with the sandbox's key.</summary>
public sealed class SandboxRoutingTests : IDisposable
{
    private readonly SandboxServer _server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private async Task<(int Status, int Code, string Message, string Body)> Send(string method, string relative)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), _server.BaseUri.GetLeftPart(UriPartial.Authority) + relative);
        request.Headers.Add("x-api-key", _server.ApiKey);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode == 200) return (200, 0, "", body);
        using var json = JsonDocument.Parse(body);
        return ((int)response.StatusCode, json.RootElement.GetProperty("code").GetInt32(), json.RootElement.GetProperty("message").GetString()!, body);
    }

    [Fact]
    public void TheSandboxRoutesTheAvatarEndpoints()
    {
        // Other resources add their own routes; these are the avatars'.
        Assert.Equal(new[] { "GET /avatars", "POST /avatars", "GET /avatars/{id}" }, _server.Routes.Where(r => r.Split(' ')[1].StartsWith("/avatars", StringComparison.Ordinal)));
        Assert.Equal(new[] { "GET /webhooks", "POST /webhooks", "PUT /webhooks/{id}", "DELETE /webhooks/{id}" }, _server.Routes.Where(r => r.Contains(" /webhooks")));
    }

    [Theory]
    [InlineData("GET", "/v1/videos/1/comments")]
    [InlineData("GET", "/v1/avatars/1/gestures")]
    [InlineData("GET", "/avatars")] // outside /v1
    [InlineData("POST", "/v1/accounts")]
    public async Task AnUnknownPathIs404WithTheDocumentedErrorBody(string method, string path)
    {
        var (status, code, message, _) = await Send(method, path);
        Assert.Equal((404, 404, "Not found"), (status, code, message));
        Assert.Equal(404, Assert.Single(_server.Journal).StatusCode);
    }

    [Theory]
    [InlineData("DELETE", "/v1/avatars/00000000-0000-4000-8000-000000000001", "/avatars/{id} takes GET, not DELETE")]
    [InlineData("PUT", "/v1/avatars", "/avatars takes GET, POST, not PUT")]
    public async Task AnotherMethodOnAKnownPathIs404NamingTheMethodsItTakes(string method, string path, string said)
    {
        // The API reference documents no 405; an unrouted method is 404, as Node frameworks answer it.
        var (status, code, message, _) = await Send(method, path);
        Assert.Equal((404, 404), (status, code));
        Assert.Equal("Not found: " + said, message);
    }

    [Fact]
    public async Task AnEscapedIdReachesTheAvatarsHandlerUnescaped()
    {
        // %2F is not a path separator: the id "a/b" is looked up, and is not an avatar.
        var (status, _, message, _) = await Send("GET", "/v1/avatars/a%2Fb");
        Assert.Equal((404, "Avatar not found"), (status, message));
        var (found, _, _, body) = await Send("GET", "/v1/avatars/00000000-0000-4000-8000-00000000000%31");
        Assert.Equal(200, found);
        Assert.Equal("00000000-0000-4000-8000-000000000001", JsonDocument.Parse(body).RootElement.GetProperty("id").GetString());
    }
}
