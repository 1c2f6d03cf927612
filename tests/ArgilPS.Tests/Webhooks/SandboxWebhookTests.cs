using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using Xunit;

namespace ArgilPS.Tests.Webhooks;

/// <summary>The sandbox's webhook endpoints over raw HTTP, checked against argil-api.md §8.</summary>
public sealed class SandboxWebhookTests : IDisposable
{
    private readonly SandboxServer _server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private async Task<(int Status, string Body, string? ContentType)> Send(string method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_server.BaseUri, path.TrimStart('/')));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Add("x-api-key", _server.ApiKey);
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> Create(string json)
    {
        var (status, body, _) = await Send("POST", "webhooks", json);
        Assert.Equal(201, status);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task PostAnswers201WithTheWebhookObjectAndGetListsABareArray()
    {
        var created = await Create("{\"callbackUrl\":\"https://h.example.com/a\",\"events\":[\"VIDEO_GENERATION_SUCCESS\"]}");
        Assert.Equal(new[] { "callbackUrl", "createdAt", "events", "id", "lastTriggeredAt", "updatedAt" }, created.EnumerateObject().Select(p => p.Name).OrderBy(n => n));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("lastTriggeredAt").ValueKind);
        var (status, body, _) = await Send("GET", "webhooks");
        Assert.Equal(200, status);
        var list = JsonDocument.Parse(body).RootElement;
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.Equal(created.GetProperty("id").GetString(), Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("{\"events\":[\"VIDEO_GENERATION_SUCCESS\"]}", "callbackUrl is required")]
    [InlineData("{\"callbackUrl\":\"https://h.example.com\"}", "events is required")]
    [InlineData("{\"callbackUrl\":\"https://h.example.com\",\"events\":[]}", "events must have at least 1 item")]
    [InlineData("{\"callbackUrl\":\"https://h.example.com\",\"events\":[\"VIDEO_DELETED\"]}", "events must contain only AVATAR_TRAINING_SUCCESS")]
    [InlineData("{\"callbackUrl\":\"https://h.example.com\",\"events\":\"VIDEO_GENERATION_SUCCESS\"}", "events must be an array")]
    [InlineData("{\"callbackUrl\":\"http://h.example.com\",\"events\":[\"VIDEO_GENERATION_SUCCESS\"]}", "callbackUrl must be an https URL")]
    [InlineData("{\"callbackUrl\":\"not a url\",\"events\":[\"VIDEO_GENERATION_SUCCESS\"]}", "callbackUrl must be an absolute URL")]
    [InlineData("{\"callbackUrl\":5,\"events\":[\"VIDEO_GENERATION_SUCCESS\"]}", "callbackUrl must be a string")]
    [InlineData("{\"callbackUrl\":\"https://h.example.com\",\"events\":[\"VIDEO_GENERATION_SUCCESS\"],\"filters\":{\"videoId\":\"v\"}}", "property 'filters' is not allowed")]
    [InlineData("[]", "the body must be a JSON object")]
    [InlineData("{", "the body is not valid JSON")]
    public async Task PostRefusesWhatTheReferenceRefusesWith400(string json, string problem)
    {
        var (status, body, _) = await Send("POST", "webhooks", json);
        Assert.Equal(400, status);
        var error = JsonDocument.Parse(body).RootElement;
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.StartsWith("Validation error: " + problem, error.GetProperty("message").GetString());
        Assert.Equal("[]", (await Send("GET", "webhooks")).Body);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost:9/hook")]
    [InlineData("http://[::1]:9/hook")]
    public async Task PostTakesLoopbackHttp(string url) =>
        await Create($"{{\"callbackUrl\":\"{url}\",\"events\":[\"AVATAR_TRAINING_SUCCESS\"]}}");

    [Fact]
    public async Task PutChangesOnlyWhatIsGivenAndChecksItsBody()
    {
        var id = (await Create("{\"callbackUrl\":\"https://h.example.com/a\",\"events\":[\"VIDEO_GENERATION_SUCCESS\"]}")).GetProperty("id").GetString();
        _server.Clock.Advance(TimeSpan.FromMinutes(1));
        var (status, body, _) = await Send("PUT", $"webhooks/{id}", "{\"events\":[\"AVATAR_TRAINING_FAILED\"]}");
        Assert.Equal(200, status);
        var updated = JsonDocument.Parse(body).RootElement;
        Assert.Equal("https://h.example.com/a", updated.GetProperty("callbackUrl").GetString());
        Assert.Equal("AVATAR_TRAINING_FAILED", Assert.Single(updated.GetProperty("events").EnumerateArray()).GetString());
        Assert.NotEqual(updated.GetProperty("createdAt").GetString(), updated.GetProperty("updatedAt").GetString());

        Assert.Equal(200, (await Send("PUT", $"webhooks/{id}", "{}")).Status);
        Assert.Equal(400, (await Send("PUT", $"webhooks/{id}", "")).Status);
        Assert.Equal("Validation error: property 'secret' is not allowed", Message((await Send("PUT", $"webhooks/{id}", "{\"secret\":\"s\"}")).Body));
        Assert.Equal("Validation error: events must have at least 1 item", Message((await Send("PUT", $"webhooks/{id}", "{\"events\":[]}")).Body));
        Assert.Equal("Validation error: callbackUrl must be an https URL (the sandbox also takes http:// on a loopback address)",
            Message((await Send("PUT", $"webhooks/{id}", "{\"callbackUrl\":\"http://h.example.com\"}")).Body));
        var missing = await Send("PUT", "webhooks/nope", "{\"events\":[\"AVATAR_TRAINING_FAILED\"]}");
        Assert.Equal((404, "{\"code\":404,\"message\":\"Webhook not found\"}"), (missing.Status, missing.Body));
    }

    private static string? Message(string body) => JsonDocument.Parse(body).RootElement.GetProperty("message").GetString();

    [Fact]
    public async Task DeleteAnswers204WithoutABodyThen404()
    {
        var id = (await Create("{\"callbackUrl\":\"https://h.example.com/a\",\"events\":[\"VIDEO_GENERATION_SUCCESS\"]}")).GetProperty("id").GetString();
        var (status, body, _) = await Send("DELETE", $"webhooks/{id}");
        Assert.Equal(204, status);
        Assert.Equal("", body);
        Assert.Equal(404, (await Send("DELETE", $"webhooks/{id}")).Status);
        Assert.Equal("[]", (await Send("GET", "webhooks")).Body);
        Assert.Contains("GET /webhooks", _server.Routes);
        Assert.Contains("DELETE /webhooks/{id}", _server.Routes);
    }

    [Fact]
    public async Task TheLegacySpellingAppliesToWebhooksToo()
    {
        _server.Options.LegacyTimestampSpelling = true;
        var created = await Create("{\"callbackUrl\":\"https://h.example.com/a\",\"events\":[\"VIDEO_GENERATION_SUCCESS\"]}");
        Assert.True(created.TryGetProperty("createAt", out _));
        Assert.False(created.TryGetProperty("createdAt", out _));
    }
}
