using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ArgilPS.Sandbox;

/// <summary>
/// The checks the API reference (argil-api.md) gives its request bodies, in JSON-schema terms:
/// required properties, additionalProperties: false, string lengths, https URIs, extras. Written
/// for the sandbox alone: the module's own input rules are not used, so a rule the module gets
/// wrong is not wrong here too. Each check returns the problem, or null.
/// </summary>
internal static class SandboxRules
{
    /// <summary>
    /// extras: "maxProperties: 10", "256 characters each" (argil-api.md §1, §3.4). Open question
    /// §10.9: most of the prose says 5 pairs, the image-avatar page and the schema say 10; the
    /// sandbox follows the schema (10). Key length is not documented and is not limited.
    /// </summary>
    public const int MaximumExtras = 10;
    public const int MaximumExtraValueCharacters = 256;

    /// <summary>The body as a JSON object, or the problem with it.</summary>
    public static string? ReadObject(string body, out JsonDocument? document)
    {
        document = null;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return "the body is not valid JSON";
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return null;
        document.Dispose();
        document = null;
        return "the body must be a JSON object";
    }

    /// <summary><c>additionalProperties: false</c>.</summary>
    public static string? OnlyProperties(JsonElement obj, string? path, params string[] allowed)
    {
        var unknown = obj.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !allowed.Contains(n));
        return unknown is null ? null : $"property '{Join(path, unknown)}' is not allowed";
    }

    /// <summary>
    /// A string property with minLength/maxLength. JSON Schema counts a string's length in
    /// characters (Unicode code points), so a character outside the BMP counts once.
    /// </summary>
    public static string? String(JsonElement obj, string name, bool required, int minimum, int maximum, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var property)) return required ? $"{name} is required" : null;
        if (property.ValueKind != JsonValueKind.String) return $"{name} must be a string";
        var text = property.GetString()!;
        var length = Characters(text);
        if (length < minimum || length > maximum) return $"{name} must have {minimum} to {maximum} characters (it has {length})";
        value = text;
        return null;
    }

    /// <summary><c>format: uri, pattern: ^https://.*</c>: an absolute https URI with a host.</summary>
    public static string? HttpsUri(string value, string name)
    {
        if (!value.StartsWith("https://", StringComparison.Ordinal)) return $"{name} must be an https URL";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0) return $"{name} must be an https URL (it is not a valid URI)";
        return null;
    }

    /// <summary>
    /// A callbackUrl Argil will call (a render's, §5.7, or a webhook's, §8.3): an https URI as
    /// <see cref="HttpsUri"/> says, or, in the sandbox only, http:// on a loopback address: the only
    /// receiver a sandbox on this machine can be tested against.
    /// </summary>
    public static string? CallbackUri(string value, string name)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.Host.Length > 0 && uri.IsLoopback) return null;
        var problem = HttpsUri(value, name);
        return problem is null ? null : problem.Replace("must be an https URL", "must be an https URL (the sandbox also takes http:// on a loopback address)");
    }

    /// <summary>An object whose only property is <c>url</c>, an https URI (datasetImage.url, datasetVideo, consentVideo).</summary>
    public static string? UrlObject(JsonElement obj, string name, bool required)
    {
        if (!obj.TryGetProperty(name, out var holder)) return required ? $"{name} is required" : null;
        if (holder.ValueKind != JsonValueKind.Object) return $"{name} must be an object with a url";
        var problem = OnlyProperties(holder, name, "url");
        if (problem is not null) return problem;
        if (!holder.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String) return $"{name} must be an object with a url";
        return HttpsUri(url.GetString()!, name + ".url");
    }

    /// <summary>extras: an object of strings, at most 10 pairs, each value at most 256 characters (keys: no documented limit).</summary>
    public static string? Extras(JsonElement obj, IDictionary<string, string> extras)
    {
        if (!obj.TryGetProperty("extras", out var holder)) return null;
        if (holder.ValueKind != JsonValueKind.Object) return "extras must be an object";
        var count = 0;
        foreach (var pair in holder.EnumerateObject())
        {
            count++;
            if (pair.Value.ValueKind != JsonValueKind.String) return $"extras.{pair.Name} must be a string";
            var value = pair.Value.GetString()!;
            if (Characters(value) > MaximumExtraValueCharacters) return $"extras.{pair.Name} must have at most {MaximumExtraValueCharacters} characters";
            extras[pair.Name] = value;
        }
        return count > MaximumExtras ? $"extras must have at most {MaximumExtras} properties (it has {count})" : null;
    }

    /// <summary>A query parameter that is an enum: absent, or one of the values.</summary>
    public static string? Enum(IReadOnlyDictionary<string, string> query, string name, out string? value, params string[] values)
    {
        if (!query.TryGetValue(name, out value)) return null;
        return values.Contains(value) ? null : $"{name} must be one of {string.Join(", ", values)}";
    }

    /// <summary>A property (at <paramref name="path"/>) that must be a string of at least one character; null when absent and not required.</summary>
    public static string? NonEmptyString(JsonElement obj, string? path, string name, bool required, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var property)) return required ? $"{Join(path, name)} is required" : null;
        if (property.ValueKind != JsonValueKind.String || property.GetString()!.Length == 0) return $"{Join(path, name)} must be a non-empty string";
        value = property.GetString();
        return null;
    }

    /// <summary>A boolean property.</summary>
    public static string? Boolean(JsonElement obj, string? path, string name, bool required, out bool? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var property)) return required ? $"{Join(path, name)} is required" : null;
        if (property.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return $"{Join(path, name)} must be a boolean";
        value = property.GetBoolean();
        return null;
    }

    /// <summary>A string property that is an enum: one of the values, compared exactly.</summary>
    public static string? OneOf(JsonElement obj, string? path, string name, bool required, out string? value, params string[] values)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var property)) return required ? $"{Join(path, name)} is required" : null;
        if (property.ValueKind != JsonValueKind.String || !values.Contains(property.GetString())) return $"{Join(path, name)} must be one of {string.Join(", ", values)}";
        value = property.GetString();
        return null;
    }

    /// <summary>A number property with minimum and maximum (inclusive).</summary>
    public static string? Number(JsonElement obj, string? path, string name, bool required, double minimum, double maximum, out double? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var property)) return required ? $"{Join(path, name)} is required" : null;
        if (property.ValueKind != JsonValueKind.Number || !property.TryGetDouble(out var number)) return $"{Join(path, name)} must be a number";
        if (number < minimum || number > maximum) return $"{Join(path, name)} must be between {minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)} and {maximum.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        value = number;
        return null;
    }

    /// <summary>An object property; <paramref name="value"/> is default when absent.</summary>
    public static string? Object(JsonElement obj, string? path, string name, bool required, out JsonElement value)
    {
        value = default;
        if (!obj.TryGetProperty(name, out var property)) return required ? $"{Join(path, name)} is required" : null;
        if (property.ValueKind != JsonValueKind.Object) return $"{Join(path, name)} must be an object";
        value = property;
        return null;
    }

    /// <summary>
    /// An integer query parameter: absent gives the default; otherwise decimal digits only (no sign,
    /// no spaces, no fraction) within the range.
    /// </summary>
    public static string? Integer(IReadOnlyDictionary<string, string> query, string name, int defaultValue, int minimum, int maximum, out int value)
    {
        value = defaultValue;
        if (!query.TryGetValue(name, out var text)) return null;
        var range = maximum == int.MaxValue ? $"an integer of at least {minimum}" : $"an integer from {minimum} to {maximum}";
        if (text.Length == 0 || text.Length > 10 || !text.All(c => c >= '0' && c <= '9') || !long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || number < minimum || number > maximum)
            return $"{name} must be {range}";
        value = (int)number;
        return null;
    }

    /// <summary>A boolean query parameter: absent gives false; otherwise true or false.</summary>
    public static string? Flag(IReadOnlyDictionary<string, string> query, string name, out bool value)
    {
        value = false;
        if (!query.TryGetValue(name, out var text)) return null;
        if (text == "true") value = true;
        else if (text != "false") return $"{name} must be true or false";
        return null;
    }

    /// <summary>Unicode code points: a surrogate pair is one character.</summary>
    public static int Characters(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            count++;
        }
        return count;
    }

    private static string Join(string? path, string name) => path is null ? name : path + "." + name;
}
