using System;
using System.Collections.Generic;

namespace ArgilPS.HelpBuilder.Markdown
{
    /// <summary>The <c>---</c> delimited <c>key: value</c> header.</summary>
    internal sealed class FrontMatter
    {
        private readonly Dictionary<string, (string Value, int Line)> _entries =
            new Dictionary<string, (string, int)>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Index of the first line after the closing <c>---</c>.</summary>
        public int EndIndex { get; private set; }

        public string? Get(string key) =>
            _entries.TryGetValue(key, out var entry) && entry.Value.Length > 0 ? entry.Value : null;

        public int? LineOf(string key) => _entries.TryGetValue(key, out var entry) ? entry.Line : null;

        public static FrontMatter Read(string[] lines, string file)
        {
            var result = new FrontMatter();
            int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
            if (first < 0 || lines[first].Trim() != "---")
            {
                throw new HelpFormatException(file, first < 0 ? 1 : first + 1, "expected YAML front matter starting with '---'");
            }

            for (int i = first + 1; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line == "---")
                {
                    result.EndIndex = i + 1;
                    return result;
                }

                if (line.Length == 0)
                {
                    continue;
                }

                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    throw new HelpFormatException(file, i + 1, $"front matter line is not 'key: value': '{line}'");
                }

                result._entries[line.Substring(0, colon).Trim()] = (Unquote(line.Substring(colon + 1).Trim()), i + 1);
            }

            throw new HelpFormatException(file, first + 1, "front matter is never closed with '---'");
        }

        private static string Unquote(string value) =>
            value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0]
                ? value.Substring(1, value.Length - 2)
                : value;
    }
}
