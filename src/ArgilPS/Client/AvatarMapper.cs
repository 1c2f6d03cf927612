using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace ArgilPS.Client;

/// <summary>From what the API sent to what users see.</summary>
internal static class AvatarMapper
{
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
