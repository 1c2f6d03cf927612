using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace ArgilPS.Subtitles;

/// <summary>One video's subtitles as the export answered them.</summary>
internal sealed class SubtitleExport
{
    public SubtitleExport(string videoId, string format, string text, string? contentType, IReadOnlyList<string> suggestedFileNames)
    {
        VideoId = videoId;
        Format = format;
        Text = text;
        ContentType = contentType;
        SuggestedFileNames = suggestedFileNames;
    }

    public string VideoId { get; }

    /// <summary>vtt or ass.</summary>
    public string Format { get; }

    /// <summary>The file's text, as it came.</summary>
    public string Text { get; }

    public string? ContentType { get; }

    /// <summary>
    /// The file names the Content-Disposition header gave (filename*, then filename), as it gave them:
    /// from the server, so hostile until checked.
    /// </summary>
    public IReadOnlyList<string> SuggestedFileNames { get; }
}

/// <summary>
/// The name a subtitle file is saved under: the one the API suggests (Content-Disposition) when it is a
/// plain file name, else <c>&lt;videoId&gt;.&lt;vtt|ass&gt;</c>; never anything that leads out of the folder.
/// </summary>
internal static class SubtitleFileName
{
    private const int MaximumLength = 200;

    // Invalid in a file name on Windows, macOS or Linux: one rule on every system, so a script behaves alike everywhere.
    private static readonly HashSet<char> Invalid = new("<>:\"/\\|?*".Concat(Path.GetInvalidFileNameChars()));

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>
    /// The file names of a Content-Disposition header (RFC 6266), best first: <c>filename*</c> (RFC 5987,
    /// UTF-8 or ISO-8859-1, percent-encoded) when it can be read, then <c>filename</c> (quoted or a token).
    /// Empty when there is none. The names are returned as sent: <see cref="Choose"/> checks them.
    /// </summary>
    public static IReadOnlyList<string> FromContentDisposition(string? header)
    {
        var names = new List<string>();
        if (string.IsNullOrWhiteSpace(header)) return names;
        string? plain = null, extended = null;
        foreach (var (name, value) in Parameters(header!))
        {
            if (name == "filename*") extended ??= DecodeExtended(value);
            else if (name == "filename") plain ??= value;
        }
        if (!string.IsNullOrEmpty(extended)) names.Add(extended!);
        if (!string.IsNullOrEmpty(plain) && plain != extended) names.Add(plain!);
        return names;
    }

    /// <summary>
    /// The name to save a video's subtitles under: the first of <paramref name="suggested"/> that is a plain
    /// file name (no folder, no "." or "..", no leading dot, no control or bidirectional-override character,
    /// no device name), else the video id; either way with the characters a file name cannot hold replaced
    /// by "_", at most 200 characters, and ending in ".vtt" or ".ass" as <paramref name="format"/> says.
    /// </summary>
    public static string Choose(IEnumerable<string> suggested, string videoId, string format)
    {
        var extension = "." + format.ToLowerInvariant();
        foreach (var candidate in suggested)
        {
            if (!IsPlain(candidate)) continue;
            var name = Clean(candidate);
            // Cleaning can bring a dot to the front (" .x" loses its space): still a hidden file, so not used.
            if (HasText(name) && !name.StartsWith(".", StringComparison.Ordinal)) return WithExtension(name, extension);
        }
        return WithExtension(ForId(videoId), extension);
    }

    /// <summary>The name made of the video id alone: <c>&lt;videoId&gt;.&lt;vtt|ass&gt;</c>.</summary>
    public static string ForVideoId(string videoId, string format) => WithExtension(ForId(videoId), "." + format.ToLowerInvariant());

    /// <summary>The id as a file name: invalid characters replaced, no leading dot.</summary>
    private static string ForId(string videoId)
    {
        var name = Clean(videoId);
        if (name.StartsWith(".", StringComparison.Ordinal)) name = "_" + name.Substring(1);
        return HasText(name) ? name : "subtitles";
    }

    /// <summary>Whether a suggested name is one plain file name that stays in the folder it is saved in.</summary>
    public static bool IsPlain(string name)
    {
        if (name.Length == 0 || name.Length > 255) return false;
        if (name.StartsWith(".", StringComparison.Ordinal)) return false; // ".", "..", "..x", hidden files
        foreach (var c in name)
        {
            if (c is '/' or '\\') return false;
            if (char.IsControl(c) || IsFormatCharacter(c)) return false;
        }
        var stem = name.Split('.')[0].TrimEnd(' ');
        return !DeviceNames.Contains(stem);
    }

    /// <summary>Bidirectional overrides and other invisible formatting characters, which can disguise an extension.</summary>
    private static bool IsFormatCharacter(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || c is '\u2028' or '\u2029';

    /// <summary>Every character a file name cannot (or should not) hold becomes "_"; trailing dots and spaces (which Windows drops) go.</summary>
    private static string Clean(string name)
    {
        var b = new StringBuilder(name.Length);
        foreach (var c in name) b.Append(Invalid.Contains(c) || char.IsControl(c) || IsFormatCharacter(c) ? '_' : c);
        return b.ToString().Trim(' ').TrimEnd('.', ' ');
    }

    private static bool HasText(string name) => name.Trim('_', ' ', '.').Length > 0;

    private static string WithExtension(string name, string extension)
    {
        var stem = name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - extension.Length) : name;
        if (stem.Length > MaximumLength)
        {
            var cut = MaximumLength;
            if (char.IsLowSurrogate(stem[cut])) cut--; // never half of a pair
            stem = stem.Substring(0, cut).TrimEnd('.', ' ');
        }
        if (!HasText(stem)) stem = "subtitles";
        return stem + extension;
    }

    /// <summary>The parameters of a header value, "type; a=b; c=\"d;e\"", as lowercase names and unquoted values.</summary>
    private static IEnumerable<(string Name, string Value)> Parameters(string header)
    {
        var i = header.IndexOf(';');
        while (i >= 0 && i < header.Length)
        {
            i++; // past ';'
            var equals = header.IndexOf('=', i);
            if (equals < 0) yield break;
            var name = header.Substring(i, equals - i).Trim().ToLowerInvariant();
            i = equals + 1;
            while (i < header.Length && header[i] == ' ') i++;
            string value;
            if (i < header.Length && header[i] == '"')
            {
                var b = new StringBuilder();
                i++;
                while (i < header.Length && header[i] != '"')
                {
                    if (header[i] == '\\' && i + 1 < header.Length) i++;
                    b.Append(header[i]);
                    i++;
                }
                value = b.ToString();
                i = header.IndexOf(';', Math.Min(i + 1, header.Length));
            }
            else
            {
                var end = header.IndexOf(';', i);
                value = (end < 0 ? header.Substring(i) : header.Substring(i, end - i)).Trim();
                i = end;
            }
            yield return (name, value);
        }
    }

    /// <summary>RFC 5987 <c>charset'language'percent-encoded</c>; null when unreadable.</summary>
    private static string? DecodeExtended(string value)
    {
        var parts = value.Split(new[] { '\'' }, 3);
        if (parts.Length != 3) return null;
        Encoding encoding;
        if (parts[0].Equals("UTF-8", StringComparison.OrdinalIgnoreCase)) encoding = new UTF8Encoding(false, throwOnInvalidBytes: true);
        else if (parts[0].Equals("ISO-8859-1", StringComparison.OrdinalIgnoreCase)) encoding = Encoding.GetEncoding(28591);
        else return null;
        var text = parts[2];
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !byte.TryParse(text.Substring(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b)) return null;
                bytes.Add(b);
                i += 2;
            }
            else if (text[i] < 128)
            {
                bytes.Add((byte)text[i]);
            }
            else
            {
                return null; // RFC 5987 allows only ASCII here
            }
        }
        try
        {
            return encoding.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
