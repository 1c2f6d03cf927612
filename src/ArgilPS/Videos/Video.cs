using System;
using System.Collections.Generic;
using System.Linq;

namespace ArgilPS;

/// <summary>An Argil video: moments spoken by avatars, rendered into one MP4.</summary>
public sealed class Video
{
    /// <summary>The video's id (a UUID).</summary>
    public string Id { get; set; } = "";

    /// <summary>The video's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The status, as the API spells it; see <see cref="VideoStatus"/>. Values the API adds later pass through unchanged.</summary>
    public string Status { get; set; } = "";

    /// <summary>16:9 or 9:16.</summary>
    public string? AspectRatio { get; set; }

    // Made when first read, unless the mapper sets them (see Avatar).
    private VideoMomentList? _moments;
    private VideoExtras? _extras;

    /// <summary>The video's moments, in order.</summary>
    public VideoMomentList Moments { get => _moments ??= new(); set => _moments = value; }

    /// <summary>The rendered video (once DONE).</summary>
    public string? VideoUrl { get; set; }

    /// <summary>The rendered video with its subtitles burnt in, when subtitles are enabled.</summary>
    public string? VideoUrlSubtitled { get; set; }

    /// <summary>An embeddable preview (add ?embed=true), usable before rendering.</summary>
    public string? PreviewUrl { get; set; }

    /// <summary>The video's subtitle settings; null when the API said nothing of them.</summary>
    public VideoSubtitles? Subtitles { get; set; }

    /// <summary>Your own key-value metadata.</summary>
    public VideoExtras Extras { get => _extras ??= new(); set => _extras = value; }

    /// <summary>When the video was created (UTC).</summary>
    public DateTime? CreatedAt { get; set; }

    /// <summary>When the video was last changed (UTC).</summary>
    public DateTime? UpdatedAt { get; set; }

    /// <summary>True once the video is rendered (DONE).</summary>
    public bool IsDone => VideoStatus.Is(Status, VideoStatus.DONE);

    /// <summary>True while Argil renders it (GENERATING_AUDIO or GENERATING_VIDEO).</summary>
    public bool IsGenerating => VideoStatus.Is(Status, VideoStatus.GENERATING_AUDIO) || VideoStatus.Is(Status, VideoStatus.GENERATING_VIDEO);

    /// <summary>True for FAILED or CONTENT_MODERATED.</summary>
    public bool IsFailed => VideoStatus.Is(Status, VideoStatus.FAILED) || VideoStatus.Is(Status, VideoStatus.CONTENT_MODERATED);

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>
/// One moment of a video: what one avatar says (a transcript, or an audio file), with its voice,
/// gesture, zoom and B-roll. The same type is sent (New-ArgilVideoMoment, New-ArgilVideo -Moment)
/// and received (<see cref="Video.Moments"/>, where <see cref="VideoUrl"/> is the moment's own render).
/// </summary>
public sealed class VideoMoment
{
    /// <summary>What the avatar says; exclusive with <see cref="AudioUrl"/>.</summary>
    public string? Transcript { get; set; }

    /// <summary>The avatar that speaks.</summary>
    public string AvatarId { get; set; } = "";

    /// <summary>The voice; the avatar's own when omitted.</summary>
    public string? VoiceId { get; set; }

    /// <summary>An https URL of audio to use instead of generated speech; exclusive with <see cref="Transcript"/>.</summary>
    public string? AudioUrl { get; set; }

    /// <summary>The gesture of the avatar to use (one of its gestures' slugs).</summary>
    public string? GestureSlug { get; set; }

    /// <summary>The zoom level, 1 to 2.</summary>
    public double? Zoom { get; set; }

    /// <summary>An uploaded IMAGE or VIDEO asset shown as B-roll during the moment.</summary>
    public string? BrollAssetId { get; set; }

    /// <summary>The moment's own render (in a video the API returned).</summary>
    public string? VideoUrl { get; set; }

    /// <summary>How many characters the moment's transcript has (Unicode characters, as the API counts them).</summary>
    public int TranscriptLength => Transcript is null ? 0 : Commands.InputRules.CharacterCount(Transcript);

    /// <inheritdoc/>
    public override string ToString()
    {
        var speech = Transcript is not null ? "\"" + Shorten(Transcript, 60) + "\"" : AudioUrl is not null ? "audio " + AudioUrl : "(no speech)";
        return AvatarId.Length == 0 ? speech : $"{AvatarId}: {speech}";
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text.Substring(0, length - 1) + "…";
}

/// <summary>A video's moments; as text (Export-Csv, string interpolation) how many there are.</summary>
public sealed class VideoMomentList : List<VideoMoment>
{
    /// <summary>An empty list.</summary>
    public VideoMomentList()
    {
    }

    /// <summary>A list of the given moments.</summary>
    public VideoMomentList(IEnumerable<VideoMoment> moments) : base(moments)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => Count == 1 ? "1 moment" : $"{Count} moments";
}

/// <summary>A video's extras; as text (Export-Csv, string interpolation) key=value pairs separated by semicolons.</summary>
public sealed class VideoExtras : Dictionary<string, string>
{
    /// <summary>An empty set of extras.</summary>
    public VideoExtras() : base(StringComparer.Ordinal)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", this.Select(p => p.Key + "=" + p.Value));
}

/// <summary>A video's subtitles, as the API returns them.</summary>
public sealed class VideoSubtitles
{
    /// <summary>Whether subtitles are enabled.</summary>
    public bool Enable { get; set; }

    /// <summary>The subtitle style (from Get-ArgilSubtitleStyle), when the API says.</summary>
    public string? StyleId { get; set; }

    /// <summary>Top, Middle or Bottom, when the API says.</summary>
    public string? Position { get; set; }

    /// <summary>Small, Medium or Large, when the API says.</summary>
    public string? Size { get; set; }

    /// <inheritdoc/>
    public override string ToString()
    {
        if (!Enable) return "Disabled";
        var details = new[] { StyleId, Position, Size }.Where(s => !string.IsNullOrEmpty(s)).ToArray();
        return details.Length == 0 ? "Enabled" : "Enabled (" + string.Join(", ", details) + ")";
    }
}

/// <summary>
/// The video statuses, named as the API spells them. <see cref="Video.Status"/> is a string so that
/// values added later never fail a call.
/// </summary>
public static class VideoStatus
{
    /// <summary>Created, not rendered (or, after a render, as some clients see it, finished).</summary>
    public const string IDLE = "IDLE";
    /// <summary>Rendering: generating the speech.</summary>
    public const string GENERATING_AUDIO = "GENERATING_AUDIO";
    /// <summary>Rendering: generating the video.</summary>
    public const string GENERATING_VIDEO = "GENERATING_VIDEO";
    /// <summary>Rendered: <see cref="Video.VideoUrl"/> is the MP4.</summary>
    public const string DONE = "DONE";
    /// <summary>The render failed (Argil refunds it).</summary>
    public const string FAILED = "FAILED";
    /// <summary>Refused by moderation.</summary>
    public const string CONTENT_MODERATED = "CONTENT_MODERATED";

    /// <summary>True for a status after which a render will not change any more (DONE, FAILED, CONTENT_MODERATED).</summary>
    public static bool IsTerminal(string? status) => Is(status, DONE) || Is(status, FAILED) || Is(status, CONTENT_MODERATED);

    /// <summary>Whether <paramref name="status"/> is <paramref name="expected"/>, whatever its case.</summary>
    public static bool Is(string? status, string expected) => string.Equals(status, expected, StringComparison.OrdinalIgnoreCase);
}
