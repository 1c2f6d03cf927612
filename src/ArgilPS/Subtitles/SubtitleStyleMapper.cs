using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ArgilPS.Subtitles;

/// <summary>From what GET /subtitles sent to what users see: lenient, as every mapper.</summary>
internal static class SubtitleStyleMapper
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// The styles of one page's <c>items</c> array. Null entries are skipped; unknown fields are ignored;
    /// a field of the wrong type is read as unknown with a debug line; an entry that is not an object, or a
    /// style without an id, is a FormatException (an UnexpectedResponse for the caller).
    /// </summary>
    public static List<SubtitleStyle>? ReadStyles(string json, Action<string> wrongField)
    {
        using var doc = JsonDocument.Parse(json, Options);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Array) throw new JsonException("The items are not a list of subtitle styles.");
        var styles = new List<SubtitleStyle>();
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            index++;
            if (item.ValueKind == JsonValueKind.Null) continue;
            if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"Item {index} of the list is not a subtitle style object.");
            var style = new SubtitleStyle();
            foreach (var p in item.EnumerateObject())
            {
                switch (p.Name.ToLowerInvariant())
                {
                    case "id":
                        style.Id = Text(p.Value, () => wrongField($"Subtitle style {index} of the list: the field 'id' is not text; it is read as unknown.")) ?? "";
                        break;
                    case "name":
                        style.Name = Text(p.Value, () => wrongField($"Subtitle style {index} of the list: the field 'name' is not text; it is read as unknown.")) ?? "";
                        break;
                }
            }
            if (style.Id.Length == 0) throw new FormatException($"Subtitle style {index} of the list has no id.");
            styles.Add(style);
        }
        return styles;
    }

    private static string? Text(JsonElement value, Action wrong)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String: return value.GetString();
            case JsonValueKind.Null: return null;
            case JsonValueKind.Number: return value.GetRawText();
            default:
                wrong();
                return null;
        }
    }
}
