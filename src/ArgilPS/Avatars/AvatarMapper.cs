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
    /// <summary>
    /// One avatar from a body. Null for a JSON null; a JsonException for a body that is not one
    /// object; a FormatException for an avatar without id. A field of the wrong type (a number for
    /// a date, "abc" for a width, an array for the extras) is read as unknown, with a debug line
    /// naming it, and the avatar is still returned: a field the API changes must not fail a call.
    /// </summary>
    public static Avatar? ReadAvatar(string body, Action<string> wrongField) =>
        JsonFields.ReadObject(body, "avatar", wrongField, Read);

    /// <summary>A list of avatars from a body: a JSON array, whose null entries are skipped.</summary>
    public static List<Avatar>? ReadAvatars(string body, Action<string> wrongField) =>
        JsonFields.ReadArray(body, "avatar", wrongField, Read);

    /// <summary>
    /// Avatar <paramref name="index"/> of a list read item by item: null for a JSON null (skipped),
    /// a FormatException for what is not an object, else the avatar, as <see cref="ReadAvatars"/> reads it.
    /// </summary>
    public static Avatar? ReadListItem(JsonElement item, int index, Action<string> wrongField) =>
        JsonFields.ReadItem(item, index, "avatar", wrongField, Read);

    private enum Field { Id, Name, ActorName, Status, Orientation, Model, ThumbnailUrl, CoverImageUrl, CreatedAt, CreateAt, UpdatedAt, Width, Height, Gestures, Extras }

    private enum GestureField { Label, Slug, StartFrame }

    private static readonly JsonKeys<Field> Keys = JsonKeys<Field>.Instance;
    private static readonly JsonKeys<GestureField> GestureKeys = JsonKeys<GestureField>.Instance;
    private static readonly KnownValues Statuses = new(AvatarStatus.Idle, AvatarStatus.Training, AvatarStatus.TrainingFailed, AvatarStatus.Refused, AvatarStatus.NotTrained);
    private static readonly KnownValues Orientations = new("ASPECT_RATIO_16_9", "ASPECT_RATIO_9_16");
    private static readonly KnownValues Models = new("ARGIL_V1", "ARGIL_ATOM");

    /// <summary>
    /// Straight from the element to the public type: no intermediate object, and nothing allocated for
    /// a field beyond its value (names are matched as bytes, the report of a wrong field is built only
    /// when one is wrong, known statuses and models are shared strings).
    /// </summary>
    private static Avatar Read(JsonElement avatar, JsonFields fields)
    {
        string? id = null;
        DateTime? createdAt = null, createAt = null;
        var result = new Avatar();
        foreach (var p in avatar.EnumerateObject())
        {
            if (!Keys.TryFind(p, out var field)) continue;
            var v = p.Value;
            switch (field)
            {
                case Field.Id: id = fields.Text(v, "id"); break;
                case Field.Name: result.Name = fields.Text(v, "name") ?? ""; break;
                case Field.ActorName: result.ActorName = fields.Text(v, "actorName"); break;
                case Field.Status: result.Status = fields.Known(v, "status", Statuses) ?? ""; break;
                case Field.Orientation: result.Orientation = fields.Known(v, "orientation", Orientations); break;
                case Field.Model: result.Model = fields.Known(v, "model", Models); break;
                case Field.ThumbnailUrl: result.ThumbnailUrl = fields.Text(v, "thumbnailUrl"); break;
                case Field.CoverImageUrl: result.CoverImageUrl = fields.Text(v, "coverImageUrl"); break;
                case Field.CreatedAt: createdAt = fields.Date(v, "createdAt"); break;
                case Field.CreateAt: createAt = fields.Date(v, "createAt"); break;
                case Field.UpdatedAt: result.UpdatedAt = fields.Date(v, "updatedAt"); break;
                case Field.Width: result.Width = ToInt(fields.Number(v, "width")); break;
                case Field.Height: result.Height = ToInt(fields.Number(v, "height")); break;
                case Field.Gestures: result.Gestures = Gestures(v, fields); break;
                case Field.Extras:
                    var extras = new AvatarExtras();
                    if (v.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var e in v.EnumerateObject()) extras[e.Name] = JsonFields.ExtraText(e.Value);
                    }
                    else if (v.ValueKind != JsonValueKind.Null) fields.Wrong("extras", v, "an object of key-value pairs");
                    result.Extras = extras;
                    break;
            }
        }
        if (string.IsNullOrEmpty(id)) throw new FormatException($"{fields.Which} has no id.");
        result.Id = id!;
        // createdAt as documented; createAt as older documentation spells it, when createdAt is not there.
        result.CreatedAt = createdAt ?? createAt;
        return result;
    }

    private static AvatarGestureList Gestures(JsonElement value, JsonFields fields)
    {
        if (value.ValueKind == JsonValueKind.Null) return new AvatarGestureList();
        if (value.ValueKind != JsonValueKind.Array)
        {
            fields.Report("gestures", value, "a list", "it is read as empty");
            return new AvatarGestureList();
        }
        var list = new AvatarGestureList(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            index++;
            if (item.ValueKind == JsonValueKind.Null) continue;
            if (item.ValueKind != JsonValueKind.Object)
            {
                fields.Say($"gesture {index} is {JsonFields.Kind(item)}, not an object; it is skipped.");
                continue;
            }
            var part = fields.Part("gesture", index);
            var gesture = new AvatarGesture();
            foreach (var p in item.EnumerateObject())
            {
                if (!GestureKeys.TryFind(p, out var field)) continue;
                var v = p.Value;
                switch (field)
                {
                    case GestureField.Label: gesture.Label = part.Text(v, "label"); break;
                    case GestureField.Slug: gesture.Slug = part.Text(v, "slug"); break;
                    case GestureField.StartFrame: gesture.StartFrame = part.Number(v, "startFrame"); break;
                }
            }
            list.Add(gesture);
        }
        return list;
    }


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
    internal static DateTime? ParseDate(string? text) => JsonFields.ParseDate(text);

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
