using System.Text.Json.Serialization;

namespace ArgilPS.Videos;

/// <summary>Source-generated JSON for the few values the video operations write outside a <see cref="System.Text.Json.Utf8JsonWriter"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(string))]
internal sealed partial class VideoJsonContext : JsonSerializerContext
{
}
