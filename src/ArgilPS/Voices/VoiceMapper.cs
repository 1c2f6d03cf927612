using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ArgilPS.Voices;

/// <summary>
/// From what the API sent to what users see: voices and provider syncs, read leniently. Unknown
/// fields are ignored, unknown values pass through, a null language or gender stays null, the
/// creation time is read as createdAt or (older documentation) createAt, and a field of the wrong
/// type is read as unknown with a debug line naming it. Only an item without an id fails.
/// </summary>
internal static class VoiceMapper
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>One voice from a body; null for a JSON null; a JsonException or FormatException for anything that is not a voice.</summary>
    public static Voice? ReadVoice(string body, Action<string> wrongField)
    {
        using var doc = JsonDocument.Parse(body, Options);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException($"The answer is {Kind(root)}, not a voice object.");
        return ToVoice(root, "The voice", wrongField);
    }

    /// <summary>
    /// Item <paramref name="index"/> (from 1) of a streamed list of voices: null for a JSON null, a
    /// FormatException for an entry that is not an object. Nothing of the element is kept.
    /// </summary>
    public static Voice? ReadListItem(JsonElement item, int index, Action<string> wrongField)
    {
        if (item.ValueKind == JsonValueKind.Null) return null;
        if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"Item {index} of the list is {Kind(item)}, not a voice.");
        return ToVoice(item, $"Voice {index} of the list", wrongField);
    }

    /// <summary>The provider connections POST /voices/sync answers: a JSON array.</summary>
    public static List<VoiceProviderSync>? ReadProviderSyncs(string body, Action<string> wrongField) =>
        ReadArray(body, "provider connection", "Provider connection", ToProviderSync, wrongField);

    private static List<T>? ReadArray<T>(string body, string what, string What, Func<JsonElement, string, Action<string>, T> read, Action<string> wrongField)
    {
        using var doc = JsonDocument.Parse(body, Options);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Array) throw new JsonException($"The answer is {Kind(root)}, not a list of {what}s.");
        var items = new List<T>();
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            index++;
            if (item.ValueKind == JsonValueKind.Null) continue;
            if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"Item {index} of the list is {Kind(item)}, not a {what}.");
            items.Add(read(item, $"{What} {index} of the list", wrongField));
        }
        return items;
    }

    private static Voice ToVoice(JsonElement voice, string which, Action<string> wrongField)
    {
        string? id = null, name = null, status = null, language = null, gender = null, sampleUrl = null, createdAt = null, createAt = null, updatedAt = null;
        void Wrong(string field, JsonElement value, string expected) =>
            wrongField($"{which}: the field '{field}' is {Kind(value)}, not {expected}; it is read as unknown.");
        foreach (var p in voice.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name.ToLowerInvariant())
            {
                case "id": id = Text(v, () => Wrong("id", v, "text")); break;
                case "name": name = Text(v, () => Wrong("name", v, "text")); break;
                case "status": status = Text(v, () => Wrong("status", v, "text")); break;
                case "language": language = Text(v, () => Wrong("language", v, "text")); break;
                case "gender": gender = Text(v, () => Wrong("gender", v, "text")); break;
                case "sampleurl": sampleUrl = Text(v, () => Wrong("sampleUrl", v, "text")); break;
                case "createdat": createdAt = Text(v, () => Wrong("createdAt", v, "a date")); break;
                case "createat": createAt = Text(v, () => Wrong("createAt", v, "a date")); break;
                case "updatedat": updatedAt = Text(v, () => Wrong("updatedAt", v, "a date")); break;
            }
        }
        if (string.IsNullOrEmpty(id)) throw new FormatException($"{which} has no id.");
        return new Voice
        {
            Id = id!,
            Name = name ?? "",
            Status = status ?? "",
            Language = language,
            Gender = gender,
            SampleUrl = sampleUrl,
            // The documented spelling wins when both are there.
            CreatedAt = ParseDate(createdAt) ?? ParseDate(createAt),
            UpdatedAt = ParseDate(updatedAt),
        };
    }

    private static VoiceProviderSync ToProviderSync(JsonElement sync, string which, Action<string> wrongField)
    {
        string? id = null, provider = null, connection = null, status = null;
        void Wrong(string field, JsonElement value) =>
            wrongField($"{which}: the field '{field}' is {Kind(value)}, not text; it is read as unknown.");
        foreach (var p in sync.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name.ToLowerInvariant())
            {
                case "id": id = Text(v, () => Wrong("id", v)); break;
                case "providername": provider = Text(v, () => Wrong("providerName", v)); break;
                case "connectionname": connection = Text(v, () => Wrong("connectionName", v)); break;
                case "syncstatus": status = Text(v, () => Wrong("syncStatus", v)); break;
            }
        }
        if (string.IsNullOrEmpty(id)) throw new FormatException($"{which} has no id.");
        return new VoiceProviderSync { Id = id!, ProviderName = provider ?? "", ConnectionName = connection, SyncStatus = status ?? "" };
    }

    private static string? Text(JsonElement value, Action wrong)
    {
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        if (value.ValueKind != JsonValueKind.Null) wrong();
        return null;
    }

    /// <summary>ISO 8601 as the API documents; anything unreadable becomes "unknown" rather than a failed call.</summary>
    private static DateTime? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : null;
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
