using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using ArgilPS.Core;

namespace ArgilPS.Avatars;

/// <summary>The body of POST /avatars, in either of its documented modes.</summary>
internal sealed class NewAvatarRequest
{
    public string Name { get; set; } = "";

    /// <summary>Image mode: an https URL or a data:image/...;base64, URI.</summary>
    public string? ImageUrl { get; set; }
    public string? ImageDataUri { get; set; }
    public string? VoiceId { get; set; }

    /// <summary>Video mode (deprecated by Argil).</summary>
    public string? DatasetVideoUrl { get; set; }
    public string? ConsentVideoUrl { get; set; }
    public IDictionary<string, string>? Extras { get; set; }

    public bool IsVideoMode => DatasetVideoUrl is not null;

    /// <summary>Writes only the fields that are set: the API's schemas forbid unknown and null properties.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        // The relaxed encoder writes '+' in base64 image data as itself, not as \u002B (six bytes, and unreadable in logs).
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (IsVideoMode)
            {
                json.WriteString("name", Name);
                WriteUrlObject(json, "datasetVideo", "url", DatasetVideoUrl!);
                if (ConsentVideoUrl is not null) WriteUrlObject(json, "consentVideo", "url", ConsentVideoUrl);
            }
            else
            {
                json.WriteString("type", "IMAGE");
                json.WriteString("name", Name);
                if (ImageDataUri is not null) WriteUrlObject(json, "datasetImage", "base64", ImageDataUri);
                else WriteUrlObject(json, "datasetImage", "url", ImageUrl ?? "");
                if (VoiceId is not null) json.WriteString("voiceId", VoiceId);
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

    private static void WriteUrlObject(Utf8JsonWriter json, string name, string field, string value)
    {
        json.WriteStartObject(name);
        json.WriteString(field, value);
        json.WriteEndObject();
    }
}

/// <summary>The query of GET /avatars.</summary>
internal sealed class AvatarListFilter
{
    public string? Orientation { get; set; }
    public string? Model { get; set; }
    public string? Visibility { get; set; }
}
