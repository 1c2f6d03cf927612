using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace ArgilPS.Commands;

/// <summary>JSON to and from PowerShell objects for Invoke-ArgilRestMethod, without reflection over arbitrary types.</summary>
internal static class PowerShellJson
{
    private const int MaximumDepth = 64;

    /// <summary>A string is sent as it is (it is taken to be JSON already); anything else is serialized.</summary>
    public static string ToJson(object body)
    {
        if (Unwrap(body) is string text) return text;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream)) Write(json, body, 0);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static object? Unwrap(object? value) => value is PSObject ps && ps.BaseObject is not PSCustomObject ? ps.BaseObject : value;

    private static void Write(Utf8JsonWriter json, object? value, int depth)
    {
        if (depth > MaximumDepth) throw new ArgumentException($"The body nests deeper than {MaximumDepth} levels.");
        value = Unwrap(value);
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case char c: json.WriteStringValue(c.ToString()); break;
            case bool b: json.WriteBooleanValue(b); break;
            case SwitchParameter sw: json.WriteBooleanValue(sw.IsPresent); break;
            case Enum e: json.WriteStringValue(e.ToString()); break;
            case DateTime dt: json.WriteStringValue(dt.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset dto: json.WriteStringValue(dto.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture)); break;
            case Uri uri: json.WriteStringValue(uri.OriginalString); break;
            case Guid g: json.WriteStringValue(g.ToString()); break;
            case byte or sbyte or short or ushort or int or uint or long:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong ul: json.WriteNumberValue(ul); break;
            case float or double or decimal:
                json.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            case IDictionary dictionary:
                json.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    json.WritePropertyName(Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? "");
                    Write(json, entry.Value, depth + 1);
                }
                json.WriteEndObject();
                break;
            case PSObject custom:
                json.WriteStartObject();
                foreach (var property in custom.Properties.Where(p => p.IsGettable && p.MemberType is PSMemberTypes.NoteProperty or PSMemberTypes.Property))
                {
                    json.WritePropertyName(property.Name);
                    Write(json, property.Value, depth + 1);
                }
                json.WriteEndObject();
                break;
            case IEnumerable sequence:
                json.WriteStartArray();
                foreach (var item in sequence) Write(json, item, depth + 1);
                json.WriteEndArray();
                break;
            case object when depth >= 2:
                // Like ConvertTo-Json's default depth: arbitrary .NET objects nest without end.
                json.WriteStringValue(value.ToString());
                break;
            default:
                json.WriteStartObject();
                foreach (var property in PSObject.AsPSObject(value).Properties.Where(p => p.IsGettable && p.MemberType == PSMemberTypes.Property))
                {
                    json.WritePropertyName(property.Name);
                    Write(json, property.Value, depth + 1);
                }
                json.WriteEndObject();
                break;
        }
    }

    /// <summary>JSON text to PSCustomObjects, arrays, strings, numbers, booleans and nulls, as Invoke-RestMethod gives.</summary>
    public static object? FromJson(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaximumDepth, AllowTrailingCommas = true });
        return ToPowerShell(document.RootElement);
    }

    private static object? ToPowerShell(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new PSObject();
                foreach (var property in element.EnumerateObject())
                {
                    var existing = result.Properties[property.Name];
                    if (existing is not null) result.Properties.Remove(property.Name); // the last duplicate wins, as in JavaScript
                    result.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
                }
                return result;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(ToPowerShell).ToArray();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var whole)) return whole;
                return element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
