using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

using ArgilPS.Core;

namespace ArgilPS.Videos;

/// <summary>
/// From what the API sent to what users see. Lenient on purpose: unknown fields are ignored, a
/// field of the wrong type is read as unknown (with a debug line naming it), statuses and enums
/// are kept as the API spells them, and the creation time is read as createdAt or createAt.
/// </summary>
internal static class VideoMapper
{
    /// <summary>
    /// One video from a body. Null for a JSON null; a JsonException for a body that is not one
    /// object; a FormatException for a video without id.
    /// </summary>
    public static Video? ReadVideo(string body, Action<string> wrongField) =>
        JsonFields.ReadObject(body, "video", wrongField, ToVideo);

    /// <summary>A list of videos from a JSON array (the items of one page), whose null entries are skipped.</summary>
    public static List<Video>? ReadVideos(string json, Action<string> wrongField) =>
        JsonFields.ReadArray(json, "video", wrongField, ToVideo);

    /// <summary>
    /// Item <paramref name="index"/> (from 1) of a streamed list of videos (GET /videos reads its pages
    /// with it): null for a JSON null, a FormatException for an entry that is not an object or a video
    /// without id. Nothing of the element is kept.
    /// </summary>
    public static Video? ReadListItem(JsonElement item, int index, Action<string> wrongField) =>
        JsonFields.ReadItem(item, index, "video", wrongField, ToVideo);

    /// <summary>The <c>message</c> of an answer such as DELETE's <c>{ "message": "..." }</c>; empty when there is none (a 204, or another shape).</summary>
    public static string ReadMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "";
        try
        {
            using var doc = JsonDocument.Parse(body, JsonFields.DocumentOptions);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return "";
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (string.Equals(p.Name, "message", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String) return p.Value.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
            // A confirmation that cannot be read still confirms: the status said the video is gone.
        }
        return "";
    }

    private enum Field { Id, Name, Status, AspectRatio, VideoUrl, VideoUrlSubtitled, PreviewUrl, CreatedAt, CreateAt, UpdatedAt, Moments, Subtitles, Extras }

    private enum MomentField { Transcript, AvatarId, VoiceId, AudioUrl, GestureSlug, VideoUrl, Zoom, Broll }

    private static readonly JsonKeys<Field> Keys = JsonKeys<Field>.Instance;
    private enum SubtitleField { Enable, StyleId, Position, Size }

    private static readonly JsonKeys<MomentField> MomentKeys = JsonKeys<MomentField>.Instance;
    private static readonly JsonKeys<SubtitleField> SubtitleKeys = JsonKeys<SubtitleField>.Instance;
    private static readonly KnownValues Statuses = new(VideoStatus.IDLE, VideoStatus.GENERATING_AUDIO, VideoStatus.GENERATING_VIDEO, VideoStatus.DONE, VideoStatus.FAILED, VideoStatus.CONTENT_MODERATED);
    private static readonly KnownValues AspectRatios = new("16:9", "9:16");

    /// <summary>Straight from the element to the public type; nothing is allocated for a field beyond its value (see <see cref="JsonFields"/>).</summary>
    private static Video ToVideo(JsonElement video, JsonFields fields)
    {
        string? id = null;
        DateTime? createdAt = null, createAt = null;
        var result = new Video();
        foreach (var p in video.EnumerateObject())
        {
            if (!Keys.TryFind(p, out var field)) continue;
            var v = p.Value;
            switch (field)
            {
                case Field.Id: id = fields.Text(v, "id"); break;
                case Field.Name: result.Name = fields.Text(v, "name") ?? ""; break;
                case Field.Status: result.Status = fields.Known(v, "status", Statuses) ?? ""; break;
                case Field.AspectRatio: result.AspectRatio = fields.Known(v, "aspectRatio", AspectRatios); break;
                case Field.VideoUrl: result.VideoUrl = fields.Text(v, "videoUrl"); break;
                case Field.VideoUrlSubtitled: result.VideoUrlSubtitled = fields.Text(v, "videoUrlSubtitled"); break;
                case Field.PreviewUrl: result.PreviewUrl = fields.Text(v, "previewUrl"); break;
                case Field.CreatedAt: createdAt = fields.Date(v, "createdAt"); break;
                case Field.CreateAt: createAt = fields.Date(v, "createAt"); break;
                case Field.UpdatedAt: result.UpdatedAt = fields.Date(v, "updatedAt"); break;
                case Field.Moments: result.Moments = Moments(v, fields); break;
                case Field.Subtitles: result.Subtitles = Subtitles(v, fields); break;
                case Field.Extras: result.Extras = Extras(v, fields); break;
            }
        }
        if (string.IsNullOrEmpty(id)) throw new FormatException($"{fields.Which} has no id.");
        result.Id = id!;
        // createdAt as documented; createAt as older documentation spells it, when createdAt is not there.
        result.CreatedAt = createdAt ?? createAt;
        return result;
    }

    private static VideoMomentList Moments(JsonElement value, JsonFields fields)
    {
        var list = new VideoMomentList();
        if (value.ValueKind == JsonValueKind.Null) return list;
        if (value.ValueKind != JsonValueKind.Array)
        {
            fields.Report("moments", value, "a list", "it is read as empty");
            return list;
        }
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            index++;
            if (item.ValueKind == JsonValueKind.Null) continue;
            if (item.ValueKind != JsonValueKind.Object)
            {
                fields.Say($"moment {index} is {JsonFields.Kind(item)}, not an object; it is skipped.");
                continue;
            }
            var part = fields.Part("moment", index);
            var moment = new VideoMoment();
            foreach (var p in item.EnumerateObject())
            {
                if (!MomentKeys.TryFind(p, out var field)) continue;
                var v = p.Value;
                switch (field)
                {
                    case MomentField.Transcript: moment.Transcript = part.Text(v, "transcript"); break;
                    case MomentField.AvatarId: moment.AvatarId = part.Text(v, "avatarId") ?? ""; break;
                    case MomentField.VoiceId: moment.VoiceId = part.Text(v, "voiceId"); break;
                    case MomentField.AudioUrl: moment.AudioUrl = part.Text(v, "audioUrl"); break;
                    case MomentField.GestureSlug: moment.GestureSlug = part.Text(v, "gestureSlug"); break;
                    case MomentField.VideoUrl: moment.VideoUrl = part.Text(v, "videoUrl"); break;
                    case MomentField.Zoom: moment.Zoom = ZoomLevel(v, part); break;
                    case MomentField.Broll:
                        if (v.ValueKind == JsonValueKind.Object)
                        {
                            if (Property(v, "assetId") is { } asset) moment.BrollAssetId = part.Text(asset, "broll.assetId");
                        }
                        else if (v.ValueKind != JsonValueKind.Null) part.Wrong("broll", v, "an object");
                        break;
                }
            }
            list.Add(moment);
        }
        return list;
    }

    /// <summary>zoom is documented as <c>{ level }</c>; a bare number is read too, and an empty object (as the render example shows) is no zoom.</summary>
    private static double? ZoomLevel(JsonElement value, JsonFields fields)
    {
        const string expected = "an object with a level";
        if (value.ValueKind == JsonValueKind.Object) return Property(value, "level") is { } level ? fields.Number(level, "zoom", expected) : null;
        return fields.Number(value, "zoom", expected);
    }

    private static VideoSubtitles? Subtitles(JsonElement value, JsonFields fields)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return new VideoSubtitles { Enable = value.ValueKind == JsonValueKind.True };
        if (value.ValueKind != JsonValueKind.Object)
        {
            fields.Wrong("subtitles", value, "an object");
            return null;
        }
        var subtitles = new VideoSubtitles();
        foreach (var p in value.EnumerateObject())
        {
            if (!SubtitleKeys.TryFind(p, out var field)) continue;
            var v = p.Value;
            switch (field)
            {
                case SubtitleField.Enable: subtitles.Enable = v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), "true", StringComparison.OrdinalIgnoreCase)); break;
                case SubtitleField.StyleId: subtitles.StyleId = v.ValueKind == JsonValueKind.String ? v.GetString() : null; break;
                case SubtitleField.Position: subtitles.Position = v.ValueKind == JsonValueKind.String ? v.GetString() : null; break;
                case SubtitleField.Size: subtitles.Size = v.ValueKind == JsonValueKind.String ? v.GetString() : null; break;
            }
        }
        return subtitles;
    }

    private static VideoExtras Extras(JsonElement value, JsonFields fields)
    {
        var result = new VideoExtras();
        if (value.ValueKind != JsonValueKind.Object)
        {
            if (value.ValueKind != JsonValueKind.Null) fields.Wrong("extras", value, "an object of key-value pairs");
            return result;
        }
        foreach (var e in value.EnumerateObject()) result[e.Name] = JsonFields.ExtraText(e.Value);
        return result;
    }

    private static JsonElement? Property(JsonElement obj, string name)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (p.NameEquals(name)) return p.Value;
        }
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        }
        return null;
    }
}
