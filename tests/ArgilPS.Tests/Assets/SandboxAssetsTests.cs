using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using Xunit;

namespace ArgilPS.Tests.Assets;

/// <summary>
/// The sandbox's /assets routes over raw HTTP with its key, as the API reference documents them
/// (argil-api.md §6): the header paging, the repeated type key, the status default, the upload
/// rules, and the PROCESSING → READY/FAILED lifecycle on the Manual clock.
/// </summary>
public sealed class SandboxAssetsTests : IDisposable
{
    private const int Seeded = SandboxAssets.SeededAudio + SandboxAssets.SeededImages + SandboxAssets.SeededVideos;
    private readonly SandboxServer _server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private sealed record Answer(int Status, string Body, HttpResponseMessage Response)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
        public string? Header(string name) => Response.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : null;
    }

    private async Task<Answer> Send(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, path.TrimStart('/')));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Add("x-api-key", _server.ApiKey);
        var response = await _http.SendAsync(request);
        return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private Task<Answer> Get(string path) => Send(HttpMethod.Get, path);
    private Task<Answer> Post(string body) => Send(HttpMethod.Post, "assets", body);

    private static string Upload(string name = "Clip", string type = "VIDEO", string url = "https://cdn.example/clip.mp4") =>
        JsonSerializer.Serialize(new { name, type, url });

    [Fact]
    public async Task ListsReadyAssetsAsABareArrayWithTheCountsInHeaders()
    {
        var first = await Get("assets");
        Assert.Equal(200, first.Status);
        Assert.Equal(JsonValueKind.Array, first.Json.ValueKind);
        Assert.Equal(20, first.Json.GetArrayLength()); // pageSize defaults to 20
        Assert.Equal(Seeded.ToString(), first.Header("X-Total-Count"));
        Assert.Equal("1", first.Header("X-Page"));
        Assert.Equal("20", first.Header("X-Page-Size"));
        Assert.Equal("2", first.Header("X-Total-Pages"));
        Assert.All(first.Json.EnumerateArray(), a => Assert.Equal("READY", a.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task SmallPagesSplitTheSeededAssetsOverSeveralPagesAndAPagePastTheLastIsEmpty()
    {
        var ids = new System.Collections.Generic.List<string>();
        for (var page = 1; page <= 5; page++)
        {
            var answer = await Get($"assets?page={page}&pageSize=5");
            Assert.Equal("5", answer.Header("X-Total-Pages"));
            Assert.Equal(page.ToString(), answer.Header("X-Page"));
            ids.AddRange(answer.Json.EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
        }
        Assert.Equal(Seeded, ids.Distinct().Count());
        var past = await Get("assets?page=6&pageSize=5");
        Assert.Equal("[]", past.Body);
        Assert.Equal(Seeded.ToString(), past.Header("X-Total-Count"));
    }

    [Theory]
    [InlineData("type=AUDIO", SandboxAssets.SeededAudio)]
    [InlineData("type=IMAGE&type=VIDEO", SandboxAssets.SeededImages + SandboxAssets.SeededVideos)]
    [InlineData("type=VIDEO&type=AUDIO&type=VIDEO", SandboxAssets.SeededVideos + SandboxAssets.SeededAudio)]
    [InlineData("status=READY", Seeded)]
    [InlineData("status=FAILED", 0)]
    public async Task TheTypeKeyRepeatsAndTheStatusFilters(string query, int count)
    {
        var answer = await Get("assets?pageSize=100&" + query);
        Assert.Equal(200, answer.Status);
        Assert.Equal(count, answer.Json.GetArrayLength());
        Assert.Equal(count.ToString(), answer.Header("X-Total-Count"));
    }

    [Theory]
    [InlineData("type=MUSIC", "type must be one of AUDIO, IMAGE, VIDEO (it is 'MUSIC')")]
    [InlineData("type=IMAGE&type=image", "type must be one of AUDIO, IMAGE, VIDEO (it is 'image')")]
    [InlineData("status=DONE", "status must be one of PROCESSING, READY, FAILED")]
    [InlineData("page=0", "page must be an integer of at least 1")]
    [InlineData("page=abc", "page must be an integer of at least 1")]
    [InlineData("pageSize=0", "pageSize must be an integer from 1 to 100")]
    [InlineData("pageSize=101", "pageSize must be an integer from 1 to 100")]
    public async Task AQueryOutsideTheReferenceIsA400WithTheErrorBody(string query, string problem)
    {
        var answer = await Get("assets?" + query);
        Assert.Equal(400, answer.Status);
        Assert.Equal(400, answer.Json.GetProperty("code").GetInt32());
        Assert.Equal("Validation error: " + problem, answer.Json.GetProperty("message").GetString());
    }

    public static TheoryData<string, string> RefusedUploads => new()
    {
        { "[]", "the body must be a JSON object" },
        { """{"type":"IMAGE","url":"https://cdn.example/a.png"}""", "name is required" },
        { Upload(name: ""), "name must have 1 to 256 characters (it has 0)" },
        { Upload(name: new string('n', 257)), "name must have 1 to 256 characters (it has 257)" },
        { """{"name":"A","url":"https://cdn.example/a.png"}""", "type is required" },
        { Upload(type: "AUDIO"), "Audio upload is not supported" },
        { Upload(type: "GIF"), "type must be one of IMAGE, VIDEO" },
        { """{"name":"A","type":"IMAGE"}""", "url is required" },
        { Upload(url: "http://cdn.example/a.png"), "url must be an https URL" },
        { Upload(url: "https://"), "url must be an https URL (it is not a valid URI)" },
        { """{"name":"A","type":"IMAGE","url":"https://cdn.example/a.png","extras":{}}""", "property 'extras' is not allowed" },
        { Upload(url: "https://cdn.example/a.mp4?sandbox-outcome=DONE"), "url: the sandbox knows the sandbox-outcome values READY, FAILED, PROCESSING (as the query parameter sandbox-outcome)" },
    };

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public async Task AnUploadOutsideTheReferenceIsA400AndStoresNothing(string body, string problem)
    {
        var answer = await Post(body);
        Assert.Equal(400, answer.Status);
        Assert.Equal("Validation error: " + problem, answer.Json.GetProperty("message").GetString());
        Assert.Equal("0", (await Get("assets?status=PROCESSING")).Header("X-Total-Count"));
    }

    [Fact]
    public async Task AnUploadIs201ProcessingWithoutAFileThenReadyOnTheSandboxClock()
    {
        var name = string.Concat(Enumerable.Repeat("\U0001F3AC", 256)); // 256 characters, 512 UTF-16 units
        var created = await Post(Upload(name: name, url: "https://cdn.example/clips/intro.mp4"));
        Assert.Equal(201, created.Status);
        var id = created.Json.GetProperty("id").GetString()!;
        Assert.Equal(name, created.Json.GetProperty("name").GetString());
        Assert.Equal("PROCESSING", created.Json.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, created.Json.GetProperty("fileUrl").ValueKind);

        // Hidden from the default (READY) list, listed with status=PROCESSING.
        Assert.DoesNotContain(id, (await Get("assets?pageSize=100")).Body);
        Assert.Contains(id, (await Get("assets?status=PROCESSING")).Body);

        _server.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("PROCESSING", (await Get("assets/" + id)).Json.GetProperty("status").GetString());
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        var ready = (await Get("assets/" + id)).Json;
        Assert.Equal("READY", ready.GetProperty("status").GetString());
        Assert.EndsWith("/intro.mp4", ready.GetProperty("fileUrl").GetString());
        Assert.Contains(id, (await Get("assets?type=VIDEO")).Body);
    }

    [Theory]
    [InlineData("FAILED", "FAILED")]
    [InlineData("PROCESSING", "PROCESSING")]
    [InlineData("READY", "READY")]
    public async Task TheUrlsSandboxOutcomeDecidesHowProcessingEnds(string outcome, string status)
    {
        var id = (await Post(Upload(type: "IMAGE", url: $"https://cdn.example/a.png?w=1&sandbox-outcome={outcome}"))).Json.GetProperty("id").GetString()!;
        _server.Clock.Advance(TimeSpan.FromHours(1));
        var asset = (await Get("assets/" + id)).Json;
        Assert.Equal(status, asset.GetProperty("status").GetString());
        Assert.Equal(status == "READY", asset.GetProperty("fileUrl").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task AnUnknownIdIs404AndDeleteIsNotEmulated()
    {
        var missing = await Get("assets/nope");
        Assert.Equal(404, missing.Status);
        Assert.Equal("Asset not found", missing.Json.GetProperty("message").GetString());
        var delete = await Send(HttpMethod.Delete, "assets/" + SandboxAssets.SeedId(1));
        Assert.Equal(404, delete.Status);
        Assert.Contains("takes GET, not DELETE", delete.Json.GetProperty("message").GetString());
        Assert.Equal("READY", (await Get("assets/" + SandboxAssets.SeedId(1))).Json.GetProperty("status").GetString());
    }

    [Fact]
    public void TheSandboxRoutesTheAssetEndpoints() =>
        Assert.Equal(new[] { "GET /assets", "POST /assets", "GET /assets/{id}" }, _server.Routes.Where(r => r.Contains(" /assets")));

    [Fact]
    public async Task TheMusicLibraryIsSeededAsReadyAudioWithFiles()
    {
        var music = (await Get("assets?type=AUDIO&pageSize=100")).Json.EnumerateArray().ToList();
        Assert.Equal(SandboxAssets.SeededAudio, music.Count);
        Assert.All(music, m =>
        {
            Assert.Equal("AUDIO", m.GetProperty("type").GetString());
            Assert.EndsWith(".mp3", m.GetProperty("fileUrl").GetString());
            Assert.True(m.TryGetProperty("createdAt", out _));
        });
    }
}
