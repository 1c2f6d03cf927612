using System;
using System.Collections;
using System.Collections.Generic;

namespace ArgilPS.Validation;

/// <summary>The API's documented limits on request fields, checked before anything is sent.</summary>
internal static class InputRules
{
    public const int MaximumExtras = 10;
    public const int MaximumExtraValueLength = 256;
    public const int MaximumNameLength = 256;

    /// <summary>Returns the rule an https URL breaks, or null.</summary>
    public static string? CheckHttpsUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "the URL is empty";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) return $"'{text}' is not an absolute URL";
        if (uri.Scheme != Uri.UriSchemeHttps) return $"'{text}' must use https:// (Argil fetches only https URLs)";
        if (string.IsNullOrEmpty(uri.Host)) return $"'{text}' has no host";
        return null;
    }

    /// <summary>Turns a hashtable into extras, or says which rule it breaks.</summary>
    public static Dictionary<string, string> ToExtras(IDictionary? extras, out string? error)
    {
        error = null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (extras is null) return result;
        if (extras.Count > MaximumExtras)
        {
            error = $"it has {extras.Count} entries; Argil allows at most {MaximumExtras} key-value pairs";
            return result;
        }
        foreach (DictionaryEntry entry in extras)
        {
            var key = Convert.ToString(Unwrap(entry.Key), System.Globalization.CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(key)) { error = "a key is empty"; return result; }
            var value = Convert.ToString(Unwrap(entry.Value), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            if (value.Length > MaximumExtraValueLength)
            {
                error = $"the value of '{key}' has {value.Length} characters; each value may have at most {MaximumExtraValueLength}";
                return result;
            }
            result[key!] = value;
        }
        return result;
    }

    /// <summary>Values from PowerShell arrive wrapped in PSObject; the API wants their text.</summary>
    private static object? Unwrap(object? value) =>
        value is System.Management.Automation.PSObject ps ? ps.BaseObject : value;
}
