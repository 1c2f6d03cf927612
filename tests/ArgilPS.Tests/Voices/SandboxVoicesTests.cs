using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using Xunit;

namespace ArgilPS.Tests.Voices;

/// <summary>
/// The sandbox's voice endpoints over raw HTTP with its key, as argil-api.md §4 documents them:
/// bodies and queries the reference refuses are 400 with the documented Error body {code, message}.
/// </summary>
public sealed class SandboxVoicesTests : IDisposable
{
    private readonly SandboxServer _server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private async Task<(int Status, JsonElement Body)> Send(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, path));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Add("x-api-key", _server.ApiKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string[] Names(JsonElement list) => list.EnumerateArray().Select(v => v.GetProperty("name").GetString()!).ToArray();

    private static void AssertError(int expectedStatus, string expectedMessage, (int Status, JsonElement Body) answer)
    {
        Assert.Equal(expectedStatus, answer.Status);
        Assert.Equal(new[] { "code", "message" }, answer.Body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expectedStatus, answer.Body.GetProperty("code").GetInt32());
        Assert.Equal(expectedMessage, answer.Body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task TheSeededPublicVoicesHaveSeveralLanguagesBothGendersAndOneWithNeither()
    {
        var (status, list) = await Send(HttpMethod.Get, "voices");
        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        var voices = list.EnumerateArray().ToList();
        Assert.True(voices.Count >= 6);
        Assert.True(voices.Select(v => v.GetProperty("language").ToString()).Where(l => l.Length > 0).Distinct().Count() >= 3);
        Assert.Contains(voices, v => v.GetProperty("gender").ToString() == "MALE");
        Assert.Contains(voices, v => v.GetProperty("gender").ToString() == "FEMALE");
        var neither = Assert.Single(voices, v => v.GetProperty("language").ValueKind == JsonValueKind.Null);
        Assert.Equal(JsonValueKind.Null, neither.GetProperty("gender").ValueKind);
        // The Voice object of §4.1, field for field.
        Assert.Equal(new[] { "id", "name", "createdAt", "updatedAt", "status", "sampleUrl", "language", "gender" }, voices[0].EnumerateObject().Select(p => p.Name));
        Assert.All(voices, v => Assert.Equal("IDLE", v.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task TheListIsFilteredByLanguageGenderAndVisibility()
    {
        var (_, english) = await Send(HttpMethod.Get, "voices?language=ENGLISH");
        Assert.All(english.EnumerateArray(), v => Assert.Equal("ENGLISH", v.GetProperty("language").GetString()));
        Assert.Equal(2, english.GetArrayLength());
        var (_, femaleFrench) = await Send(HttpMethod.Get, "voices?language=FRENCH&gender=FEMALE");
        Assert.Equal(new[] { "Sandbox Camille" }, Names(femaleFrench));
        var (_, privateBefore) = await Send(HttpMethod.Get, "voices?visibility=private");
        Assert.Equal(0, privateBefore.GetArrayLength());
        await Send(HttpMethod.Post, "voices", "{\"name\":\"Mine\",\"audioUrl\":\"https://e.example/a.mp3\"}");
        var (_, privateAfter) = await Send(HttpMethod.Get, "voices?visibility=private");
        Assert.Equal(new[] { "Mine" }, Names(privateAfter));
        var (_, publicOnes) = await Send(HttpMethod.Get, "voices?visibility=public");
        Assert.DoesNotContain("Mine", Names(publicOnes));
    }

    [Theory]
    [InlineData("language=english", "language must be one of ENGLISH, SPANISH, FRENCH, PORTUGUESE, BRAZILIAN_PORTUGUESE, GERMAN, RUSSIAN, HINDI, CHINESE, DUTCH, ARABIC")]
    [InlineData("language=JAPANESE", "language must be one of ENGLISH, SPANISH, FRENCH, PORTUGUESE, BRAZILIAN_PORTUGUESE, GERMAN, RUSSIAN, HINDI, CHINESE, DUTCH, ARABIC")]
    [InlineData("gender=OTHER", "gender must be one of MALE, FEMALE")]
    [InlineData("visibility=PUBLIC", "visibility must be one of public, private")]
    public async Task AFilterOutsideItsEnumIs400(string query, string problem)
    {
        AssertError(400, "Validation error: " + problem, await Send(HttpMethod.Get, "voices?" + query));
    }

    [Fact]
    public async Task GetByIdAnswersTheVoiceOrTheDocumented404()
    {
        var (status, voice) = await Send(HttpMethod.Get, "voices/00000000-0000-4000-8000-100000000003");
        Assert.Equal(200, status);
        Assert.Equal("Sandbox Camille", voice.GetProperty("name").GetString());
        AssertError(404, "Voice not found", await Send(HttpMethod.Get, "voices/no-such-voice"));
        // GET of the sync path is a voice id like any other, not the sync.
        AssertError(404, "Voice not found", await Send(HttpMethod.Get, "voices/sync"));
    }

    [Fact]
    public async Task ANewVoiceIs201PrivateAndIdleAtOnceWithoutLanguageOrGender()
    {
        var (status, voice) = await Send(HttpMethod.Post, "voices",
            "{\"name\":\"My Custom Voice\",\"audioUrl\":\"https://example.com/my-audio.mp3\",\"modelId\":\"eleven_v3\",\"voiceStability\":0,\"voiceSimilarity\":1," +
            "\"voiceStyle\":0.5,\"voiceSpeed\":0.7,\"speakerBoost\":true,\"languageBoost\":\"auto\",\"emotion\":\"neutral\"}");
        Assert.Equal(201, status);
        Assert.Equal("IDLE", voice.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, voice.GetProperty("language").ValueKind);
        Assert.Equal(JsonValueKind.Null, voice.GetProperty("gender").ValueKind);
        var id = voice.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        var (_, fetched) = await Send(HttpMethod.Get, "voices/" + id);
        Assert.Equal("My Custom Voice", fetched.GetProperty("name").GetString());
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "not json", "the body is not valid JSON" },
        { "[]", "the body must be a JSON object" },
        { "{\"audioUrl\":\"https://e.example/a.mp3\"}", "name is required" },
        { "{\"name\":\"\",\"audioUrl\":\"https://e.example/a.mp3\"}", "name must have 1 to 256 characters (it has 0)" },
        { "{\"name\":\"" + new string('n', 257) + "\",\"audioUrl\":\"https://e.example/a.mp3\"}", "name must have 1 to 256 characters (it has 257)" },
        { "{\"name\":3,\"audioUrl\":\"https://e.example/a.mp3\"}", "name must be a string" },
        { "{\"name\":\"N\"}", "audioUrl is required" },
        { "{\"name\":\"N\",\"audioUrl\":\"http://e.example/a.mp3\"}", "audioUrl must be an https URL" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://\"}", "audioUrl must be an https URL (it is not a valid URI)" },
        { "{\"name\":\"N\",\"audioUrl\":null}", "audioUrl must be a string" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"voiceId\":\"x\"}", "property 'voiceId' is not allowed" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"modelId\":\"eleven_v9\"}", "modelId must be one of eleven_v3, eleven_multilingual_v2, eleven_multilingual_v1, eleven_monolingual_v1, eleven_turbo_v2, eleven_turbo_v2_5, eleven_flash_v2_5, speech-2.8-hd, speech-2.8-turbo, speech-2.6-hd, speech-2.6-turbo, speech-2.5-hd-preview, speech-2.5-turbo-preview, speech-02-hd, speech-02-turbo" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"modelId\":null}", "modelId must be a string" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"voiceStability\":1.01}", "voiceStability must be between 0.0 and 1.0" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"voiceSimilarity\":-0.1}", "voiceSimilarity must be between 0.0 and 1.0" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"voiceStyle\":\"0.5\"}", "voiceStyle must be a number" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"voiceSpeed\":0.69}", "voiceSpeed must be between 0.7 and 1.2" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"voiceSpeed\":1.21}", "voiceSpeed must be between 0.7 and 1.2" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"speakerBoost\":\"true\"}", "speakerBoost must be a boolean" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"languageBoost\":\"\"}", "languageBoost must have 1 to 256 characters (it has 0)" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"emotion\":\"HAPPY\"}", "emotion must be one of auto, happy, sad, angry, fearful, disgusted, surprised, neutral" },
        { "{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.mp3\",\"emotion\":\"bored\"}", "emotion must be one of auto, happy, sad, angry, fearful, disgusted, surprised, neutral" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ANewVoiceBodyTheReferenceRefusesIs400AndCreatesNothing(string json, string problem)
    {
        AssertError(400, "Validation error: " + problem, await Send(HttpMethod.Post, "voices", json));
        var (_, mine) = await Send(HttpMethod.Get, "voices?visibility=private");
        Assert.Equal(0, mine.GetArrayLength());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"providerName\":\"ELEVEN_LABS\"}")]
    public async Task SyncOfTheConnectedProviderAnswersItsConnectionSyncing(string body)
    {
        var (status, list) = await Send(HttpMethod.Post, "voices/sync", body.Length == 0 ? null : body);
        Assert.Equal(200, status);
        var connection = Assert.Single(list.EnumerateArray());
        Assert.Equal(new[] { "id", "providerName", "connectionName", "syncStatus" }, connection.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ELEVEN_LABS", connection.GetProperty("providerName").GetString());
        Assert.Equal("SYNCING", connection.GetProperty("syncStatus").GetString());
    }

    [Fact]
    public async Task TheFirstSyncImportsTheProvidersVoiceIntoTheWorkspaceOnce()
    {
        await Send(HttpMethod.Post, "voices/sync");
        await Send(HttpMethod.Post, "voices/sync");
        var (_, mine) = await Send(HttpMethod.Get, "voices?visibility=private");
        Assert.Equal(new[] { "Sandbox ElevenLabs import" }, Names(mine));
    }

    [Theory]
    [InlineData("{\"providerName\":\"MINIMAX\"}", "no MINIMAX voice provider is connected to this workspace; connect one in the Argil dashboard")]
    [InlineData("{\"providerName\":\"eleven_labs\"}", "providerName must be one of ELEVEN_LABS, MINIMAX")]
    [InlineData("{\"providerName\":null}", "providerName must be a string")]
    [InlineData("{\"provider\":\"MINIMAX\"}", "property 'provider' is not allowed")]
    [InlineData("[\"MINIMAX\"]", "the body must be a JSON object")]
    public async Task SyncRefusesAProviderThatIsNotConnectedOrABadBody(string body, string problem)
    {
        AssertError(400, "Validation error: " + problem, await Send(HttpMethod.Post, "voices/sync", body));
    }

    [Fact]
    public async Task TheVoiceRoutesAreInTheRouteTableAndOtherMethodsAre404()
    {
        Assert.Contains("GET /voices", _server.Routes);
        Assert.Contains("POST /voices", _server.Routes);
        Assert.Contains("GET /voices/{id}", _server.Routes);
        Assert.Contains("POST /voices/sync", _server.Routes);
        AssertError(404, "Not found: /voices/{id} takes GET, not DELETE", await Send(HttpMethod.Delete, "voices/00000000-0000-4000-8000-100000000001"));
    }

    [Fact]
    public async Task TheLegacySpellingOptionAppliesToVoices()
    {
        _server.Options.LegacyTimestampSpelling = true;
        var (_, voice) = await Send(HttpMethod.Get, "voices/00000000-0000-4000-8000-100000000001");
        Assert.True(voice.TryGetProperty("createAt", out _));
        Assert.False(voice.TryGetProperty("createdAt", out _));
    }

    [Fact]
    public async Task AFaultAnswersAVoiceRouteInsteadOfTheSandbox()
    {
        _server.AddFault(new SandboxFault { Method = "POST", Path = "/voices/sync", StatusCode = 503, Count = 1 });
        AssertError(503, "Service unavailable", await Send(HttpMethod.Post, "voices/sync"));
        var (status, _) = await Send(HttpMethod.Post, "voices/sync");
        Assert.Equal(200, status);
        Assert.Equal(new[] { 503, 200 }, _server.Journal.Select(r => r.StatusCode));
        Assert.Equal("/voices/sync", _server.Journal[0].Path);
        Assert.NotNull(_server.Journal[0].Fault);
    }
}
