using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ArgilPS.Core;

/// <summary>
/// Makes text safe to show: removes the key wherever it appears (as itself or encoded, see
/// <see cref="MaskKey"/>), masks secret-looking JSON fields, shortens data URIs (an uploaded image
/// would otherwise fill the log) and cuts long text.
/// </summary>
internal static class Redactor
{
    public const string Mask = "***";

    private static readonly Regex DataUri = new(
        @"data:(?<type>[\w.+-]+/[\w.+-]+);base64,(?<data>(?:[A-Za-z0-9+/=]|\\u002[Bb]|\\/){24,})",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex SecretField = new(
        @"(?<name>""(?:x-api-key|apiKey|api_key|password|secret|token|authorization)""\s*:\s*)""(?:[^""\\]|\\.)*""",
        RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public static string Redact(string? text, ApiKey? key, int maxLength = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var result = text!;
        if (key is not null) result = MaskKey(result, key.Reveal());
        result = DataUri.Replace(result, m => $"data:{m.Groups["type"].Value};base64,…({m.Groups["data"].Length} characters)");
        result = SecretField.Replace(result, m => m.Groups["name"].Value + "\"" + Mask + "\"");
        return Cut(result, maxLength);
    }

    /// <summary>
    /// Replaces the key with <see cref="Mask"/> wherever it appears: as itself, and in the forms a
    /// key pasted into an id, a name or a query takes on its way out: percent-encoded (upper or lower
    /// hex, each character encoded or not, '+' for a space as in form encoding) and JSON-escaped
    /// (\u002B, \/). A key with '+', '/' or '=' otherwise slips through in paths and bodies.
    /// </summary>
    public static string MaskKey(string text, string secret)
    {
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(secret)) return text;
        // Encoders leave letters and digits as they are: without the key's longest run of them, no
        // form of the key is there. One quick scan, so a large body costs little.
        var run = LongestAlphanumericRun(secret);
        if (run.Length >= 4 && text.IndexOf(run, StringComparison.Ordinal) < 0) return text;
        if (text.IndexOf(secret, StringComparison.Ordinal) >= 0) text = text.Replace(secret, Mask);
        // Any encoded form holds '%' or '\\' (or '+' for a space); plain text skips the pattern.
        if (text.IndexOf('%') < 0 && text.IndexOf('\\') < 0 && (secret.IndexOf(' ') < 0 || text.IndexOf('+') < 0)) return text;
        return PatternFor(secret).Replace(text, Mask);
    }

    private static string LongestAlphanumericRun(string secret)
    {
        int bestStart = 0, bestLength = 0, start = 0;
        for (var i = 0; i <= secret.Length; i++)
        {
            if (i < secret.Length && secret[i] < 128 && char.IsLetterOrDigit(secret[i])) continue;
            if (i - start > bestLength) (bestStart, bestLength) = (start, i - start);
            start = i + 1;
        }
        return secret.Substring(bestStart, bestLength);
    }

    // A key's pattern is built once: the connection's key and $env:ARGIL_API_KEY are all there is,
    // and a new connection replaces them (the few entries are dropped when that happens often).
    private static readonly ConcurrentDictionary<string, Regex> KeyPatterns = new(StringComparer.Ordinal);

    private static Regex PatternFor(string secret)
    {
        if (KeyPatterns.TryGetValue(secret, out var pattern)) return pattern;
        if (KeyPatterns.Count >= 8) KeyPatterns.Clear();
        return KeyPatterns.GetOrAdd(secret, EncodedFormsOf);
    }

    /// <summary>A pattern matching the key with each character as itself, percent-encoded (any hex case) or JSON-escaped.</summary>
    private static Regex EncodedFormsOf(string secret)
    {
        var pattern = new StringBuilder();
        for (var i = 0; i < secret.Length; i++)
        {
            var length = char.IsHighSurrogate(secret[i]) && i + 1 < secret.Length && char.IsLowSurrogate(secret[i + 1]) ? 2 : 1;
            var character = secret.Substring(i, length);
            i += length - 1;
            pattern.Append("(?:").Append(Regex.Escape(character));
            pattern.Append('|');
            foreach (var b in Encoding.UTF8.GetBytes(character)) pattern.Append('%').Append(Hex(b >> 4)).Append(Hex(b & 0xF));
            pattern.Append('|');
            foreach (var unit in character) pattern.Append(@"\\u").Append(HexDigits((int)unit));
            if (character == "/") pattern.Append(@"|\\/");
            if (character == " ") pattern.Append(@"|\+");
            pattern.Append(')');
        }
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant);
    }

    private static string HexDigits(int unit)
    {
        var sb = new StringBuilder();
        for (var shift = 12; shift >= 0; shift -= 4) sb.Append(Hex((unit >> shift) & 0xF));
        return sb.ToString();
    }

    private static string Hex(int digit) =>
        digit < 10 ? digit.ToString(CultureInfo.InvariantCulture) : "[" + (char)('a' + digit - 10) + (char)('A' + digit - 10) + "]";

    public static string Cut(string text, int maxLength) =>
        text.Length <= maxLength ? text : text.Substring(0, maxLength) + $"… ({text.Length - maxLength} more characters)";

    /// <summary>A one-line excerpt of a response body for an error message.</summary>
    public static string Excerpt(string? body, ApiKey? key, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(body)) return "(empty body)";
        var oneLine = Regex.Replace(body!.Trim(), @"\s+", " ");
        return Redact(oneLine, key, maxLength);
    }
}
