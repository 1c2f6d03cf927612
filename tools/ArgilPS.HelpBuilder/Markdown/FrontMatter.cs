using System;
using System.Collections.Generic;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace ArgilPS.HelpBuilder.Markdown
{
    /// <summary>The <c>---</c> delimited <c>key: value</c> header of a platyPS page.</summary>
    internal sealed class FrontMatter
    {
        private readonly Dictionary<string, (string Value, int Line)> _entries =
            new Dictionary<string, (string, int)>(StringComparer.OrdinalIgnoreCase);

        public string? Get(string key) =>
            _entries.TryGetValue(key, out var entry) && entry.Value.Length > 0 ? entry.Value : null;

        public int? LineOf(string key) => _entries.TryGetValue(key, out var entry) ? entry.Line : null;

        /// <summary>platyPS writes flat <c>key: value</c> lines, so no YAML library is needed to read them.</summary>
        public static FrontMatter Read(MarkdownDocument document, string text, string file)
        {
            YamlFrontMatterBlock? block = MarkdownSource.FrontMatterOf(document);
            if (block == null)
            {
                string[] lines = text.Replace("\r\n", "\n").Split('\n');
                int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
                throw new HelpFormatException(file, first < 0 ? 1 : first + 1, "expected YAML front matter starting with '---'");
            }

            var result = new FrontMatter();
            foreach ((string raw, int lineNumber) in MarkdownSource.SourceLines(block))
            {
                string line = raw.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    throw new HelpFormatException(file, lineNumber, $"front matter line is not 'key: value': '{line}'");
                }

                result._entries[line.Substring(0, colon).Trim()] = (Unquote(line.Substring(colon + 1).Trim()), lineNumber);
            }

            return result;
        }

        private static string Unquote(string value) =>
            value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0]
                ? value.Substring(1, value.Length - 2)
                : value;
    }
}
