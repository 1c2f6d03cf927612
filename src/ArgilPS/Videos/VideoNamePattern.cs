using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ArgilPS.Videos;

/// <summary>What Get-ArgilVideo sends for its filters: the API searches names by substring and extras by a JSON object.</summary>
internal static class VideoNamePattern
{
    /// <summary>
    /// The longest run of literal text in a wildcard pattern (escapes undone), which every matching
    /// name contains: the API's case-insensitive nameSearchQuery narrows the list to it, and the
    /// pattern itself is applied to what comes back. Null when the pattern has no literal text ("*").
    /// A pattern without wildcards is its own literal text.
    /// </summary>
    public static string? SearchText(string pattern)
    {
        var runs = new List<string>();
        var current = new StringBuilder();
        void Cut()
        {
            if (current.Length > 0) runs.Add(current.ToString());
            current.Clear();
        }
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '`' && i + 1 < pattern.Length)
            {
                current.Append(pattern[++i]);
                continue;
            }
            switch (c)
            {
                case '*':
                case '?':
                    Cut();
                    break;
                case '[':
                    Cut();
                    // A set or range stands for one character: skip to its closing ].
                    var close = pattern.IndexOf(']', i + 1);
                    i = close < 0 ? pattern.Length : close;
                    break;
                default:
                    current.Append(c);
                    break;
            }
        }
        Cut();
        var longest = runs.OrderByDescending(r => r.Trim().Length).FirstOrDefault();
        return string.IsNullOrWhiteSpace(longest) ? null : longest;
    }

    /// <summary>The extras as the JSON object text the API's extrasFilter takes: <c>{"campaign":"spring"}</c>.</summary>
    public static string ExtrasFilterJson(IDictionary<string, string> extras)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var pair in extras) json.WriteString(pair.Key, pair.Value);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
