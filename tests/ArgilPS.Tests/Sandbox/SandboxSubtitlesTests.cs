using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using Xunit;

namespace ArgilPS.Tests.Sandbox;

/// <summary>GET /subtitles (the items envelope) and the subtitle export (argil-api.md §7).</summary>
public sealed class SandboxSubtitlesTests : SandboxRawTests
{
    [Fact]
    public async Task TheStylesAreTheItemsEnvelopeWithPageAndPageSize()
    {
        var first = (await Get("subtitles")).Json;
        Assert.Equal(new[] { "items", "totalItems", "totalPages", "currentPage", "itemsPerPage" }, first.EnumerateObject().Select(p => p.Name));
        var total = first.GetProperty("totalItems").GetInt32();
        Assert.True(total >= 12);
        Assert.Equal((1, 10, (total + 9) / 10), (first.GetProperty("currentPage").GetInt32(), first.GetProperty("itemsPerPage").GetInt32(), first.GetProperty("totalPages").GetInt32()));
        Assert.Equal(10, first.GetProperty("items").GetArrayLength());
        Assert.All(first.GetProperty("items").EnumerateArray(), i => Assert.Equal(new[] { "id", "name" }, i.EnumerateObject().Select(p => p.Name)));

        var ids = new List<string>();
        var pages = (total + 4) / 5;
        for (var page = 1; page <= pages + 1; page++)
        {
            var body = (await Get($"subtitles?page={page}&pageSize=5")).Json;
            Assert.Equal((total, pages, page, 5), (body.GetProperty("totalItems").GetInt32(), body.GetProperty("totalPages").GetInt32(), body.GetProperty("currentPage").GetInt32(), body.GetProperty("itemsPerPage").GetInt32()));
            ids.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
        }
        Assert.True(pages >= 3);
        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(Guid.TryParse(id, out _)));
        Assert.Equal(total, (await Get("subtitles?pageSize=100")).Json.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize must be an integer from 1 to 100")]
    [InlineData("pageSize=101", "pageSize must be an integer from 1 to 100")]
    [InlineData("pageSize=ten", "pageSize must be an integer from 1 to 100")]
    [InlineData("page=0", "page must be an integer of at least 1")]
    [InlineData("page=%2B1", "page must be an integer of at least 1")]
    public async Task ABadPageIs400(string query, string problem)
    {
        var answer = await Get("subtitles?" + query);
        Assert.Equal(400, answer.Status);
        Assert.Equal("Validation error: " + problem, answer.Json.GetProperty("message").GetString());
    }

    private const string TwoMoments = "{\"avatarId\":\"" + PublicAvatar + "\",\"transcript\":\"Dr. Smith paid $3.50 <for> the \\\"tea\\\" & {biscuits} today, then left early.\"},"
        + "{\"avatarId\":\"" + PublicAvatar + "\",\"audioUrl\":\"https://e.example/a.mp3\"},"
        + "{\"avatarId\":\"" + PublicAvatar + "\",\"transcript\":\"Bye!\"}";

    private static readonly Regex VttCue = new(@"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)", RegexOptions.Multiline);

    private static long Ms(Match m, int at) =>
        ((long.Parse(m.Groups[at].Value) * 60 + long.Parse(m.Groups[at + 1].Value)) * 60 + long.Parse(m.Groups[at + 2].Value)) * 1000 + long.Parse(m.Groups[at + 3].Value);

    [Fact]
    public async Task AVttExportIsTheMomentsTranscriptsTimedOneAfterAnother()
    {
        var video = await Rendered(VideoBody(name: "Q3 \"report\"/final", moments: TwoMoments));
        var answer = await Get($"subtitles/videos/{video.GetProperty("id").GetString()}/export");

        Assert.Equal(200, answer.Status);
        Assert.StartsWith("text/vtt", answer.Header("Content-Type"));
        Assert.Equal("attachment; filename=\"Q3 _report__final.vtt\"; filename*=UTF-8''Q3%20%22report%22%2Ffinal.vtt", answer.Header("Content-Disposition"));
        Assert.StartsWith("WEBVTT\n\n1\n00:00:00.000 --> ", answer.Body);
        Assert.DoesNotContain("STYLE", answer.Body);
        Assert.Contains("Dr. Smith paid $3.50 &lt;for&gt; the \"tea\"", answer.Body);
        Assert.Contains("& {biscuits}".Replace("&", "&amp;"), answer.Body);
        Assert.Contains("\nBye!\n", answer.Body);
        var cues = VttCue.Matches(answer.Body).Cast<Match>().Select(m => (Start: Ms(m, 1), End: Ms(m, 5))).ToList();
        Assert.Equal(3, cues.Count); // 12 words in two cues, the audio moment none, then "Bye!"
        Assert.All(cues, c => Assert.True(c.End > c.Start));
        Assert.Equal(cues[0].End, cues[1].Start);
        Assert.Equal(cues[1].End + 5000, cues[2].Start); // the audio moment's 5 s
        Assert.Equal(cues[2].Start + 1000, cues[2].End); // a moment lasts at least 1 s
    }

    [Fact]
    public async Task AnAssExportHasItsSectionsAndTheChosenStyleWhenAskedFor()
    {
        var video = await Rendered(VideoBody(name: "Café", moments: TwoMoments,
            more: ",\"aspectRatio\":\"9:16\",\"subtitles\":{\"enable\":true,\"styleId\":\"5b7e0c1a-0000-4000-8000-000000000005\",\"position\":\"Top\",\"size\":\"Large\"}"));
        var id = video.GetProperty("id").GetString();

        var plain = await Get($"subtitles/videos/{id}/export?format=ass");
        Assert.Equal(200, plain.Status);
        Assert.StartsWith("text/x-ass", plain.Header("Content-Type"));
        Assert.Equal("attachment; filename=\"Caf_.ass\"; filename*=UTF-8''Caf%C3%A9.ass", plain.Header("Content-Disposition"));
        Assert.StartsWith("[Script Info]\n", plain.Body);
        Assert.Contains("\nPlayResX: 1080\nPlayResY: 1920\n", plain.Body);
        Assert.Contains("\n[V4+ Styles]\n", plain.Body);
        Assert.Contains("\nStyle: Default,", plain.Body);
        Assert.Contains("\n[Events]\n", plain.Body);
        Assert.Contains("Dialogue: 0,0:00:00.00,", plain.Body);
        Assert.Contains(",,0,0,0,,Dr. Smith paid $3.50 <for> the \"tea\"", plain.Body);
        Assert.Contains("(biscuits)", plain.Body); // braces would be override tags
        Assert.Equal(3, plain.Body.Split('\n').Count(l => l.StartsWith("Dialogue: ", StringComparison.Ordinal)));

        var styled = await Get($"subtitles/videos/{id}/export?format=ass&includeStyling=true");
        Assert.Contains("\nStyle: Neon,Orbitron,64,&H0014FF39,", styled.Body);
        Assert.Contains(",8,40,40,60,1\n", styled.Body); // Top: alignment 8
        Assert.Contains(",Neon,,0,0,0,,", styled.Body);

        var vtt = await Get($"subtitles/videos/{id}/export?format=vtt&includeStyling=true");
        Assert.Contains("STYLE\n::cue {\n  font-family: \"Orbitron\", sans-serif;\n  color: #39FF14;", vtt.Body);
        Assert.Contains(" --> 00:00:", vtt.Body);
        Assert.Contains(" line:10% align:center\n", vtt.Body);
    }

    [Theory]
    [InlineData("format=srt", "format must be one of vtt, ass")]
    [InlineData("format=VTT", "format must be one of vtt, ass")]
    [InlineData("includeStyling=yes", "includeStyling must be true or false")]
    public async Task ABadExportQueryIs400(string query, string problem)
    {
        var video = await Rendered();
        var answer = await Get($"subtitles/videos/{video.GetProperty("id").GetString()}/export?{query}");
        Assert.Equal(400, answer.Status);
        Assert.Equal("Validation error: " + problem, answer.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AnUnknownVideoIs404AndAVideoNotRenderedHasNoSubtitlesYet()
    {
        var unknown = await Get("subtitles/videos/5f0c0000-0000-4000-8000-000000000000/export");
        Assert.Equal(404, unknown.Status);
        Assert.Equal("{\"code\":404,\"message\":\"Video project not found or user does not have access\"}", unknown.Body);

        var id = (await Create()).GetProperty("id").GetString()!;
        var idle = await Get($"subtitles/videos/{id}/export");
        Assert.Equal(400, idle.Status);
        Assert.Equal("Validation error: the video has no subtitles until it is rendered (its status is IDLE)", idle.Json.GetProperty("message").GetString());
        await Post($"videos/{id}/render", null);
        Assert.Contains("its status is GENERATING_AUDIO", (await Get($"subtitles/videos/{id}/export")).Body);
    }

    [Fact]
    public void TheSeededStylesHaveDistinctIdsAndNames()
    {
        Assert.True(SandboxSubtitles.Styles.Count >= 12);
        Assert.Equal(SandboxSubtitles.Styles.Count, SandboxSubtitles.Styles.Select(s => s.Id).Distinct().Count());
        Assert.Equal(SandboxSubtitles.Styles.Count, SandboxSubtitles.Styles.Select(s => s.Name).Distinct().Count());
    }
}
