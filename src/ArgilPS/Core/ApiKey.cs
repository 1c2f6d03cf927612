using System;
using System.Globalization;

namespace ArgilPS.Core;

/// <summary>
/// Holds the API key. Its ToString is the fingerprint, so a key that lands in a log line or a
/// formatted object by mistake shows as "…abcd" and never as itself.
/// </summary>
internal sealed class ApiKey
{
    private readonly string _value;

    public ApiKey(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("The API key is empty.", nameof(value));
        if (Check(value) is { } rule) throw new ArgumentException($"The API key is not usable: {rule}.", nameof(value));
        _value = value.Trim();
    }

    /// <summary>
    /// Returns the rule a key breaks, or null. The key travels as the value of the x-api-key header,
    /// so it must be one: printable ASCII without spaces once the surrounding whitespace (which a
    /// paste often brings) is trimmed. A line break would start another header on the wire, and a
    /// character outside ASCII (a pasted "…") makes the request fail before anything is sent. The
    /// rule names the character's code and position, never the key.
    /// </summary>
    public static string? Check(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "it is empty";
        var key = value!.Trim();
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is > ' ' and < '\u007f') continue;
            var what = c is '\r' or '\n' ? "a line break"
                : char.IsControl(c) ? "a control character"
                : char.IsWhiteSpace(c) ? "a space"
                : "a character outside ASCII";
            return $"it contains {what} (U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}) at position {i + 1}; " +
                   "an API key is printable ASCII without spaces, as Argil shows it (check what was pasted)";
        }
        return null;
    }

    /// <summary>The key itself: only for the x-api-key header and for redaction.</summary>
    public string Reveal() => _value;

    public string Fingerprint => _value.Length <= 8 ? "…" : "…" + _value.Substring(_value.Length - 4);

    public override string ToString() => Fingerprint;
}
