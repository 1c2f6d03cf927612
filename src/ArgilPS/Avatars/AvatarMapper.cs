using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

using ArgilPS.Core;

namespace ArgilPS.Avatars;

/// <summary>From what the API sent to what users see.</summary>
internal static class AvatarMapper
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// One avatar from a body. Null for a JSON null; a JsonException for a body that is not one
    /// object; a FormatException for an avatar without id. A field of the wrong type (a number for
    /// a date, "abc" for a width, an array for the extras) is read as unknown, with a debug line
    /// naming it, and the avatar is still returned: a field the API changes must not fail a call.
    /// </summary>
    public static Avatar? ReadAvatar(string body, Action<string> wrongField)
    {
        using var doc = JsonDocument.Parse(body, Options);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException($"The answer is {Kind(root)}, not an avatar object.");
        return ToAvatar(ReadDto(root, "The avatar", wrongField));
    }

    /// <summary>A list of avatars from a body: a JSON array, whose null entries are skipped.</summary>
    public static List<Avatar>? ReadAvatars(string body, Action<string> wrongField)
    {
        using var doc = JsonDocument.Parse(body, Options);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Array) throw new JsonException($"The answer is {Kind(root)}, not a list of avatars.");
        var avatars = new List<Avatar>();
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            index++;
            if (item.ValueKind == JsonValueKind.Null) continue;
            if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"Item {index} of the list is {Kind(item)}, not an avatar.");
            avatars.Add(ToAvatar(ReadDto(item, $"Avatar {index} of the list", wrongField)));
        }
        return avatars;
    }

    /// <summary>
    /// Avatar <paramref name="index"/> of a list read item by item: null for a JSON null (skipped),
    /// a FormatException for what is not an object, else the avatar, as <see cref="ReadAvatars"/> reads it.
    /// </summary>
    public static Avatar? ReadListItem(JsonElement item, int index, Action<string> wrongField)
    {
        if (item.ValueKind == JsonValueKind.Null) return null;
        if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"Item {index} of the list is {Kind(item)}, not an avatar.");
        return ToAvatar(ReadDto(item, $"Avatar {index} of the list", wrongField));
    }

    private static AvatarDto ReadDto(JsonElement avatar, string which, Action<string> wrongField)
    {
        var dto = new AvatarDto();
        void Wrong(string field, JsonElement value, string expected) =>
            wrongField($"{which}: the field '{field}' is {Kind(value)}, not {expected}; it is read as unknown.");
        foreach (var p in avatar.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name.ToLowerInvariant())
            {
                case "id": dto.Id = Text(v, () => Wrong("id", v, "text")); break;
                case "name": dto.Name = Text(v, () => Wrong("name", v, "text")); break;
                case "actorname": dto.ActorName = Text(v, () => Wrong("actorName", v, "text")); break;
                case "status": dto.Status = Text(v, () => Wrong("status", v, "text")); break;
                case "orientation": dto.Orientation = Text(v, () => Wrong("orientation", v, "text")); break;
                case "model": dto.Model = Text(v, () => Wrong("model", v, "text")); break;
                case "thumbnailurl": dto.ThumbnailUrl = Text(v, () => Wrong("thumbnailUrl", v, "text")); break;
                case "coverimageurl": dto.CoverImageUrl = Text(v, () => Wrong("coverImageUrl", v, "text")); break;
                case "createdat": dto.CreatedAt = Text(v, () => Wrong("createdAt", v, "a date")); break;
                case "createat": dto.CreateAt = Text(v, () => Wrong("createAt", v, "a date")); break;
                case "updatedat": dto.UpdatedAt = Text(v, () => Wrong("updatedAt", v, "a date")); break;
                case "width": dto.Width = Number(v, () => Wrong("width", v, "a number")); break;
                case "height": dto.Height = Number(v, () => Wrong("height", v, "a number")); break;
                case "gestures": dto.Gestures = Gestures(v, which, wrongField); break;
                case "extras":
                    if (v.ValueKind == JsonValueKind.Object)
                    {
                        dto.Extras = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                        // Read into text (ToAvatar) while the document is open: no copy is needed.
                        foreach (var e in v.EnumerateObject()) dto.Extras[e.Name] = e.Value;
                    }
                    else
                    {
                        dto.Extras = null;
                        if (v.ValueKind != JsonValueKind.Null) Wrong("extras", v, "an object of key-value pairs");
                    }
                    break;
            }
        }
        return dto;
    }

    private static List<GestureDto?>? Gestures(JsonElement value, string which, Action<string> wrongField)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            wrongField($"{which}: the field 'gestures' is {Kind(value)}, not a list; it is read as empty.");
            return null;
        }
        var list = new List<GestureDto?>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            index++;
            if (item.ValueKind == JsonValueKind.Null) continue;
            if (item.ValueKind != JsonValueKind.Object)
            {
                wrongField($"{which}: gesture {index} is {Kind(item)}, not an object; it is skipped.");
                continue;
            }
            var gesture = new GestureDto();
            void Wrong(string field, JsonElement v, string expected) =>
                wrongField($"{which}: the field '{field}' of gesture {index} is {Kind(v)}, not {expected}; it is read as unknown.");
            foreach (var p in item.EnumerateObject())
            {
                var v = p.Value;
                switch (p.Name.ToLowerInvariant())
                {
                    case "label": gesture.Label = Text(v, () => Wrong("label", v, "text")); break;
                    case "slug": gesture.Slug = Text(v, () => Wrong("slug", v, "text")); break;
                    case "startframe": gesture.StartFrame = Number(v, () => Wrong("startFrame", v, "a number")); break;
                }
            }
            list.Add(gesture);
        }
        return list;
    }

    private static string? Text(JsonElement value, Action wrong)
    {
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        if (value.ValueKind != JsonValueKind.Null) wrong();
        return null;
    }

    /// <summary>A number, or a number written as text ("1920"), as the API has sent both.</summary>
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

    public static Avatar ToAvatar(AvatarDto dto)
    {
        if (string.IsNullOrEmpty(dto.Id)) throw new FormatException("The avatar has no id.");
        return new Avatar
        {
            Id = dto.Id!,
            Name = dto.Name ?? "",
            ActorName = dto.ActorName,
            Status = dto.Status ?? "",
            Orientation = dto.Orientation,
            Model = dto.Model,
            Width = ToInt(dto.Width),
            Height = ToInt(dto.Height),
            ThumbnailUrl = dto.ThumbnailUrl,
            CoverImageUrl = dto.CoverImageUrl,
            CreatedAt = ParseDate(dto.CreatedAt ?? dto.CreateAt),
            UpdatedAt = ParseDate(dto.UpdatedAt),
            Gestures = new AvatarGestureList(dto.Gestures?.Where(g => g is not null)
                .Select(g => new AvatarGesture { Label = g!.Label, Slug = g.Slug, StartFrame = g.StartFrame })
                ?? Enumerable.Empty<AvatarGesture>()),
            Extras = ToExtras(dto.Extras),
        };
    }

    private static int? ToInt(double? value) =>
        value is { } v && !double.IsNaN(v) && !double.IsInfinity(v) && v >= int.MinValue && v <= int.MaxValue ? (int)Math.Round(v) : null;

    /// <summary>ISO 8601 as the API documents; anything unreadable becomes "unknown" rather than a failed call.</summary>
    internal static DateTime? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : null;
    }

    private static AvatarExtras ToExtras(Dictionary<string, JsonElement>? extras)
    {
        var result = new AvatarExtras();
        if (extras is null) return result;
        foreach (var pair in extras)
        {
            result[pair.Key] = pair.Value.ValueKind switch
            {
                JsonValueKind.String => pair.Value.GetString() ?? "",
                JsonValueKind.Null or JsonValueKind.Undefined => "",
                _ => pair.Value.GetRawText(),
            };
        }
        return result;
    }
}
