using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Tests.Core;
using ArgilPS.Voices;
using Xunit;

namespace ArgilPS.Tests.Voices;

/// <summary>The voice operations on the wire: the requests as argil-api.md §4 documents them, and lenient reading of the answers.</summary>
public class VoiceClientTests
{
    private sealed class Capture
    {
        public readonly List<(string Method, string Path, string Body, string? ContentType)> Requests = new();
    }

    private static (VoicesApi Api, Capture Capture) Stub(int status, string answer)
    {
        var capture = new Capture();
        var handler = new StubHandler(request =>
        {
            var body = request.Content is null ? "" : request.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            capture.Requests.Add((request.Method.Method, request.RequestUri!.PathAndQuery, body, request.Content?.Headers.ContentType?.MediaType));
            return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        });
        return (new VoicesApi(ClientFactory.WithStub(handler).Http), capture);
    }

    private const string OneVoice = "{\"id\":\"v1\",\"name\":\"Emma\",\"status\":\"IDLE\",\"language\":\"ENGLISH\",\"gender\":\"FEMALE\",\"sampleUrl\":\"https://s/1.mp3\",\"createdAt\":\"2025-01-02T03:04:05.000Z\",\"updatedAt\":\"2025-01-03T00:00:00Z\"}";

    [Fact]
    public async Task ANewVoiceWithOnlyItsNameAndAudioSendsExactlyThoseTwoFields()
    {
        var (api, capture) = Stub(201, OneVoice);
        await api.CreateVoiceAsync(new NewVoiceRequest { Name = "My Custom Voice", AudioUrl = "https://example.com/my-audio.mp3" }, NullRequestLog.Instance, default);
        var request = Assert.Single(capture.Requests);
        Assert.Equal(("POST", "/v1/voices"), (request.Method, request.Path));
        // The reference's own example body, byte for byte: no null keys, nothing added.
        Assert.Equal("{\"name\":\"My Custom Voice\",\"audioUrl\":\"https://example.com/my-audio.mp3\"}", request.Body);
        Assert.Equal("application/json", request.ContentType);
    }

    [Fact]
    public async Task EverySettingGoesUnderItsDocumentedNameWithNumbersAsWritten()
    {
        var (api, capture) = Stub(201, OneVoice);
        var body = new NewVoiceRequest
        {
            Name = "N", AudioUrl = "https://e.example/a.wav", ModelId = "eleven_multilingual_v2",
            Stability = 0.7, Similarity = 0.1, Style = 0, Speed = 1.2, SpeakerBoost = false, LanguageBoost = "auto", Emotion = "happy",
        };
        await api.CreateVoiceAsync(body, NullRequestLog.Instance, default);
        Assert.Equal("{\"name\":\"N\",\"audioUrl\":\"https://e.example/a.wav\",\"modelId\":\"eleven_multilingual_v2\",\"voiceStability\":0.7,\"voiceSimilarity\":0.1," +
            "\"voiceStyle\":0,\"voiceSpeed\":1.2,\"speakerBoost\":false,\"languageBoost\":\"auto\",\"emotion\":\"happy\"}", capture.Requests.Single().Body);
    }

    [Fact]
    public async Task SyncSendsNoBodyForAllProvidersAndOnlyProviderNameForOne()
    {
        const string answer = "[{\"id\":\"c1\",\"providerName\":\"ELEVEN_LABS\",\"connectionName\":null,\"syncStatus\":\"SYNCING\",\"extra\":1}]";
        var (api, capture) = Stub(200, answer);
        var all = await api.SyncVoicesAsync(null, NullRequestLog.Instance, default);
        await api.SyncVoicesAsync("MINIMAX", NullRequestLog.Instance, default);
        Assert.Equal(("POST", "/v1/voices/sync", ""), (capture.Requests[0].Method, capture.Requests[0].Path, capture.Requests[0].Body));
        Assert.Equal("{\"providerName\":\"MINIMAX\"}", capture.Requests[1].Body);
        var sync = Assert.Single(all);
        Assert.Equal(("c1", "ELEVEN_LABS", null, "SYNCING"), (sync.Id, sync.ProviderName, sync.ConnectionName, sync.SyncStatus));
        Assert.Equal("c1", sync.ToString());
    }

    [Fact]
    public async Task TheListSendsOnlyTheFiltersGiven()
    {
        var (api, capture) = Stub(200, "[]");
        await api.ListVoicesAsync(new VoiceListFilter(), NullRequestLog.Instance, default);
        await api.ListVoicesAsync(new VoiceListFilter { Language = "BRAZILIAN_PORTUGUESE", Gender = "MALE", Visibility = "private" }, NullRequestLog.Instance, default);
        Assert.Equal("/v1/voices", capture.Requests[0].Path);
        Assert.Equal("/v1/voices?language=BRAZILIAN_PORTUGUESE&gender=MALE&visibility=private", capture.Requests[1].Path);
    }

    [Fact]
    public async Task AVoiceIsReadWithEveryDocumentedField()
    {
        var (api, capture) = Stub(200, OneVoice);
        var voice = await api.GetVoiceAsync("v1", NullRequestLog.Instance, default);
        Assert.Equal("/v1/voices/v1", capture.Requests.Single().Path);
        Assert.Equal(("v1", "Emma", "IDLE", "ENGLISH", "FEMALE", "https://s/1.mp3"), (voice.Id, voice.Name, voice.Status, voice.Language, voice.Gender, voice.SampleUrl));
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), voice.CreatedAt);
        Assert.Equal(new DateTime(2025, 1, 3, 0, 0, 0, DateTimeKind.Utc), voice.UpdatedAt);
        Assert.Equal("v1", voice.ToString());
    }

    [Fact]
    public async Task AnIdIsSentAsOnePathSegment()
    {
        var (api, capture) = Stub(200, OneVoice);
        await api.GetVoiceAsync("a/b?c", NullRequestLog.Instance, default);
        Assert.Equal("/v1/voices/a%2Fb%3Fc", capture.Requests.Single().Path);
        var refused = await Assert.ThrowsAsync<ArgilApiException>(() => api.GetVoiceAsync("..", NullRequestLog.Instance, default));
        Assert.Equal(ApiFailureKind.InvalidRequest, refused.Kind);
        Assert.Single(capture.Requests);
    }

    [Fact]
    public async Task A404NamesTheVoiceAndAdvisesListingThem()
    {
        var (api, _) = Stub(404, "{\"code\":404,\"message\":\"Voice not found\"}");
        var e = await Assert.ThrowsAsync<ArgilApiException>(() => api.GetVoiceAsync("nope", NullRequestLog.Instance, default));
        Assert.Equal(ApiFailureKind.NotFound, e.Kind);
        Assert.Contains("No voice with id 'nope' was found", e.Message);
        Assert.Equal("Voice", e.Resource);
        Assert.Equal("List the voices you can use with Get-ArgilVoice.", ArgilPS.Commands.ErrorMapping.Advised(e).RecommendedAction);
    }

    [Fact]
    public async Task ANewVoiceIsNotSentAgainAfterA500AndTheFailureSaysItMayExist()
    {
        var calls = 0;
        var handler = new StubHandler(_ =>
        {
            calls++;
            return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("{\"code\":500,\"message\":\"Unexpected error\"}") };
        });
        var settings = new ArgilClientSettings(new Uri("http://127.0.0.1:9/v1"), new ApiKey("stub-key-0123456789"), 30, 4, 1);
        var api = new VoicesApi(new ArgilHttpClient(settings, new ArgilPS.Sandbox.SandboxClock(ArgilPS.Sandbox.SandboxTimeMode.Manual), new HttpMessageInvoker(handler), new Random(1)));
        var e = await Assert.ThrowsAsync<ArgilApiException>(() => api.CreateVoiceAsync(new NewVoiceRequest { Name = "N", AudioUrl = "https://e/a.mp3" }, NullRequestLog.Instance, default));
        Assert.Equal(1, calls);
        Assert.True(e.MayHaveSucceeded);
        var told = ArgilPS.Commands.NewArgilVoiceCommand.MayHaveBeenCreated(e, "Team's [EN] voice", new ApiKey("stub-key-0123456789"));
        Assert.Contains("The voice 'Team's [EN] voice' may have been created (and billed); check with Get-ArgilVoice -Visibility private -Name 'Team''s `[EN`] voice'", told.Message);
        Assert.True(told.MayHaveSucceeded);
        Assert.Contains("before running New-ArgilVoice again", told.RecommendedAction);
    }

    public static TheoryData<string, string?, string?, DateTime?> Tolerated => new()
    {
        // Older documentation's spelling of the creation time.
        { "{\"id\":\"v\",\"createAt\":\"2024-05-01T10:00:00Z\"}", null, null, new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc) },
        // Both spellings: the documented one wins.
        { "{\"id\":\"v\",\"createAt\":\"2000-01-01T00:00:00Z\",\"createdAt\":\"2024-05-01T10:00:00Z\"}", null, null, new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc) },
        // Null language and gender, as §4.1 allows.
        { "{\"id\":\"v\",\"language\":null,\"gender\":null,\"createdAt\":null}", null, null, null },
        // Values the API adds later pass through.
        { "{\"id\":\"v\",\"language\":\"JAPANESE\",\"gender\":\"NEUTRAL\",\"status\":\"CLONING\"}", "JAPANESE", "NEUTRAL", null },
        // Unknown fields, nested or not, are ignored; a field of the wrong type is unknown.
        { "{\"id\":\"v\",\"provider\":{\"name\":\"x\",\"tags\":[1,{}]},\"isFavorite\":true,\"language\":7,\"gender\":[\"MALE\"],\"createdAt\":\"yesterday\"}", null, null, null },
    };

    [Theory]
    [MemberData(nameof(Tolerated))]
    public async Task WhatTheApiSendsIsReadLeniently(string body, string? language, string? gender, DateTime? created)
    {
        var log = new RecordingLog();
        var (api, _) = Stub(200, body);
        var voice = await api.GetVoiceAsync("v", log, default);
        Assert.Equal(("v", language, gender, created), (voice.Id, voice.Language, voice.Gender, voice.CreatedAt));
        var (listApi, _) = Stub(200, "[" + body + ",null]");
        var listed = Assert.Single(await listApi.ListVoicesAsync(new VoiceListFilter(), NullRequestLog.Instance, default));
        Assert.Equal((language, gender, created), (listed.Language, listed.Gender, listed.CreatedAt));
    }

    [Fact]
    public async Task AFieldOfTheWrongTypeIsNamedInTheDebugLog()
    {
        var log = new RecordingLog();
        var (api, _) = Stub(200, "{\"id\":\"v\",\"language\":7}");
        await api.GetVoiceAsync("v", log, default);
        Assert.Contains(log.Of("Debug"), l => l.Contains("'language' is a number, not text"));
    }

    [Theory]
    [InlineData("{\"name\":\"no id\"}")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    public async Task AnAnswerThatIsNotAVoiceIsAnUnexpectedResponse(string body)
    {
        var (api, _) = Stub(200, body);
        var e = await Assert.ThrowsAsync<ArgilApiException>(() => api.GetVoiceAsync("v", NullRequestLog.Instance, default));
        Assert.Equal(ApiFailureKind.UnexpectedResponse, e.Kind);
    }

    [Theory]
    [InlineData("{\"id\":\"c1\"}")]
    [InlineData("[{\"providerName\":\"MINIMAX\"}]")]
    [InlineData("[3]")]
    public async Task ASyncAnswerThatIsNotAListOfConnectionsIsAnUnexpectedResponse(string body)
    {
        var (api, _) = Stub(200, body);
        var e = await Assert.ThrowsAsync<ArgilApiException>(() => api.SyncVoicesAsync(null, NullRequestLog.Instance, default));
        Assert.Equal(ApiFailureKind.UnexpectedResponse, e.Kind);
    }
}
