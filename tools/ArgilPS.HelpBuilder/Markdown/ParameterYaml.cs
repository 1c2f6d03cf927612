using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ArgilPS.HelpBuilder.Model;
using Markdig.Syntax;

namespace ArgilPS.HelpBuilder.Markdown
{
    /// <summary>
    /// The fixed-key yaml block platyPS writes under each parameter. It is a flat list of
    /// <c>Key: value</c> lines, so a line reader is all the yaml support needed.
    /// </summary>
    internal static class ParameterYaml
    {
        private static readonly string[] Known =
        {
            "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position",
            "Default value", "Accept pipeline input", "Accept wildcard characters", "Applicable",
        };

        private static readonly string[] Required = { "Type", "Parameter Sets", "Required", "Position" };

        public static ParameterUsage Read(FencedCodeBlock fence, string file)
        {
            var values = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
            foreach ((string raw, int lineNumber) in MarkdownSource.SourceLines(fence))
            {
                string line = raw.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                int colon = line.IndexOf(':');
                string key = colon > 0 ? line.Substring(0, colon).Trim() : line;
                if (colon <= 0 || !Known.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    throw new HelpFormatException(file, lineNumber, $"unknown parameter attribute '{key}'; expected one of {string.Join(", ", Known)}");
                }

                if (values.ContainsKey(key))
                {
                    throw new HelpFormatException(file, lineNumber, $"parameter attribute '{key}' is given twice");
                }

                values[key] = (line.Substring(colon + 1).Trim(), lineNumber);
            }

            foreach (string key in Required)
            {
                if (!values.ContainsKey(key))
                {
                    throw new HelpFormatException(file, MarkdownSource.LineOf(fence), $"parameter yaml block lacks '{key}:'");
                }
            }

            string Text(string key) => values.TryGetValue(key, out var entry) ? entry.Value : string.Empty;

            bool Bool(string key)
            {
                if (!values.TryGetValue(key, out var entry))
                {
                    return false;
                }

                return entry.Value.ToLowerInvariant() switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw new HelpFormatException(file, entry.Line, $"'{key}' must be True or False, not '{entry.Value}'"),
                };
            }

            string sets = Text("Parameter Sets");
            string defaultValue = Text("Default value");
            return new ParameterUsage(
                Type: Text("Type"),
                Sets: sets.Equals("(All)", StringComparison.OrdinalIgnoreCase) ? Array.Empty<string>() : SplitList(sets),
                Aliases: SplitList(Text("Aliases")),
                AcceptedValues: SplitList(Text("Accepted values")),
                Required: Bool("Required"),
                Position: ReadPosition(values["Position"], file),
                DefaultValue: defaultValue.Length == 0 || defaultValue.Equals("None", StringComparison.OrdinalIgnoreCase) ? null : defaultValue,
                Pipeline: values.TryGetValue("Accept pipeline input", out var pipeline) ? ReadPipeline(pipeline, file) : PipelineInput.None,
                Globbing: Bool("Accept wildcard characters"));
        }

        private static string[] SplitList(string value) =>
            value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();

        private static int? ReadPosition((string Value, int Line) entry, string file)
        {
            if (entry.Value.Equals("Named", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (int.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int position))
            {
                return position;
            }

            throw new HelpFormatException(file, entry.Line, $"'Position' must be Named or a number, not '{entry.Value}'");
        }

        /// <summary>Accepts <c>False</c> or <c>True (ByValue)</c>, <c>True (ByPropertyName)</c> or both.</summary>
        private static PipelineInput ReadPipeline((string Value, int Line) entry, string file)
        {
            string value = entry.Value;
            if (value.Equals("False", StringComparison.OrdinalIgnoreCase))
            {
                return PipelineInput.None;
            }

            int open = value.IndexOf('(');
            if (value.StartsWith("True", StringComparison.OrdinalIgnoreCase) && open > 0 && value.EndsWith(")", StringComparison.Ordinal)
                && value.Substring(4, open - 4).Trim().Length == 0)
            {
                var result = PipelineInput.None;
                foreach (string kind in SplitList(value.Substring(open + 1, value.Length - open - 2)))
                {
                    result |= kind.ToLowerInvariant() switch
                    {
                        "byvalue" => PipelineInput.ByValue,
                        "bypropertyname" => PipelineInput.ByPropertyName,
                        _ => throw new HelpFormatException(file, entry.Line, $"unknown pipeline input kind '{kind}'"),
                    };
                }

                if (result != PipelineInput.None)
                {
                    return result;
                }
            }

            throw new HelpFormatException(file, entry.Line,
                $"'Accept pipeline input' must be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue), not '{value}'");
        }
    }
}
