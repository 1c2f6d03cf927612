using System;
using System.Text.RegularExpressions;

namespace ArgilPS.Client;

/// <summary>
/// Makes text safe to show: removes the key wherever it appears, masks secret-looking JSON fields,
/// shortens data URIs (an uploaded image would otherwise fill the log) and cuts long text.
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
        if (key is not null)
        {
            var secret = key.Reveal();
            if (result.IndexOf(secret, StringComparison.Ordinal) >= 0) result = result.Replace(secret, Mask);
        }
        result = DataUri.Replace(result, m => $"data:{m.Groups["type"].Value};base64,…({m.Groups["data"].Length} characters)");
        result = SecretField.Replace(result, m => m.Groups["name"].Value + "\"" + Mask + "\"");
        return Cut(result, maxLength);
    }

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
