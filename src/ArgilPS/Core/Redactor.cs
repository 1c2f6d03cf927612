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
        var secret = key?.Reveal();
        return Finish(Bounded(text!, maxLength, secret, out var omitted), secret, maxLength, omitted);
    }

    /// <summary>
    /// A text much longer than what will be shown is cut before it is scanned or copied, so a huge
    /// body costs no more than its excerpt: what is kept is twice the length shown plus a margin for
    /// the longest form of the key (a form cut in two at the end is dropped by <see cref="Finish"/>).
    /// </summary>
    private static string Bounded(string text, int maxLength, string? secret, out int omitted)
    {
        var margin = Margin(secret);
        var budget = maxLength >= int.MaxValue / 4 ? int.MaxValue : maxLength * 2 + 2 * margin;
        if (text.Length <= budget) { omitted = 0; return text; }
        omitted = text.Length - budget;
        return text.Substring(0, budget);
    }

    /// <summary>Room for any form of the key: each character JSON-escaped (\u002B) is six, plus slack.</summary>
    private static int Margin(string? secret) => 6 * (secret?.Length ?? 0) + 64;

    private static string Finish(string text, string? secret, int maxLength, int omitted)
    {
        var result = text;
        if (!string.IsNullOrEmpty(secret)) result = MaskKey(result, secret!);
        result = DataUri.Replace(result, m => $"data:{m.Groups["type"].Value};base64,…({m.Groups["data"].Length} characters)");
        result = SecretField.Replace(result, m => m.Groups["name"].Value + "\"" + Mask + "\"");
        if (omitted > 0)
        {
            // The cut may have split a form of the key, which no mask then recognises: its part is
            // within the last margin of the text, so that margin goes too (masks only shorten the text
            // before it, and the cut part stays at the very end).
            var drop = Math.Min(result.Length, Margin(secret));
            result = result.Substring(0, result.Length - drop);
            omitted += drop;
        }
        return result.Length <= maxLength && omitted == 0 ? result
            : result.Substring(0, Math.Min(maxLength, result.Length)) + $"… ({Math.Max(0, result.Length - maxLength) + omitted} more characters)";
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
        // Encoders leave letters and digits as they are, unless every character is encoded (%61%62...,
        // \u0061...): without '%' or '\\' and without the key's longest run of letters and digits, no
        // form of the key is there. One quick scan, so a large body costs little.
        var run = LongestAlphanumericRun(secret);
        var encodable = text.IndexOf('%') >= 0 || text.IndexOf('\\') >= 0;
        if (run.Length >= 4 && !encodable && text.IndexOf(run, StringComparison.Ordinal) < 0) return text;
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
        var secret = key?.Reveal();
        var bounded = Bounded(body!.Trim(), maxLength, secret, out var omitted);
        return Finish(Regex.Replace(bounded, @"\s+", " "), secret, maxLength, omitted);
    }
}
