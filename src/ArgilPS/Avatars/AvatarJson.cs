using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

using ArgilPS.Core;

namespace ArgilPS.Avatars;

/// <summary>The avatar as the API sends it. Lenient on purpose: unknown fields are ignored, numbers may come as strings.</summary>
internal sealed class AvatarDto
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? ActorName { get; set; }
    public string? Status { get; set; }
    public string? Orientation { get; set; }
    public string? Model { get; set; }
    public double? Width { get; set; }
    public double? Height { get; set; }
    public string? ThumbnailUrl { get; set; }
    public string? CoverImageUrl { get; set; }
    public string? CreatedAt { get; set; }

    /// <summary>Older documentation spells it so; read either.</summary>
    public string? CreateAt { get; set; }
    public string? UpdatedAt { get; set; }
    public List<GestureDto?>? Gestures { get; set; }
    public Dictionary<string, JsonElement>? Extras { get; set; }
}

internal sealed class GestureDto
{
    public string? Label { get; set; }
    public string? Slug { get; set; }
    public double? StartFrame { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(AvatarDto))]
[JsonSerializable(typeof(List<AvatarDto?>))]
internal sealed partial class AvatarJsonContext : JsonSerializerContext
{
}
