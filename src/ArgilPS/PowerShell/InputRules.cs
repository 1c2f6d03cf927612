using System;
using System.Collections;
using System.Collections.Generic;

namespace ArgilPS.Commands;

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

    /// <summary>Returns why a -Name pattern cannot be read as a wildcard pattern, or null.</summary>
    public static string? CheckWildcardPattern(string pattern)
    {
        try
        {
            // WildcardPattern parses lazily: matching once is what finds a broken [range].
            System.Management.Automation.WildcardPattern.Get(pattern, System.Management.Automation.WildcardOptions.IgnoreCase).IsMatch("");
            return null;
        }
        catch (System.Management.Automation.WildcardPatternException)
        {
            var escaped = System.Management.Automation.WildcardPattern.Escape(pattern);
            return $"'{pattern}' is not a valid wildcard pattern: [ opens a set or range of characters, such as [abc] or [a-z], that ] must close and that must run forwards. " +
                $"To match [ or ] literally, escape them with a backtick ('{escaped.Replace("'", "''")}') or use [WildcardPattern]::Escape('{pattern.Replace("'", "''")}').";
        }
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
            var rawKey = Unwrap(entry.Key);
            var key = Convert.ToString(rawKey, System.Globalization.CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(key)) { error = "a key is empty"; return result; }
            if (!IsScalar(rawKey)) { error = $"the key '{key}' is a {TypeNameOf(rawKey)}; keys must be text"; return result; }
            var rawValue = Unwrap(entry.Value);
            if (!IsScalar(rawValue))
            {
                error = $"the value of '{key}' is a {TypeNameOf(rawValue)}; each value must be a single string, number or boolean (Argil keeps extras as text)";
                return result;
            }
            var value = Convert.ToString(rawValue, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            var length = CharacterCount(value);
            if (length > MaximumExtraValueLength)
            {
                error = $"the value of '{key}' has {length} characters; each value may have at most {MaximumExtraValueLength}";
                return result;
            }
            result[key!] = value;
        }
        return result;
    }

    /// <summary>
    /// A value whose text is the value: not a hashtable, array, object or script block, which would
    /// otherwise be sent as "System.Collections.Hashtable", "System.Object[]", "" or their source.
    /// </summary>
    private static bool IsScalar(object? value) =>
        value is null or string or char or bool or Enum or Guid or Uri or DateTime or DateTimeOffset or TimeSpan or decimal
        || value.GetType().IsPrimitive;

    private static string TypeNameOf(object? value) => value switch
    {
        IDictionary => "hashtable",
        System.Management.Automation.ScriptBlock => "script block",
        System.Management.Automation.PSCustomObject => "PSCustomObject",
        IEnumerable => "list of values",
        _ => value?.GetType().FullName ?? "null",
    };

    /// <summary>Values from PowerShell arrive wrapped in PSObject; the API wants their text.</summary>
    private static object? Unwrap(object? value) =>
        value is System.Management.Automation.PSObject ps ? ps.BaseObject : value;

    /// <summary>
    /// A length as the API counts it: Unicode characters (JSON Schema's maxLength), so an emoji or any
    /// character outside the Basic Multilingual Plane counts once, not as its two UTF-16 halves.
    /// </summary>
    public static int CharacterCount(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            count++;
        }
        return count;
    }
}
