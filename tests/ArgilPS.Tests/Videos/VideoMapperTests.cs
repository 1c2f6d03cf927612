using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ArgilPS.Videos;
using Xunit;

namespace ArgilPS.Tests.Videos;

/// <summary>What the API sends about videos is read leniently: what it adds later or spells differently never fails a call.</summary>
public class VideoMapperTests
{
    private readonly List<string> _wrong = new();

    private Video Read(string json) => VideoMapper.ReadVideo(json, _wrong.Add)!;

    [Fact]
    public void TheDocumentedVideoIsReadWhole()
    {
        var video = Read("""
            {"id":"v1","name":"Weekly","status":"DONE","aspectRatio":"9:16",
             "moments":[{"transcript":"Hi.","avatarId":"a1","voiceId":"vo1","audioUrl":null,"videoUrl":"https://cdn/m1.mp4","gestureSlug":"gesture-1","zoom":{"level":1.25},"broll":{"type":"UPLOAD","assetId":"img-1"}}],
             "videoUrl":"https://cdn/v.mp4","videoUrlSubtitled":"https://cdn/vs.mp4","previewUrl":"https://app/preview",
             "subtitles":{"enable":true},"extras":{"campaign":"spring"},
             "createdAt":"2026-01-02T03:04:05.000Z","updatedAt":"2026-01-02T04:04:05Z"}
            """);
        Assert.Equal(("v1", "Weekly", "DONE", "9:16"), (video.Id, video.Name, video.Status, video.AspectRatio));
        Assert.True(video.IsDone);
        var m = Assert.Single(video.Moments);
        Assert.Equal(("Hi.", "a1", "vo1", null, "https://cdn/m1.mp4", "gesture-1", 1.25, "img-1"),
            (m.Transcript, m.AvatarId, m.VoiceId, m.AudioUrl, m.VideoUrl, m.GestureSlug, m.Zoom, m.BrollAssetId));
        Assert.Equal(("https://cdn/v.mp4", "https://cdn/vs.mp4", "https://app/preview"), (video.VideoUrl, video.VideoUrlSubtitled, video.PreviewUrl));
        Assert.True(video.Subtitles!.Enable);
        Assert.Equal("spring", video.Extras["campaign"]);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), video.CreatedAt);
        Assert.Equal(new DateTime(2026, 1, 2, 4, 4, 5, DateTimeKind.Utc), video.UpdatedAt);
        Assert.Empty(_wrong);
        Assert.Equal("v1", video.ToString());
        Assert.Equal("1 moment", video.Moments.ToString());
    }

    [Fact]
    public void CreateAtIsReadWhenCreatedAtIsMissingAndCreatedAtWins()
    {
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Read("""{"id":"v","createAt":"2026-01-01T00:00:00Z"}""").CreatedAt);
        Assert.Equal(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), Read("""{"id":"v","createAt":"2026-01-01T00:00:00Z","createdAt":"2026-02-01T00:00:00Z"}""").CreatedAt);
    }

    [Theory]
    [InlineData("RENDERING_SOMEWHERE_ELSE")]
    [InlineData("CONTENT_MODERATED")]
    [InlineData("done")]
    public void AnyStatusIsKeptAsSent(string status)
    {
        Assert.Equal(status, Read($$"""{"id":"v","status":"{{status}}"}""").Status);
    }

    [Fact]
    public void StatusHelpersFollowTheDocumentedStatuses()
    {
        Assert.True(VideoStatus.IsTerminal("done"));
        Assert.True(VideoStatus.IsTerminal(VideoStatus.CONTENT_MODERATED));
        Assert.False(VideoStatus.IsTerminal(VideoStatus.IDLE));
        Assert.False(VideoStatus.IsTerminal("SOMETHING_NEW"));
        Assert.True(Read("""{"id":"v","status":"GENERATING_VIDEO"}""").IsGenerating);
        Assert.True(Read("""{"id":"v","status":"CONTENT_MODERATED"}""").IsFailed);
    }

    [Fact]
    public void UnknownFieldsAndShapesAreIgnored()
    {
        var video = Read("""{"id":"v","name":"n","future":{"a":[1,2,{}]},"moments":[{"avatarId":"a","layout":"NORMAL","newThing":[1]}],"broll":7,"type":"moments"}""");
        Assert.Equal("a", Assert.Single(video.Moments).AvatarId);
        Assert.Empty(_wrong);
    }

    [Fact]
    public void FieldsOfTheWrongTypeAreUnknownWithADebugLineNotAFailure()
    {
        var video = Read("""
            {"id":"v","name":42,"status":["DONE"],"createdAt":12,"extras":"x","subtitles":"yes",
             "moments":[null, 5, {"avatarId":"a","zoom":"big","broll":"UPLOAD","transcript":{"t":1}}]}
            """);
        Assert.Equal(("v", "", ""), (video.Id, video.Name, video.Status));
        Assert.Null(video.CreatedAt);
        Assert.Empty(video.Extras);
        Assert.Null(video.Subtitles);
        var m = Assert.Single(video.Moments);
        Assert.Null(m.Zoom);
        Assert.Null(m.Transcript);
        Assert.Contains(_wrong, w => w.Contains("'name'"));
        Assert.Contains(_wrong, w => w.Contains("moment 2"));
        Assert.Contains(_wrong, w => w.Contains("'zoom' of moment 3"));
    }

    [Fact]
    public void ZoomAsABareNumberOrAnEmptyObjectAndExtrasOfAnyKind()
    {
        var video = Read("""{"id":"v","moments":[{"avatarId":"a","zoom":2},{"avatarId":"b","zoom":{}}],"extras":{"n":12,"b":true,"s":"t","z":null},"subtitles":{"enable":false,"styleId":"st","position":"Top","size":"Small"}}""");
        Assert.Equal(new double?[] { 2, null }, video.Moments.Select(m => m.Zoom));
        Assert.Equal(("12", "true", "t", ""), (video.Extras["n"], video.Extras["b"], video.Extras["s"], video.Extras["z"]));
        Assert.Equal("Disabled", video.Subtitles!.ToString());
        Assert.Equal(("st", "Top", "Small"), (video.Subtitles.StyleId, video.Subtitles.Position, video.Subtitles.Size));
    }

    [Fact]
    public void AVideoWithoutIdOrABodyOfAnotherShapeIsAnUnexpectedAnswer()
    {
        Assert.Throws<FormatException>(() => Read("""{"name":"no id"}"""));
        Assert.ThrowsAny<JsonException>(() => Read("""[{"id":"v"}]"""));
        Assert.Null(VideoMapper.ReadVideo("null", _wrong.Add));
        Assert.Throws<FormatException>(() => VideoMapper.ReadVideos("""[{"id":"v"}, "text"]""", _wrong.Add));
        Assert.Equal(new[] { "a", "b" }, VideoMapper.ReadVideos("""[{"id":"a"}, null, {"id":"b"}]""", _wrong.Add)!.Select(v => v.Id));
    }

    [Theory]
    [InlineData("""{"message":"Video deleted"}""", "Video deleted")]
    [InlineData("", "")]
    [InlineData("not json", "")]
    [InlineData("""{"Message":7}""", "")]
    public void TheDeleteMessageIsReadWhenThereIsOne(string body, string message)
    {
        Assert.Equal(message, VideoMapper.ReadMessage(body));
    }

    [Fact]
    public void AMomentSaysWhatItSays()
    {
        Assert.Equal("a1: \"Hello.\"", new VideoMoment { AvatarId = "a1", Transcript = "Hello." }.ToString());
        Assert.Equal("a1: audio https://x/a.mp3", new VideoMoment { AvatarId = "a1", AudioUrl = "https://x/a.mp3" }.ToString());
        Assert.Equal(2, new VideoMoment { Transcript = "😀a" }.TranscriptLength);
    }
}
