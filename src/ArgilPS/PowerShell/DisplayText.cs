using System;
using System.Globalization;
using System.Management.Automation;
using System.Text;

namespace ArgilPS;

/// <summary>
/// Text as ArgilPS shows it. What the service sends (ids, names, statuses, extras, error messages)
/// may hold control characters that a terminal obeys: ESC sequences that clear the screen, set the
/// window title or move the cursor to forge a table row, CR, BEL, backspace, the one-character CSI
/// U+009B. Shown text has each of them replaced with a visible stand-in: C0 characters with their
/// Unicode control pictures (ESC as ␛, CR as ␍), DEL as ␡, C1 characters as \u0080 to \u009F.
/// The module's views call <see cref="Of"/>; the objects themselves keep the service's values.
/// </summary>
public static class DisplayText
{
    /// <summary>The value as text to show, with every control character made visible; empty for null.</summary>
    public static string Of(object? value)
    {
        if (value is PSObject wrapped) value = wrapped.BaseObject;
        var text = value is IFormattable formattable ? formattable.ToString(null, CultureInfo.CurrentCulture) : value?.ToString();
        return Neutralise(text);
    }

    /// <summary>
    /// Replaces control characters with visible stand-ins; the same instance when there are none.
    /// With <paramref name="keepLineBreaks"/>, line feeds and tabs stay (a CR LF becomes a line
    /// feed), for the module's own multi-line verbose and debug text.
    /// </summary>
    internal static string Neutralise(string? text, bool keepLineBreaks = false)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var first = 0;
        while (first < text!.Length && !MustReplace(text[first], keepLineBreaks)) first++;
        if (first == text.Length) return text;

        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!MustReplace(c, keepLineBreaks)) sb.Append(c);
            else if (keepLineBreaks && c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            else if (c < '\u0020') sb.Append((char)(0x2400 + c));
            else if (c == '\u007F') sb.Append('\u2421');
            else sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static bool MustReplace(char c, bool keepLineBreaks) =>
        (char.IsControl(c) && !(keepLineBreaks && c is '\n' or '\t')) || IsReordering(c);

    /// <summary>
    /// Characters that are not control characters but move or break what a terminal shows: the
    /// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
    /// left-to-right and right-to-left marks, and the line and paragraph separators. Shown as \uXXXX.
    /// </summary>
    private static bool IsReordering(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u2028' or '\u2029';
}
