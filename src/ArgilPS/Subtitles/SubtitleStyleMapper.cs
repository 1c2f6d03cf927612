using System;
using System.Text.Json;

namespace ArgilPS.Subtitles;

/// <summary>From what GET /subtitles sent to what users see: lenient, as every mapper.</summary>
internal static class SubtitleStyleMapper
{
    /// <summary>
    /// Item <paramref name="index"/> (from 1) of one streamed page's <c>items</c> array: null for a JSON
    /// null; unknown fields are ignored; a field of the wrong type is read as unknown with a debug line;
    /// an entry that is not an object, or a style without an id, is a FormatException (an
    /// UnexpectedResponse for the caller). Nothing of the element is kept.
    /// </summary>
    public static SubtitleStyle? ReadListItem(JsonElement item, int index, Action<string> wrongField)
    {
        if (item.ValueKind == JsonValueKind.Null) return null;
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
        return style;
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
