using System;
using System.IO;
using System.Linq;
using System.Text;

namespace ArgilPS.Videos;

/// <summary>
/// The file a saved video gets: <c>&lt;name&gt;-&lt;id&gt;.mp4</c> (<c>-subtitled</c> before the extension for
/// the subtitled file). The name and the id come from the server and may hold anything: every
/// character that is not allowed in a file name on Windows, macOS or Linux (and control, bidi and
/// separator characters) becomes '_', leading and trailing dots and spaces go, and each part is
/// bounded, so the name is one file name inside the folder, never a path out of it.
/// </summary>
internal static class VideoFileName
{
    /// <summary>The most characters kept of the video's name.</summary>
    public const int MaximumNameLength = 80;

    /// <summary>The most characters kept of the id (a UUID has 36).</summary>
    public const int MaximumIdLength = 64;

    private static readonly char[] Invalid = Path.GetInvalidFileNameChars().Concat("<>:\"/\\|?*").Distinct().ToArray();

    public static string For(Video video, bool subtitled)
    {
        var name = Clean(video.Name, MaximumNameLength);
        var id = Clean(video.Id, MaximumIdLength);
        if (name.Length == 0) name = "video";
        return name + (id.Length == 0 ? "" : "-" + id) + (subtitled ? "-subtitled" : "") + ".mp4";
    }

    /// <summary>The text as part of a file name: no character a file system refuses or a terminal obeys, at most <paramref name="maximum"/> characters.</summary>
    public static string Clean(string? text, int maximum)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(Math.Min(text!.Length, maximum + 1));
        foreach (var c in text)
        {
            if (sb.Length >= maximum) break;
            sb.Append(IsRefused(c) ? '_' : c);
        }
        // A high surrogate cut from its pair at the end would be a broken character.
        if (sb.Length > 0 && char.IsHighSurrogate(sb[sb.Length - 1])) sb.Length--;
        return sb.ToString().Trim(' ', '.');
    }

    private static bool IsRefused(char c) =>
        char.IsControl(c) || Array.IndexOf(Invalid, c) >= 0
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or '\uFEFF';
}
