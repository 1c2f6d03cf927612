using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Videos;

/// <summary>
/// New-ArgilVideo sends POST /videos bodies exactly as argil-api.md §5.2 documents them: every
/// option in its place and spelling, and nothing the user did not give (no null keys).
/// </summary>
public sealed class NewArgilVideoBodyTests : System.IDisposable
{
    private readonly FakeVideoApi _api = new();
    private readonly PowerShellHost _host;

    public NewArgilVideoBodyTests() => _host = _api.Host();

    private string Body(string command)
    {
        var r = _host.Run(command).ThrowIfTerminated();
        Assert.Empty(r.Errors);
        return Assert.Single(_api.Sent("POST", "/videos"), x => x.Path == "/videos").Body;
    }

    internal static void AssertJson(string expected, string actual)
    {
        var e = JsonNode.Parse(expected);
        var a = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"Expected {e!.ToJsonString()}\nActual   {a!.ToJsonString()}");
    }

    [Fact]
    public void TheSmallestVideoIsANameAndOneMoment()
    {
        AssertJson("""{"name":"Hello","moments":[{"transcript":"Hello there.","avatarId":"av-1"}]}""",
            Body("New-ArgilVideo -Name Hello -AvatarId av-1 -Transcript 'Hello there.'"));
    }

    [Fact]
    public void EachTranscriptIsOneMomentWithTheVoiceAndGesture()
    {
        AssertJson("""
            {"name":"Two","moments":[
              {"transcript":"One.","avatarId":"av-1","voiceId":"vo-1","gestureSlug":"gesture-2"},
              {"transcript":"Two.","avatarId":"av-1","voiceId":"vo-1","gestureSlug":"gesture-2"}]}
            """, Body("New-ArgilVideo -Name Two -AvatarId av-1 -VoiceId vo-1 -GestureSlug gesture-2 -Transcript 'One.', 'Two.'"));
    }

    [Fact]
    public void AspectRatioModelAndExtrasAreTopLevel()
    {
        AssertJson("""{"name":"N","moments":[{"transcript":"Hi.","avatarId":"a"}],"aspectRatio":"9:16","model":"ARGIL_ATOM","extras":{"campaign":"spring","week":"12"}}""",
            Body("New-ArgilVideo -Name N -AvatarId a -Transcript 'Hi.' -AspectRatio 9:16 -Model ARGIL_ATOM -Extras ([ordered]@{ campaign = 'spring'; week = 12 })"));
    }

    [Fact]
    public void SubtitlesSwitchAloneEnablesThem()
    {
        AssertJson("""{"name":"N","moments":[{"transcript":"Hi.","avatarId":"a"}],"subtitles":{"enable":true}}""",
            Body("New-ArgilVideo -Name N -AvatarId a -Transcript 'Hi.' -Subtitles"));
    }

    [Fact]
    public void AnySubtitleOptionEnablesSubtitlesWithIt()
    {
        AssertJson("""{"name":"N","moments":[{"transcript":"Hi.","avatarId":"a"}],"subtitles":{"enable":true,"styleId":"st-1","position":"Bottom","size":"Large"}}""",
            Body("New-ArgilVideo -Name N -AvatarId a -Transcript 'Hi.' -SubtitleStyleId st-1 -SubtitlePosition Bottom -SubtitleSize Large"));
    }

    [Fact]
    public void SubtitlePositionAloneIsEnoughAndIsSpelledAsDocumented()
    {
        AssertJson("""{"name":"N","moments":[{"transcript":"Hi.","avatarId":"a"}],"subtitles":{"enable":true,"position":"Middle"}}""",
            Body("New-ArgilVideo -Name N -AvatarId a -Transcript 'Hi.' -SubtitlePosition middle"));
    }

    [Fact]
    public void AutoBrollHasSourceIntensityAndLayout()
    {
        AssertJson("""{"name":"N","moments":[{"transcript":"Hi.","avatarId":"a"}],"autoBrolls":{"enable":true,"source":"STOCKS_VIDEO","intensity":"HIGH","layout":"SPLIT_AVATAR_LEFT"}}""",
            Body("New-ArgilVideo -Name N -AvatarId a -Transcript 'Hi.' -AutoBroll -BrollSource stocks_video -BrollIntensity high -BrollLayout SPLIT_AVATAR_LEFT"));
    }

    [Fact]
    public void AutoBrollFromAvatarActionHasNoIntensity()
    {
        AssertJson("""{"name":"N","moments":[{"transcript":"Hi.","avatarId":"a"}],"autoBrolls":{"enable":true,"source":"AVATAR_ACTION"}}""",
            Body("New-ArgilVideo -Name N -AvatarId a -Transcript 'Hi.' -AutoBroll -BrollSource AVATAR_ACTION"));
    }

    [Fact]
    public void BackgroundMusicWithAndWithoutVolume()
    {
        AssertJson("""{"name":"N","moments":[{"transcript":"Hi.","avatarId":"a"}],"backgroundMusic":{"assetId":"music-1","volume":0.3}}""",
            Body("New-ArgilVideo -Name N -AvatarId a -Transcript 'Hi.' -BackgroundMusicAssetId music-1 -BackgroundMusicVolume 0.3"));
        _api.Dispose();
        using var api = new FakeVideoApi();
        using var host = api.Host();
        Assert.Empty(host.Run("New-ArgilVideo -Name N -AvatarId a -Transcript 'Hi.' -BackgroundMusicAssetId music-1").Errors);
        AssertJson("""{"name":"N","moments":[{"transcript":"Hi.","avatarId":"a"}],"backgroundMusic":{"assetId":"music-1"}}""", api.Sent("POST").Single().Body);
    }

    [Fact]
    public void MomentsKeepTheirOwnFieldsAsDocumented()
    {
        AssertJson("""
            {"name":"M","moments":[
              {"transcript":"Look at this.","avatarId":"av-1","voiceId":"vo-1","gestureSlug":"gesture-1","zoom":{"level":1.5},"broll":{"type":"UPLOAD","assetId":"img-1"}},
              {"avatarId":"av-2","audioUrl":"https://cdn.example.com/a.mp3"}]}
            """, Body("""
            $m = @(
              New-ArgilVideoMoment -AvatarId av-1 -Transcript 'Look at this.' -VoiceId vo-1 -GestureSlug gesture-1 -Zoom 1.5 -BrollAssetId img-1
              New-ArgilVideoMoment -AvatarId av-2 -AudioUrl 'https://cdn.example.com/a.mp3'
            )
            New-ArgilVideo -Name M -Moment $m
            """));
    }

    [Fact]
    public void MomentDefaultsFillOnlyWhatAMomentLacksAndNeverAVoiceForItsOwnAudio()
    {
        AssertJson("""
            {"name":"M","moments":[
              {"transcript":"One.","avatarId":"av-default","voiceId":"vo-default","gestureSlug":"g-default"},
              {"transcript":"Two.","avatarId":"av-2","voiceId":"vo-2","gestureSlug":"g-2"},
              {"avatarId":"av-default","audioUrl":"https://cdn.example.com/a.mp3","gestureSlug":"g-default"}]}
            """, Body("""
            New-ArgilVideo -Name M -AvatarId av-default -VoiceId vo-default -GestureSlug g-default -Moment @(
              @{ Transcript = 'One.' }
              (New-ArgilVideoMoment -AvatarId av-2 -Transcript 'Two.' -VoiceId vo-2 -GestureSlug g-2)
              @{ AudioUrl = 'https://cdn.example.com/a.mp3' }
            )
            """));
    }

    [Fact]
    public void BlankCsvColumnsAreLeftOut()
    {
        var body = Body("""
            'Name,AvatarId,VoiceId,GestureSlug,Script','Blank,av-1,,,Hello there.' | ConvertFrom-Csv | New-ArgilVideo
            """);
        AssertJson("""{"name":"Blank","moments":[{"transcript":"Hello there.","avatarId":"av-1"}]}""", body);
    }

    [Fact]
    public void AScriptIsSplitIntoMomentsInOrderWithNothingLost()
    {
        var script = string.Join(" ", Enumerable.Range(1, 40).Select(i => $"This is sentence number {i} of the script."));
        var body = JsonNode.Parse(Body($"New-ArgilVideo -Name S -AvatarId av-1 -Script '{script}' -MaxMomentLength 120"))!;
        var moments = body["moments"]!.AsArray();
        Assert.True(moments.Count > 1);
        Assert.All(moments, m =>
        {
            Assert.Equal(new[] { "avatarId", "transcript" }, m!.AsObject().Select(p => p.Key).OrderBy(k => k));
            Assert.InRange(((string)m["transcript"]!).Length, 1, 120);
        });
        Assert.Equal(Words(script), Words(string.Join(" ", moments.Select(m => (string)m!["transcript"]!))));
    }

    private static string[] Words(string text) => text.Split((char[]?)null, System.StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void CsvRowsMakeOneVideoEach()
    {
        var r = _host.Run("""
            @'
            Name,AvatarId,VoiceId,Script
            Monday,av-1,vo-1,Good morning. Here is the news.
            Tuesday,av-2,,Second day.
            '@ | ConvertFrom-Csv | New-ArgilVideo
            """).ThrowIfTerminated();
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "Monday", "Tuesday" }, r.Output.Select(o => ((ArgilPS.Video)o.BaseObject).Name));
        // The rows are sent concurrently (-ThrottleLimit), so they may reach the server in either
        // order; the output keeps the input order (above), and each body is checked for its row.
        var bodies = _api.Sent("POST").Select(x => x.Body).OrderBy(b => b.Contains("\"Tuesday\"")).ToList();
        Assert.Equal(2, bodies.Count);
        AssertJson("""{"name":"Monday","moments":[{"transcript":"Good morning. Here is the news.","avatarId":"av-1","voiceId":"vo-1"}]}""", bodies[0]);
        AssertJson("""{"name":"Tuesday","moments":[{"transcript":"Second day.","avatarId":"av-2"}]}""", bodies[1]);
    }

    [Fact]
    public void RenderPostsTheRenderWithTheCallbackAndOutputsTheRenderedVideo()
    {
        var r = _host.Run("New-ArgilVideo -Name R -AvatarId a -Transcript 'Hi.' -Render -CallbackUrl 'https://hooks.example.com/done'").ThrowIfTerminated();
        Assert.Empty(r.Errors);
        var video = (ArgilPS.Video)Assert.Single(r.Output).BaseObject;
        Assert.Equal("GENERATING_AUDIO", video.Status);
        var posts = _api.Sent("POST").ToList();
        Assert.Equal(new[] { "/videos", $"/videos/{video.Id}/render" }, posts.Select(p => p.Path));
        AssertJson("""{"callbackUrl":"https://hooks.example.com/done"}""", posts[1].Body);
    }

    [Fact]
    public void RenderWithoutCallbackSendsAnEmptyObject()
    {
        var r = _host.Run("New-ArgilVideo -Name R -AvatarId a -Transcript 'Hi.' -Render").ThrowIfTerminated();
        Assert.Empty(r.Errors);
        AssertJson("{}", _api.Sent("POST").Last().Body);
    }

    public void Dispose()
    {
        _host.Dispose();
        _api.Dispose();
    }
}
