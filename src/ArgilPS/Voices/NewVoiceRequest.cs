using System.IO;
using System.Text;
using System.Text.Json;

namespace ArgilPS.Voices;

/// <summary>The body of POST /voices (argil-api.md §4.4): only the fields that were given.</summary>
internal sealed class NewVoiceRequest
{
    public string Name { get; set; } = "";
    public string AudioUrl { get; set; } = "";
    public string? ModelId { get; set; }
    public double? Stability { get; set; }
    public double? Similarity { get; set; }
    public double? Style { get; set; }
    public double? Speed { get; set; }
    public bool? SpeakerBoost { get; set; }
    public string? LanguageBoost { get; set; }
    public string? Emotion { get; set; }

    /// <summary>Writes only the fields that are set: the API's schemas forbid unknown and null properties.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteString("audioUrl", AudioUrl);
            if (ModelId is not null) json.WriteString("modelId", ModelId);
            Number(json, "voiceStability", Stability);
            Number(json, "voiceSimilarity", Similarity);
            Number(json, "voiceStyle", Style);
            Number(json, "voiceSpeed", Speed);
            if (SpeakerBoost is { } boost) json.WriteBoolean("speakerBoost", boost);
            if (LanguageBoost is not null) json.WriteString("languageBoost", LanguageBoost);
            if (Emotion is not null) json.WriteString("emotion", Emotion);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// As a decimal, so 0.7 is written "0.7" on every runtime (a double may come out as
    /// 0.69999999999999996 where the shortest round-trip form is not the default).
    /// </summary>
    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, (decimal)v);
    }
}

/// <summary>The query of GET /voices.</summary>
internal sealed class VoiceListFilter
{
    public string? Language { get; set; }
    public string? Gender { get; set; }
    public string? Visibility { get; set; }
}
