using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using Xunit;

namespace ArgilPS.Tests.Sandbox;

/// <summary>
/// POST /videos bodies the reference (argil-api.md §5.2) refuses, sent raw: 400 with the documented
/// Error body, and nothing created.
/// </summary>
public sealed class SandboxVideoValidationTests : SandboxRawTests
{
    private const string A = PublicAvatar;

    private static string M(string inner) => "{\"avatarId\":\"" + A + "\"," + inner + "}";

    public static TheoryData<string, string> Refused => new()
    {
        { "{\"moments\":[" + M("\"transcript\":\"Hi\"") + "]}", "name is required" },
        { VideoBody(name: ""), "name must be a non-empty string" },
        { "{\"name\":7,\"moments\":[" + M("\"transcript\":\"Hi\"") + "]}", "name must be a non-empty string" },
        { "{\"name\":\"n\"}", "moments is required" },
        { "{\"name\":\"n\",\"moments\":[]}", "moments must have at least 1 item" },
        { "{\"name\":\"n\",\"moments\":{}}", "moments must be an array" },
        { "{\"name\":\"n\",\"moments\":[\"hi\"]}", "moments[0] must be an object" },
        { VideoBody(moments: "{\"transcript\":\"Hi\"}"), "moments[0].avatarId is required" },
        { VideoBody(moments: "{\"transcript\":\"Hi\",\"avatarId\":\"no-such-avatar\"}"), "moments[0].avatarId: avatar no-such-avatar not found" },
        { VideoBody(moments: M("\"transcript\":\"Hi\"") + "," + M("\"voiceId\":\"v\"")), "moments[1] must have exactly one of transcript or audioUrl" },
        { VideoBody(moments: M("\"transcript\":\"Hi\",\"audioUrl\":\"https://e.example/a.mp3\"")), "moments[0] must have exactly one of transcript or audioUrl" },
        { VideoBody(moments: M("\"transcript\":\"" + new string('a', 251) + "\"")), "moments[0].transcript must have 1 to 250 characters (it has 251)" },
        { VideoBody(moments: M("\"transcript\":\"\"")), "moments[0].transcript must have 1 to 250 characters (it has 0)" },
        { VideoBody(moments: M("\"transcript\":5")), "moments[0].transcript must be a string" },
        { VideoBody(moments: M("\"audioUrl\":\"http://e.example/a.mp3\"")), "moments[0].audioUrl must be an https URL" },
        { VideoBody(moments: M("\"transcript\":\"Hi\",\"voiceId\":\"\"")), "moments[0].voiceId must be a non-empty string" },
        { VideoBody(moments: M("\"transcript\":\"Hi\",\"gestureSlug\":3")), "moments[0].gestureSlug must be a non-empty string" },
        { VideoBody(moments: M("\"transcript\":\"Hi\",\"layout\":\"NORMAL\"")), "property 'moments[0].layout' is not allowed" },
        { VideoBody(moments: M("\"transcript\":\"Hi\",\"zoom\":{\"level\":2.5}")), "moments[0].zoom.level must be between 1 and 2" },
        { VideoBody(moments: M("\"transcript\":\"Hi\",\"zoom\":{\"level\":0.99}")), "moments[0].zoom.level must be between 1 and 2" },
        { VideoBody(moments: M("\"transcript\":\"Hi\",\"zoom\":{}")), "moments[0].zoom.level is required" },
        { VideoBody(moments: M("\"transcript\":\"Hi\",\"zoom\":{\"level\":1,\"x\":1}")), "property 'moments[0].zoom.x' is not allowed" },
        { VideoBody(moments: M("\"transcript\":\"Hi\",\"zoom\":1.5")), "moments[0].zoom must be an object" },
        { VideoBody(moments: M("\"transcript\":\"Hi\",\"broll\":{\"type\":\"GENERATION\",\"assetId\":\"x\"}")), "moments[0].broll.type must be one of UPLOAD" },
        { VideoBody(moments: M("\"transcript\":\"Hi\",\"broll\":{\"type\":\"UPLOAD\"}")), "moments[0].broll.assetId is required" },
        { VideoBody(more: ",\"subtitles\":{\"styleId\":\"5b7e0c1a-0000-4000-8000-000000000001\"}"), "subtitles.enable is required" },
        { VideoBody(more: ",\"subtitles\":{\"enable\":\"yes\"}"), "subtitles.enable must be a boolean" },
        { VideoBody(more: ",\"subtitles\":{\"enable\":true,\"position\":\"Centered\"}"), "subtitles.position must be one of Top, Middle, Bottom" },
        { VideoBody(more: ",\"subtitles\":{\"enable\":true,\"size\":\"Huge\"}"), "subtitles.size must be one of Small, Medium, Large" },
        { VideoBody(more: ",\"subtitles\":{\"enable\":true,\"font\":\"Arial\"}"), "property 'subtitles.font' is not allowed" },
        { VideoBody(more: ",\"subtitles\":{\"enable\":true,\"styleId\":\"nope\"}"), "subtitles.styleId: subtitle style nope not found" },
        { VideoBody(more: ",\"aspectRatio\":\"4:3\""), "aspectRatio must be one of 16:9, 9:16" },
        { VideoBody(more: ",\"model\":\"ARGIL_V2\""), "model must be one of ARGIL_V1, ARGIL_ATOM" },
        { VideoBody(more: ",\"enableAutoBrolls\":\"true\""), "enableAutoBrolls must be a boolean" },
        { VideoBody(more: ",\"autoBrolls\":{\"enable\":true,\"source\":\"GENERATION\"}"), "autoBrolls.intensity is required" },
        { VideoBody(more: ",\"autoBrolls\":{\"source\":\"GENERATION\",\"intensity\":\"LOW\"}"), "autoBrolls.enable is required" },
        { VideoBody(more: ",\"autoBrolls\":{\"enable\":true,\"source\":\"PEXELS\",\"intensity\":\"LOW\"}"), "autoBrolls.source must be one of GENERATION, GOOGLE_IMAGES, STOCKS_VIDEO, AVATAR_ACTION" },
        { VideoBody(more: ",\"autoBrolls\":{\"enable\":true,\"source\":\"GENERATION\",\"intensity\":\"EXTREME\"}"), "autoBrolls.intensity must be one of LOW, MEDIUM, HIGH" },
        { VideoBody(more: ",\"autoBrolls\":{\"enable\":true,\"source\":\"GENERATION\",\"intensity\":\"LOW\",\"layout\":\"NORMAL\"}"), "autoBrolls.layout must be one of FULLSCREEN, AVATAR_BOTTOM_LEFT, AVATAR_BOTTOM_RIGHT, AVATAR_TOP_LEFT, AVATAR_TOP_RIGHT, SPLIT_AVATAR_LEFT, SPLIT_AVATAR_RIGHT, SPLIT_AVATAR_TOP, SPLIT_AVATAR_BOTTOM, BACKGROUND" },
        { VideoBody(more: ",\"backgroundMusic\":{\"volume\":0.5}"), "backgroundMusic.assetId is required" },
        { VideoBody(more: ",\"backgroundMusic\":{\"assetId\":\"a\",\"volume\":1.01}"), "backgroundMusic.volume must be between 0 and 1" },
        { VideoBody(more: ",\"backgroundMusic\":{\"assetId\":\"a\",\"volume\":-0.1}"), "backgroundMusic.volume must be between 0 and 1" },
        { VideoBody(more: ",\"backgroundMusic\":{\"assetId\":\"a\",\"loop\":true}"), "property 'backgroundMusic.loop' is not allowed" },
        { VideoBody(more: ",\"extras\":{" + string.Join(",", Enumerable.Range(0, 11).Select(i => $"\"k{i}\":\"v\"")) + "}"), "extras must have at most 10 properties (it has 11)" },
        { VideoBody(more: ",\"extras\":{\"k\":\"" + new string('v', 257) + "\"}"), "extras.k must have at most 256 characters" },
        { VideoBody(more: ",\"extras\":{\"sandbox-outcome\":\"EXPLODED\"}"), "the sandbox knows the sandbox-outcome values DONE, FAILED, CONTENT_MODERATED, GENERATING_VIDEO" },
        { VideoBody(more: ",\"type\":\"transcript\""), "type must be one of moments" },
        { VideoBody(more: ",\"avatarId\":\"" + A + "\""), "property 'avatarId' is not allowed" },
        { VideoBody(more: ",\"subtitles\":null"), "subtitles must be an object" },
        { "[]", "the body must be a JSON object" },
        { "{\"name\":", "the body is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ABodyTheReferenceRefusesIs400WithTheDocumentedErrorBody(string json, string problem)
    {
        var answer = await Post("videos", json);

        Assert.Equal(400, answer.Status);
        Assert.Equal(new[] { "code", "message" }, answer.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(400, answer.Json.GetProperty("code").GetInt32());
        Assert.Equal("Validation error: " + problem, answer.Json.GetProperty("message").GetString());
        Assert.Equal(0, (await Get("videos")).Json.GetProperty("totalItems").GetInt32()); // nothing created
    }

    [Theory]
    [InlineData("AVATAR_ACTION", 201)] // §5.2: intensity is "not available" for this source
    [InlineData("STOCKS_VIDEO", 400)]
    [InlineData("GENERATION", 400)]
    public async Task AutoBrollsNeedAnIntensityExceptForAvatarAction(string source, int status)
    {
        var answer = await Post("videos", VideoBody(more: ",\"autoBrolls\":{\"enable\":true,\"source\":\"" + source + "\"}"));
        Assert.Equal(status, answer.Status);
    }

    [Fact]
    public async Task EveryDocumentedFieldIsAcceptedAtItsLimits()
    {
        var full = "{\"name\":\"Launch\",\"type\":\"moments\",\"moments\":["
            + "{\"avatarId\":\"" + A + "\",\"transcript\":\"" + string.Concat(Enumerable.Repeat("\U0001F600", 250)) + "\",\"voiceId\":\"voice-1\",\"gestureSlug\":\"wave\",\"zoom\":{\"level\":2},"
            + "\"broll\":{\"type\":\"UPLOAD\",\"assetId\":\"asset-1\",\"zoom\":{\"level\":1}}},"
            + "{\"avatarId\":\"" + PortraitAvatar + "\",\"audioUrl\":\"https://e.example/voice.mp3\",\"zoom\":{\"level\":1}}],"
            + "\"subtitles\":{\"enable\":true,\"styleId\":\"5b7e0c1a-0000-4000-8000-00000000000e\",\"position\":\"Middle\",\"size\":\"Large\"},"
            + "\"aspectRatio\":\"9:16\",\"enableAutoBrolls\":false,"
            + "\"autoBrolls\":{\"enable\":true,\"source\":\"AVATAR_ACTION\",\"intensity\":\"HIGH\",\"layout\":\"SPLIT_AVATAR_BOTTOM\"},"
            + "\"extras\":{" + string.Join(",", Enumerable.Range(0, 10).Select(i => $"\"k{i}\":\"{new string('v', 256)}\"")) + "},"
            + "\"backgroundMusic\":{\"assetId\":\"music-1\",\"volume\":0},\"model\":\"ARGIL_ATOM\"}";

        var answer = await Post("videos", full);

        Assert.Equal(201, answer.Status);
        var video = answer.Json;
        Assert.Equal(("Launch", "IDLE", "9:16", true), (video.GetProperty("name").GetString(), Status(video), video.GetProperty("aspectRatio").GetString(), video.GetProperty("subtitles").GetProperty("enable").GetBoolean()));
        var moments = video.GetProperty("moments");
        Assert.Equal(2, moments.GetArrayLength());
        Assert.Equal("voice-1", moments[0].GetProperty("voiceId").GetString());
        Assert.Equal("asset-1", moments[0].GetProperty("broll").GetProperty("assetId").GetString());
        Assert.Equal(2, moments[0].GetProperty("zoom").GetProperty("level").GetDouble());
        Assert.Equal("https://e.example/voice.mp3", moments[1].GetProperty("audioUrl").GetString());
        Assert.False(moments[1].TryGetProperty("transcript", out _));
        Assert.Equal(10, video.GetProperty("extras").EnumerateObject().Count());
        Assert.False(video.TryGetProperty("videoUrl", out _));
        Assert.StartsWith(Server.FilesUri.AbsoluteUri, video.GetProperty("previewUrl").GetString());
    }

    [Fact]
    public async Task TheTranscriptLimitIsAnOptionOfTheSandbox()
    {
        var long300 = VideoBody(moments: M("\"transcript\":\"" + new string('a', 300) + "\""));
        Assert.Equal(400, (await Post("videos", long300)).Status);
        Server.Options.MaximumTranscriptCharacters = 500;
        Assert.Equal(201, (await Post("videos", long300)).Status);
    }

    [Fact]
    public async Task WithoutAnAspectRatioTheVideoTakesItsFirstAvatarsAndItsVoice()
    {
        Assert.Equal("9:16", (await Create(VideoBody(moments: Moment("Hi", PortraitAvatar)))).GetProperty("aspectRatio").GetString());
        Assert.Equal("16:9", (await Create()).GetProperty("aspectRatio").GetString());

        // An avatar made in this sandbox counts too, and its voice is the moment's when none is given.
        var avatar = Server.Avatars.Create("{\"type\":\"IMAGE\",\"name\":\"Me\",\"voiceId\":\"my-voice\",\"datasetImage\":{\"url\":\"https://e.example/me.png\"}}");
        var avatarId = JsonDocument.Parse(avatar.Body).RootElement.GetProperty("id").GetString()!;
        var video = await Create(VideoBody(moments: Moment("Hi", avatarId)));
        Assert.Equal("my-voice", video.GetProperty("moments")[0].GetProperty("voiceId").GetString());
    }
}

/// <summary>The life of a video on the Manual sandbox clock, its list, get, delete and render.</summary>
public sealed class SandboxVideoTests : SandboxRawTests
{
    [Fact]
    public async Task ARenderMovesIdleThroughGeneratingToDoneOnTheSandboxClock()
    {
        var created = await Create(VideoBody(more: ",\"subtitles\":{\"enable\":true}"));
        var id = created.GetProperty("id").GetString()!;
        var t0 = Server.Clock.UtcNow;
        Assert.Equal("IDLE", Status(created));
        Server.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("IDLE", Status((await Get("videos/" + id)).Json)); // nothing happens until it is rendered

        var render = await Post($"videos/{id}/render", null);
        Assert.Equal(200, render.Status);
        Assert.Equal("GENERATING_AUDIO", Status(render.Json));
        Assert.Equal(id, render.Json.GetProperty("id").GetString());

        Server.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("GENERATING_AUDIO", Status((await Get("videos/" + id)).Json));
        Server.Clock.Advance(TimeSpan.FromSeconds(1));
        var generating = (await Get("videos/" + id)).Json;
        Assert.Equal("GENERATING_VIDEO", Status(generating));
        Assert.False(generating.TryGetProperty("videoUrl", out _));
        Server.Clock.Advance(TimeSpan.FromSeconds(239));
        Assert.Equal("GENERATING_VIDEO", Status((await Get("videos/" + id)).Json));
        Server.Clock.Advance(TimeSpan.FromSeconds(1));

        var done = (await Get("videos/" + id)).Json;
        Assert.Equal("DONE", Status(done));
        Assert.Equal(SandboxJson.Iso(t0 + TimeSpan.FromHours(1) + TimeSpan.FromMinutes(5)), done.GetProperty("updatedAt").GetString());
        Assert.Equal(SandboxJson.Iso(t0), done.GetProperty("createdAt").GetString());
        Assert.True(DateTime.Parse(done.GetProperty("updatedAt").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal) > t0);
        Assert.Equal(new Uri(Server.FilesUri, $"videos/{id}.mp4"), new Uri(done.GetProperty("videoUrl").GetString()!));
        Assert.Equal(new Uri(Server.FilesUri, $"videos/{id}-subtitled.mp4"), new Uri(done.GetProperty("videoUrlSubtitled").GetString()!));
        Assert.NotEqual(Server.BaseUri.Port, new Uri(done.GetProperty("videoUrl").GetString()!).Port);
        Assert.Equal(new Uri(Server.FilesUri, $"videos/{id}-moment-1.mp4"), new Uri(done.GetProperty("moments")[0].GetProperty("videoUrl").GetString()!));
    }

    [Fact]
    public async Task RenderDurationsAreOptionsOfTheSandbox()
    {
        Server.Options.GeneratingAudioDuration = TimeSpan.FromSeconds(5);
        Server.Options.GeneratingVideoDuration = TimeSpan.Zero;
        var id = (await Create()).GetProperty("id").GetString()!;
        await Post($"videos/{id}/render", "");
        Server.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("DONE", Status((await Get("videos/" + id)).Json));
        Assert.Equal((5.0, 0.0), (Server.State.GeneratingAudioSeconds, Server.State.GeneratingVideoSeconds));
    }

    [Theory]
    [InlineData("FAILED")]
    [InlineData("CONTENT_MODERATED")]
    public async Task TheOutcomeExtraEndsARenderInFailure(string outcome)
    {
        var done = await Rendered(VideoBody(more: $",\"extras\":{{\"sandbox-outcome\":\"{outcome}\"}}"));
        Assert.Equal(outcome, Status(done));
        Assert.False(done.TryGetProperty("videoUrl", out _));
        var file = await Http.GetAsync(new Uri(Server.FilesUri, $"videos/{done.GetProperty("id").GetString()}.mp4"));
        Assert.Equal(404, (int)file.StatusCode);
    }

    [Fact]
    public async Task TheOutcomeExtraCanMakeARenderThatNeverFinishes()
    {
        var stuck = await Rendered(VideoBody(more: ",\"extras\":{\"sandbox-outcome\":\"GENERATING_VIDEO\"}"));
        Assert.Equal("GENERATING_VIDEO", Status(stuck));
        Server.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal("GENERATING_VIDEO", Status((await Get("videos/" + stuck.GetProperty("id").GetString())).Json));
    }

    [Fact]
    public async Task RenderingAgainWhileGeneratingIsRefusedAndAfterTheEndRendersAnew()
    {
        var id = (await Create()).GetProperty("id").GetString()!;
        Assert.Equal(200, (await Post($"videos/{id}/render", "{}")).Status);
        Server.Clock.Advance(TimeSpan.FromMinutes(2));

        var again = await Post($"videos/{id}/render", null);
        Assert.Equal(400, again.Status);
        Assert.Equal("Unexpected error: the video is already being generated (status GENERATING_VIDEO)", again.Json.GetProperty("message").GetString());

        Server.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal("DONE", Status((await Get("videos/" + id)).Json));
        var rerender = await Post($"videos/{id}/render", null);
        Assert.Equal(200, rerender.Status);
        Assert.Equal("GENERATING_AUDIO", Status(rerender.Json));
        Assert.False(rerender.Json.TryGetProperty("videoUrl", out _));
    }

    [Theory]
    [InlineData("{\"callbackUrl\":\"http://hooks.example/x\"}", "callbackUrl must be an https URL (the sandbox also takes http:// on a loopback address)")]
    [InlineData("{\"callbackUrl\":\"ftp://127.0.0.1/x\"}", "callbackUrl must be an https URL (the sandbox also takes http:// on a loopback address)")]
    [InlineData("{\"callbackUrl\":\"https://hooks.example/x\",\"priority\":1}", "property 'priority' is not allowed")]
    [InlineData("{\"callbackUrl\":\"\"}", "callbackUrl must be a non-empty string")]
    [InlineData("[]", "the body must be a JSON object")]
    [InlineData("nope", "the body is not valid JSON")]
    public async Task ARenderBodyTheReferenceRefusesIs400(string body, string problem)
    {
        var id = (await Create()).GetProperty("id").GetString()!;
        var answer = await Post($"videos/{id}/render", body);
        Assert.Equal(400, answer.Status);
        Assert.Equal("Validation error: " + problem, answer.Json.GetProperty("message").GetString());
        Assert.Equal("IDLE", Status((await Get("videos/" + id)).Json)); // not rendered
    }

    [Fact]
    public async Task ARenderTakesAnHttpsCallbackUrl()
    {
        var id = (await Create()).GetProperty("id").GetString()!;
        Assert.Equal(200, (await Post($"videos/{id}/render", "{\"callbackUrl\":\"https://hooks.example/done\"}")).Status);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/argil/")]
    [InlineData("http://localhost:9000/done")]
    [InlineData("http://[::1]:9000/done")]
    public async Task ARenderInTheSandboxAlsoTakesALoopbackHttpCallbackUrl(string url)
    {
        var id = (await Create()).GetProperty("id").GetString()!;
        Assert.Equal(200, (await Post($"videos/{id}/render", $"{{\"callbackUrl\":\"{url}\"}}")).Status);
    }

    [Fact]
    public async Task UnknownVideosAre404WithTheDocumentedErrorBody()
    {
        foreach (var answer in new[] { await Get("videos/nope"), await Send(HttpMethod.Delete, "videos/nope"), await Post("videos/nope/render", null) })
        {
            Assert.Equal(404, answer.Status);
            Assert.Equal("{\"code\":404,\"message\":\"Video not found\"}", answer.Body);
        }
    }

    [Fact]
    public async Task DeleteAnswers200WithAMessageAndTheVideoAndItsFileAreGone()
    {
        var done = await Rendered();
        var id = done.GetProperty("id").GetString()!;

        var deleted = await Send(HttpMethod.Delete, "videos/" + id);

        Assert.Equal(200, deleted.Status);
        Assert.Equal(new[] { "message" }, deleted.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(404, (await Get("videos/" + id)).Status);
        Assert.Equal(404, (int)(await Http.GetAsync(done.GetProperty("videoUrl").GetString())).StatusCode);
        Assert.Equal(404, (await Send(HttpMethod.Delete, "videos/" + id)).Status);
    }

    [Fact]
    public async Task TheListIsTheVideosEnvelopeWithPageAndLimitNewestFirst()
    {
        var ids = new System.Collections.Generic.List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await Create(VideoBody(name: $"Video {i}"))).GetProperty("id").GetString()!);
            Server.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = (await Get("videos")).Json;
        Assert.Equal(new[] { "videos", "totalItems", "totalPages", "currentPage", "itemsPerPage" }, first.EnumerateObject().Select(p => p.Name));
        Assert.Equal((7, 1, 1, 10), (first.GetProperty("totalItems").GetInt32(), first.GetProperty("totalPages").GetInt32(), first.GetProperty("currentPage").GetInt32(), first.GetProperty("itemsPerPage").GetInt32()));

        var seen = new System.Collections.Generic.List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var body = (await Get($"videos?page={page}&limit=3")).Json;
            Assert.Equal((7, 3, page, 3), (body.GetProperty("totalItems").GetInt32(), body.GetProperty("totalPages").GetInt32(), body.GetProperty("currentPage").GetInt32(), body.GetProperty("itemsPerPage").GetInt32()));
            seen.AddRange(body.GetProperty("videos").EnumerateArray().Select(v => v.GetProperty("id").GetString()!));
        }
        Assert.Equal(Enumerable.Reverse(ids), seen); // newest first, every video once, page 4 empty
    }

    [Theory]
    [InlineData("page=0", "page must be an integer of at least 1")]
    [InlineData("page=-1", "page must be an integer of at least 1")]
    [InlineData("page=abc", "page must be an integer of at least 1")]
    [InlineData("limit=0", "limit must be an integer of at least 1")]
    [InlineData("limit=1.5", "limit must be an integer of at least 1")]
    [InlineData("limit=", "limit must be an integer of at least 1")]
    [InlineData("page=99999999999", "page must be an integer of at least 1")]
    [InlineData("extrasFilter=%7Bnot%20json", "extrasFilter must be a JSON object such as {\"key\":\"value\"} (it is not valid JSON)")]
    [InlineData("extrasFilter=%5B%5D", "extrasFilter must be a JSON object such as {\"key\":\"value\"}")]
    [InlineData("extrasFilter=%7B%22n%22%3A1%7D", "extrasFilter.n must be a string")]
    public async Task ABadListQueryIs400(string query, string problem)
    {
        var answer = await Get("videos?" + query);
        Assert.Equal(400, answer.Status);
        Assert.Equal("Validation error: " + problem, answer.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task TheListFiltersByNameAvatarVoiceAndExtras()
    {
        await Create(VideoBody(name: "Quarterly REPORT", more: ",\"extras\":{\"X_ID\":\"42\",\"team\":\"sales\"}"));
        await Create(VideoBody(name: "Weekly report", moments: Moment("Hi", PortraitAvatar), more: ",\"extras\":{\"X_ID\":\"43\"}"));
        await Create(VideoBody(name: "Onboarding", moments: "{\"avatarId\":\"" + PublicAvatar + "\",\"transcript\":\"Hi\",\"voiceId\":\"v-9\"}"));

        async Task<string[]> Names(string query) =>
            (await Get("videos?" + query)).Json.GetProperty("videos").EnumerateArray().Select(v => v.GetProperty("name").GetString()!).ToArray();

        Assert.Equal(new[] { "Weekly report", "Quarterly REPORT" }, await Names("nameSearchQuery=rEpOrT"));
        Assert.Equal(new[] { "Weekly report" }, await Names("avatarId=" + PortraitAvatar));
        Assert.Equal(new[] { "Onboarding" }, await Names("voiceId=v-9"));
        Assert.Equal(new[] { "Quarterly REPORT" }, await Names("extrasFilter=" + Uri.EscapeDataString("{\"X_ID\":\"42\"}")));
        Assert.Equal(new[] { "Quarterly REPORT" }, await Names("extrasFilter=" + Uri.EscapeDataString("{\"X_ID\":\"42\",\"team\":\"sales\"}")));
        Assert.Empty(await Names("extrasFilter=" + Uri.EscapeDataString("{\"X_ID\":\"42\",\"team\":\"ops\"}")));
        Assert.Equal(3, (await Names("extrasFilter=%7B%7D")).Length);
        Assert.Equal(2, (await Get("videos?nameSearchQuery=report&limit=1")).Json.GetProperty("totalPages").GetInt32());
    }

    [Fact]
    public void TheVideoAndSubtitleRoutesAreInTheTable()
    {
        Assert.Superset(new System.Collections.Generic.HashSet<string>
        {
            "GET /videos", "POST /videos", "GET /videos/{id}", "DELETE /videos/{id}", "POST /videos/{id}/render",
            "GET /subtitles", "GET /subtitles/videos/{videoProjectId}/export",
        }, Server.Routes.ToHashSet());
    }
}
