using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ArgilPS.Videos;

/// <summary>
/// The body of POST /videos (argil-api.md §5.2). Only what is set is written: the API's objects
/// are additionalProperties: false, and a null is not "omitted".
/// </summary>
internal sealed class NewVideoRequest
{
    public string Name { get; set; } = "";
    public List<VideoMoment> Moments { get; set; } = new();

    /// <summary>"16:9" or "9:16".</summary>
    public string? AspectRatio { get; set; }

    /// <summary>ARGIL_V1 or ARGIL_ATOM.</summary>
    public string? Model { get; set; }

    /// <summary><c>subtitles: { enable: true, styleId?, position?, size? }</c>; null for none.</summary>
    public SubtitleSettings? Subtitles { get; set; }

    /// <summary><c>autoBrolls: { enable: true, source, intensity?, layout? }</c>; null for none.</summary>
    public AutoBrollSettings? AutoBrolls { get; set; }

    /// <summary><c>backgroundMusic: { assetId, volume? }</c>; null for none.</summary>
    public string? BackgroundMusicAssetId { get; set; }
    public double? BackgroundMusicVolume { get; set; }

    public IDictionary<string, string>? Extras { get; set; }

    /// <summary>How many characters of transcript the moments hold (Unicode characters).</summary>
    public int TranscriptCharacters => Moments.Sum(m => m.TranscriptLength);

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteStartArray("moments");
            foreach (var moment in Moments) WriteMoment(json, moment);
            json.WriteEndArray();
            if (AspectRatio is not null) json.WriteString("aspectRatio", AspectRatio);
            if (Model is not null) json.WriteString("model", Model);
            if (Subtitles is { } subtitles)
            {
                json.WriteStartObject("subtitles");
                json.WriteBoolean("enable", true);
                if (subtitles.StyleId is not null) json.WriteString("styleId", subtitles.StyleId);
                if (subtitles.Position is not null) json.WriteString("position", subtitles.Position);
                if (subtitles.Size is not null) json.WriteString("size", subtitles.Size);
                json.WriteEndObject();
            }
            if (AutoBrolls is { } brolls)
            {
                json.WriteStartObject("autoBrolls");
                json.WriteBoolean("enable", true);
                json.WriteString("source", brolls.Source);
                if (brolls.Intensity is not null) json.WriteString("intensity", brolls.Intensity);
                if (brolls.Layout is not null) json.WriteString("layout", brolls.Layout);
                json.WriteEndObject();
            }
            if (BackgroundMusicAssetId is not null)
            {
                json.WriteStartObject("backgroundMusic");
                json.WriteString("assetId", BackgroundMusicAssetId);
                if (BackgroundMusicVolume is { } volume) json.WriteNumber("volume", volume);
                json.WriteEndObject();
            }
            if (Extras is { Count: > 0 })
            {
                json.WriteStartObject("extras");
                foreach (var pair in Extras) json.WriteString(pair.Key, pair.Value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>One moment as the request documents it: zoom as <c>{ level }</c>, B-roll as <c>{ type: "UPLOAD", assetId }</c>.</summary>
    internal static void WriteMoment(Utf8JsonWriter json, VideoMoment moment)
    {
        json.WriteStartObject();
        if (moment.Transcript is not null) json.WriteString("transcript", moment.Transcript);
        json.WriteString("avatarId", moment.AvatarId);
        if (!string.IsNullOrEmpty(moment.VoiceId)) json.WriteString("voiceId", moment.VoiceId);
        if (moment.AudioUrl is not null) json.WriteString("audioUrl", moment.AudioUrl);
        if (!string.IsNullOrEmpty(moment.GestureSlug)) json.WriteString("gestureSlug", moment.GestureSlug);
        if (moment.Zoom is { } zoom)
        {
            json.WriteStartObject("zoom");
            json.WriteNumber("level", zoom);
            json.WriteEndObject();
        }
        if (!string.IsNullOrEmpty(moment.BrollAssetId))
        {
            json.WriteStartObject("broll");
            json.WriteString("type", "UPLOAD");
            json.WriteString("assetId", moment.BrollAssetId);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}

/// <summary>What goes in <c>subtitles</c> besides <c>enable: true</c>.</summary>
internal sealed class SubtitleSettings
{
    public string? StyleId { get; set; }

    /// <summary>Top, Middle or Bottom.</summary>
    public string? Position { get; set; }

    /// <summary>Small, Medium or Large.</summary>
    public string? Size { get; set; }
}

/// <summary>What goes in <c>autoBrolls</c> besides <c>enable: true</c>.</summary>
internal sealed class AutoBrollSettings
{
    /// <summary>GENERATION, GOOGLE_IMAGES, STOCKS_VIDEO or AVATAR_ACTION.</summary>
    public string Source { get; set; } = "";

    /// <summary>LOW, MEDIUM or HIGH; not with AVATAR_ACTION.</summary>
    public string? Intensity { get; set; }

    /// <summary>One of the documented layouts, or null.</summary>
    public string? Layout { get; set; }
}

/// <summary>The query of GET /videos.</summary>
internal sealed class VideoListFilter
{
    /// <summary>Case-insensitive substring of the name.</summary>
    public string? NameSearchQuery { get; set; }
    public string? AvatarId { get; set; }
    public string? VoiceId { get; set; }

    /// <summary>A JSON object as a string, such as <c>{"campaign":"spring"}</c>.</summary>
    public string? ExtrasFilter { get; set; }
}
