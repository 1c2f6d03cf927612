using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ArgilPS.Videos;

/// <summary>
/// From what the API sent to what users see. Lenient on purpose: unknown fields are ignored, a
/// field of the wrong type is read as unknown (with a debug line naming it), statuses and enums
/// are kept as the API spells them, and the creation time is read as createdAt or createAt.
/// </summary>
internal static class VideoMapper
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// One video from a body. Null for a JSON null; a JsonException for a body that is not one
    /// object; a FormatException for a video without id.
    /// </summary>
    public static Video? ReadVideo(string body, Action<string> wrongField)
    {
        using var doc = JsonDocument.Parse(body, Options);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException($"The answer is {Kind(root)}, not a video object.");
        return ToVideo(root, "The video", wrongField);
    }

    /// <summary>A list of videos from a JSON array (the items of one page), whose null entries are skipped.</summary>
    public static List<Video>? ReadVideos(string json, Action<string> wrongField)
    {
        using var doc = JsonDocument.Parse(json, Options);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Array) throw new JsonException($"The answer is {Kind(root)}, not a list of videos.");
        var videos = new List<Video>();
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            if (ReadListItem(item, ++index, wrongField) is { } video) videos.Add(video);
        }
        return videos;
    }

    /// <summary>
    /// Item <paramref name="index"/> (from 1) of a streamed list of videos (GET /videos reads its pages
    /// with it): null for a JSON null, a FormatException for an entry that is not an object or a video
    /// without id. Nothing of the element is kept.
    /// </summary>
    public static Video? ReadListItem(JsonElement item, int index, Action<string> wrongField)
    {
        if (item.ValueKind == JsonValueKind.Null) return null;
        if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"Item {index} of the list is {Kind(item)}, not a video.");
        return ToVideo(item, $"Video {index} of the list", wrongField);
    }

    /// <summary>The <c>message</c> of an answer such as DELETE's <c>{ "message": "..." }</c>; empty when there is none (a 204, or another shape).</summary>
    public static string ReadMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "";
        try
        {
            using var doc = JsonDocument.Parse(body, Options);
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

    private static Video ToVideo(JsonElement video, string which, Action<string> wrongField)
    {
        void Wrong(string field, JsonElement value, string expected) =>
            wrongField($"{which}: the field '{field}' is {Kind(value)}, not {expected}; it is read as unknown.");
        string? id = null, name = null, status = null, createdAt = null, createAt = null, updatedAt = null;
        var result = new Video();
        foreach (var p in video.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name.ToLowerInvariant())
            {
                case "id": id = Text(v, () => Wrong("id", v, "text")); break;
                case "name": name = Text(v, () => Wrong("name", v, "text")); break;
                case "status": status = Text(v, () => Wrong("status", v, "text")); break;
                case "aspectratio": result.AspectRatio = Text(v, () => Wrong("aspectRatio", v, "text")); break;
                case "videourl": result.VideoUrl = Text(v, () => Wrong("videoUrl", v, "text")); break;
                case "videourlsubtitled": result.VideoUrlSubtitled = Text(v, () => Wrong("videoUrlSubtitled", v, "text")); break;
                case "previewurl": result.PreviewUrl = Text(v, () => Wrong("previewUrl", v, "text")); break;
                case "createdat": createdAt = Text(v, () => Wrong("createdAt", v, "a date")); break;
                case "createat": createAt = Text(v, () => Wrong("createAt", v, "a date")); break;
                case "updatedat": updatedAt = Text(v, () => Wrong("updatedAt", v, "a date")); break;
                case "moments": result.Moments = Moments(v, which, wrongField); break;
                case "subtitles": result.Subtitles = Subtitles(v, () => Wrong("subtitles", v, "an object")); break;
                case "extras": result.Extras = Extras(v, () => Wrong("extras", v, "an object of key-value pairs")); break;
            }
        }
        if (string.IsNullOrEmpty(id)) throw new FormatException($"{which} has no id.");
        result.Id = id!;
        result.Name = name ?? "";
        result.Status = status ?? "";
        result.CreatedAt = ParseDate(createdAt ?? createAt);
        result.UpdatedAt = ParseDate(updatedAt);
        return result;
    }

    private static VideoMomentList Moments(JsonElement value, string which, Action<string> wrongField)
    {
        var list = new VideoMomentList();
        if (value.ValueKind == JsonValueKind.Null) return list;
        if (value.ValueKind != JsonValueKind.Array)
        {
            wrongField($"{which}: the field 'moments' is {Kind(value)}, not a list; it is read as empty.");
            return list;
        }
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            index++;
            if (item.ValueKind == JsonValueKind.Null) continue;
            if (item.ValueKind != JsonValueKind.Object)
            {
                wrongField($"{which}: moment {index} is {Kind(item)}, not an object; it is skipped.");
                continue;
            }
            void Wrong(string field, JsonElement v, string expected) =>
                wrongField($"{which}: the field '{field}' of moment {index} is {Kind(v)}, not {expected}; it is read as unknown.");
            var moment = new VideoMoment();
            foreach (var p in item.EnumerateObject())
            {
                var v = p.Value;
                switch (p.Name.ToLowerInvariant())
                {
                    case "transcript": moment.Transcript = Text(v, () => Wrong("transcript", v, "text")); break;
                    case "avatarid": moment.AvatarId = Text(v, () => Wrong("avatarId", v, "text")) ?? ""; break;
                    case "voiceid": moment.VoiceId = Text(v, () => Wrong("voiceId", v, "text")); break;
                    case "audiourl": moment.AudioUrl = Text(v, () => Wrong("audioUrl", v, "text")); break;
                    case "gestureslug": moment.GestureSlug = Text(v, () => Wrong("gestureSlug", v, "text")); break;
                    case "videourl": moment.VideoUrl = Text(v, () => Wrong("videoUrl", v, "text")); break;
                    case "zoom": moment.Zoom = ZoomLevel(v, () => Wrong("zoom", v, "an object with a level")); break;
                    case "broll":
                        if (v.ValueKind == JsonValueKind.Object)
                        {
                            if (Property(v, "assetId") is { } asset) moment.BrollAssetId = Text(asset, () => Wrong("broll.assetId", asset, "text"));
                        }
                        else if (v.ValueKind != JsonValueKind.Null) Wrong("broll", v, "an object");
                        break;
                }
            }
            list.Add(moment);
        }
        return list;
    }

    /// <summary>zoom is documented as <c>{ level }</c>; a bare number is read too, and an empty object (as the render example shows) is no zoom.</summary>
    private static double? ZoomLevel(JsonElement value, Action wrong)
    {
        if (value.ValueKind == JsonValueKind.Object) return Property(value, "level") is { } level ? Number(level, wrong) : null;
        return Number(value, wrong);
    }

    private static VideoSubtitles? Subtitles(JsonElement value, Action wrong)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return new VideoSubtitles { Enable = value.ValueKind == JsonValueKind.True };
        if (value.ValueKind != JsonValueKind.Object)
        {
            wrong();
            return null;
        }
        var subtitles = new VideoSubtitles();
        foreach (var p in value.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name.ToLowerInvariant())
            {
                case "enable": subtitles.Enable = v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), "true", StringComparison.OrdinalIgnoreCase)); break;
                case "styleid": subtitles.StyleId = v.ValueKind == JsonValueKind.String ? v.GetString() : null; break;
                case "position": subtitles.Position = v.ValueKind == JsonValueKind.String ? v.GetString() : null; break;
                case "size": subtitles.Size = v.ValueKind == JsonValueKind.String ? v.GetString() : null; break;
            }
        }
        return subtitles;
    }

    private static VideoExtras Extras(JsonElement value, Action wrong)
    {
        var result = new VideoExtras();
        if (value.ValueKind != JsonValueKind.Object)
        {
            if (value.ValueKind != JsonValueKind.Null) wrong();
            return result;
        }
        foreach (var e in value.EnumerateObject())
        {
            result[e.Name] = e.Value.ValueKind switch
            {
                JsonValueKind.String => e.Value.GetString() ?? "",
                JsonValueKind.Null or JsonValueKind.Undefined => "",
                _ => e.Value.GetRawText(),
            };
        }
        return result;
    }

    private static JsonElement? Property(JsonElement obj, string name)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        }
        return null;
    }

    private static string? Text(JsonElement value, Action wrong)
    {
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        if (value.ValueKind != JsonValueKind.Null) wrong();
        return null;
    }

    /// <summary>A number, or a number written as text ("1.5").</summary>
    private static double? Number(JsonElement value, Action wrong)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDouble(out var d) ? d : null;
            case JsonValueKind.String:
                if (double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return parsed;
                wrong();
                return null;
            case JsonValueKind.Null:
                return null;
            default:
                wrong();
                return null;
        }
    }

    /// <summary>ISO 8601 as the API documents; anything unreadable becomes "unknown" rather than a failed call.</summary>
    private static DateTime? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.UtcDateTime : null;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "text that is not one",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "something else",
    };
}
