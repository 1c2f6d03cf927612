using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ArgilPS.Core;

/// <summary>
/// The property names a mapper knows, matched without allocating: an enum's members, whose names
/// camel-cased are the API's field names (<c>ThumbnailUrl</c> is <c>thumbnailUrl</c>). A name is
/// matched exactly first (what the API sends), then whatever its case, as the mappers always did.
/// </summary>
internal sealed class JsonKeys<TField> where TField : struct, Enum
{
    private readonly byte[][] _utf8;
    private readonly string[] _names;
    private readonly TField[] _fields;

    private JsonKeys()
    {
        _fields = (TField[])Enum.GetValues(typeof(TField));
        _names = new string[_fields.Length];
        _utf8 = new byte[_fields.Length][];
        for (var i = 0; i < _fields.Length; i++)
        {
            var name = _fields[i].ToString();
            _names[i] = char.ToLowerInvariant(name[0]) + name.Substring(1);
            _utf8[i] = Encoding.UTF8.GetBytes(_names[i]);
        }
    }

    /// <summary>The table of <typeparamref name="TField"/>, built once.</summary>
    public static JsonKeys<TField> Instance { get; } = new();

    /// <summary>The field a property is, or false for a property the mapper does not read.</summary>
    public bool TryFind(JsonProperty property, out TField field)
    {
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (property.NameEquals(_utf8[i]))
            {
                field = _fields[i];
                return true;
            }
        }
        // Another case ("CreatedAt", "STATUS"): rare, so the name is read as text only now.
        var name = property.Name;
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.Equals(name, _names[i], StringComparison.OrdinalIgnoreCase))
            {
                field = _fields[i];
                return true;
            }
        }
        field = default;
        return false;
    }
}

/// <summary>
/// Reads the fields of one object of an answer leniently: a field of the wrong type is read as
/// unknown and reported through <c>wrongField</c> as a debug line naming the object and the field.
/// The object's description ("Avatar 12 of the list", "gesture 2") is built only when a field is
/// wrong, and no delegate or closure is made for a field that is right: reading a list of 50,000
/// objects allocates their values and little else.
/// </summary>
internal readonly struct JsonFields
{
    private readonly Action<string> _wrongField;
    private readonly string _noun;
    private readonly int _index;
    private readonly string? _partNoun;
    private readonly int _partIndex;

    /// <param name="noun">What the object is, in lower case ("avatar").</param>
    /// <param name="index">Its place in a list, from 1; 0 for the one object of an answer.</param>
    /// <param name="wrongField">Where the debug lines go.</param>
    public JsonFields(string noun, int index, Action<string> wrongField)
        : this(noun, index, null, 0, wrongField)
    {
    }

    private JsonFields(string noun, int index, string? partNoun, int partIndex, Action<string> wrongField)
    {
        _noun = noun;
        _index = index;
        _partNoun = partNoun;
        _partIndex = partIndex;
        _wrongField = wrongField;
    }

    /// <summary>The same object's part <paramref name="index"/> (from 1) of a list such as its gestures: "the field 'slug' of gesture 2".</summary>
    public JsonFields Part(string noun, int index) => new(_noun, _index, noun, index, _wrongField);

    /// <summary>How every answer is parsed: trailing commas and comments (a proxy's annotations) tolerated.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// The one <paramref name="noun"/> object of an answer, read by <paramref name="read"/>: null for a JSON
    /// null, a JsonException for a body that is not one object (or not JSON).
    /// </summary>
    public static T? ReadObject<T>(string body, string noun, Action<string> wrongField, Func<JsonElement, JsonFields, T> read) where T : class
    {
        using var doc = JsonDocument.Parse(body, DocumentOptions);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException($"The answer is {Kind(root)}, not {Article(noun)} {noun} object.");
        return read(root, new JsonFields(noun, 0, wrongField));
    }

    /// <summary>A JSON array of <paramref name="noun"/> objects, whose null entries are skipped; null for a JSON null.</summary>
    public static List<T>? ReadArray<T>(string body, string noun, Action<string> wrongField, Func<JsonElement, JsonFields, T> read) where T : class
    {
        using var doc = JsonDocument.Parse(body, DocumentOptions);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Array) throw new JsonException($"The answer is {Kind(root)}, not a list of {noun}s.");
        var items = new List<T>();
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            if (ReadItem(item, ++index, noun, wrongField, read) is { } read1) items.Add(read1);
        }
        return items;
    }

    /// <summary>
    /// Item <paramref name="index"/> (from 1) of a list of <paramref name="noun"/> objects (read whole or
    /// streamed): null for a JSON null (skipped), a FormatException for an entry that is not an object.
    /// </summary>
    public static T? ReadItem<T>(JsonElement item, int index, string noun, Action<string> wrongField, Func<JsonElement, JsonFields, T> read) where T : class
    {
        if (item.ValueKind == JsonValueKind.Null) return null;
        if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"Item {index} of the list is {Kind(item)}, not {Article(noun)} {noun}.");
        return read(item, new JsonFields(noun, index, wrongField));
    }

    private static string Article(string noun) => "aeiou".IndexOf(noun[0]) >= 0 ? "an" : "a";

    /// <summary>"The avatar" or "Avatar 12 of the list".</summary>
    public string Which => _index <= 0
        ? "The " + _noun
        : char.ToUpperInvariant(_noun[0]) + _noun.Substring(1) + " " + _index.ToString(CultureInfo.InvariantCulture) + " of the list";

    /// <summary>Reports a field of the wrong type, read as unknown.</summary>
    public void Wrong(string field, JsonElement value, string expected) => Report(field, value, expected, "it is read as unknown");

    /// <summary>Reports a field of the wrong type, with what is done instead ("it is read as empty").</summary>
    public void Report(string field, JsonElement value, string expected, string outcome)
    {
        var of = _partNoun is null ? "" : " of " + _partNoun + " " + _partIndex.ToString(CultureInfo.InvariantCulture);
        _wrongField($"{Which}: the field '{field}'{of} is {Kind(value)}, not {expected}; {outcome}.");
    }

    /// <summary>Reports something other than a field (a list's entry that is not an object...), as written.</summary>
    public void Say(string text) => _wrongField($"{Which}: {text}");

    /// <summary>Text, or null for null; anything else is reported and read as null.</summary>
    public string? Text(JsonElement value, string field, string expected = "text")
    {
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        if (value.ValueKind != JsonValueKind.Null) Wrong(field, value, expected);
        return null;
    }

    /// <summary>
    /// Text that takes one of a few known values (a status, a model): the known value's own string
    /// when it is one of <paramref name="known"/>, so 50,000 avatars share one "IDLE".
    /// </summary>
    public string? Known(JsonElement value, string field, KnownValues known)
    {
        if (value.ValueKind == JsonValueKind.String) return known.Find(value) ?? value.GetString();
        if (value.ValueKind != JsonValueKind.Null) Wrong(field, value, "text");
        return null;
    }

    /// <summary>A number, or a number written as text ("1920"), as the API has sent both.</summary>
    public double? Number(JsonElement value, string field, string expected = "a number")
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDouble(out var d) ? d : null;
            case JsonValueKind.String:
                if (double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return parsed;
                Wrong(field, value, expected);
                return null;
            case JsonValueKind.Null:
                return null;
            default:
                Wrong(field, value, expected);
                return null;
        }
    }

    /// <summary>
    /// A date as the API documents it (ISO 8601), in UTC; a time without an offset is taken as UTC.
    /// Other text is read as well as .NET reads it, else as unknown (null), without a report: a date
    /// the API words differently must not fail a call. A value that is not text is reported.
    /// </summary>
    public DateTime? Date(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            // ISO 8601, read without making a string: Utc for "Z", Local (converted) for an offset, Unspecified for none.
            if (value.TryGetDateTime(out var read))
            {
                if (read.Kind == DateTimeKind.Utc) return read;
                if (read.Kind == DateTimeKind.Unspecified) return DateTime.SpecifyKind(read, DateTimeKind.Utc);
                // An offset: read again keeping it, so the local zone's rules play no part.
                if (value.TryGetDateTimeOffset(out var withOffset)) return withOffset.UtcDateTime;
            }
            return ParseDate(value.GetString());
        }
        if (value.ValueKind != JsonValueKind.Null) Wrong(field, value, "a date");
        return null;
    }

    /// <summary>ISO 8601 as the API documents; anything unreadable becomes "unknown" rather than a failed call.</summary>
    public static DateTime? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : null;
    }

    /// <summary>What a value is, for messages: "a number", "a list"...</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "text that is not one",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "something else",
    };

    /// <summary>An extras value as text: text as it is, null as empty, anything else as its JSON.</summary>
    public static string ExtraText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}

/// <summary>A few known values of a text field, each kept as one string and matched without allocating.</summary>
internal sealed class KnownValues
{
    private readonly string[] _values;
    private readonly byte[][] _utf8;

    public KnownValues(params string[] values)
    {
        _values = values;
        _utf8 = Array.ConvertAll(values, v => Encoding.UTF8.GetBytes(v));
    }

    /// <summary>The known string equal to the value (exactly), or null.</summary>
    public string? Find(JsonElement value)
    {
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (value.ValueEquals(_utf8[i])) return _values[i];
        }
        return null;
    }
}
