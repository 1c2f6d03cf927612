using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ArgilPS.HelpBuilder.Model;

namespace ArgilPS.HelpBuilder.Markdown
{
    /// <summary>
    /// Reads one cmdlet page in the platyPS 0.14 markdown layout (schema 2.0.0). The parser
    /// checks structure only (sections, fences, yaml keys); whether the content agrees with the
    /// real cmdlet is <see cref="Validation.HelpValidator"/>'s job.
    /// </summary>
    public sealed class MarkdownHelpParser
    {
        private static readonly string[] RequiredSections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS" };

        private static readonly string[] KnownSections =
            RequiredSections.Concat(new[] { "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" }).ToArray();

        private readonly string _file;
        private readonly string? _moduleName;

        private MarkdownHelpParser(string file, string? moduleName)
        {
            _file = file;
            _moduleName = moduleName;
        }

        /// <param name="markdown">The page text.</param>
        /// <param name="file">File name used in error messages and kept in the model.</param>
        /// <param name="moduleName">
        /// When given, the front matter's 'Module Name' and 'external help file' (if present)
        /// must name this module and its <c>&lt;Module&gt;.dll-Help.xml</c>.
        /// </param>
        /// <exception cref="HelpFormatException">The page does not follow the format.</exception>
        public static CommandHelp Parse(string markdown, string file, string? moduleName = null) =>
            new MarkdownHelpParser(file, moduleName).Parse(markdown);

        private CommandHelp Parse(string markdown)
        {
            string[] lines = MarkdownReader.SplitLines(markdown);
            var frontMatter = FrontMatter.Read(lines, _file);
            List<MdNode> nodes = MarkdownReader.Tokenize(lines, frontMatter.EndIndex, _file);

            string schema = frontMatter.Get("schema") ?? string.Empty;
            if (schema != "2.0.0")
            {
                throw Error(frontMatter.LineOf("schema") ?? 1, $"unsupported schema '{schema}': expected 'schema: 2.0.0' (platyPS 0.14 layout)");
            }

            CheckModule(frontMatter);

            MdNode title = nodes.FirstOrDefault(n => n.Kind != MdNodeKind.Blank)
                ?? throw Error(lines.Length, "expected '# Cmdlet-Name' after the front matter");
            if (title.Kind != MdNodeKind.Heading || title.Level != 1 || title.Text.Length == 0 || title.Text.Contains(' '))
            {
                throw Error(title.Line, "expected '# Cmdlet-Name' after the front matter");
            }

            var help = new CommandHelp(title.Text, _file)
            {
                Line = title.Line,
                ModuleName = frontMatter.Get("Module Name"),
                ExternalHelpFile = frontMatter.Get("external help file"),
                OnlineVersion = frontMatter.Get("online version"),
            };

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach ((MdNode heading, List<MdNode> body) in SplitAt(nodes.Skip(nodes.IndexOf(title) + 1), level: 2, "text before the first '## SECTION'"))
            {
                string name = heading.Text.ToUpperInvariant();
                if (!KnownSections.Contains(name))
                {
                    throw Error(heading.Line, $"unknown section '## {heading.Text}'; expected one of {string.Join(", ", KnownSections)}");
                }

                if (!seen.Add(name))
                {
                    throw Error(heading.Line, $"section '## {heading.Text}' appears twice");
                }

                ReadSection(help, name, heading, body);
            }

            foreach (string required in RequiredSections)
            {
                if (!seen.Contains(required))
                {
                    throw Error(title.Line, $"missing section '## {required}'");
                }
            }

            return help;
        }

        private void CheckModule(FrontMatter frontMatter)
        {
            if (_moduleName == null)
            {
                return;
            }

            string? module = frontMatter.Get("Module Name");
            if (module != null && !module.Equals(_moduleName, StringComparison.OrdinalIgnoreCase))
            {
                throw Error(frontMatter.LineOf("Module Name")!.Value, $"'Module Name: {module}' does not match module '{_moduleName}'");
            }

            // Every page is written into the one MAML file Get-Help looks for next to the module
            // assembly; a page that expects another file would silently lose its help.
            string expectedFile = _moduleName + ".dll-Help.xml";
            string? helpFile = frontMatter.Get("external help file");
            if (helpFile != null && !helpFile.Equals(expectedFile, StringComparison.OrdinalIgnoreCase))
            {
                throw Error(frontMatter.LineOf("external help file")!.Value, $"'external help file: {helpFile}' should be '{expectedFile}'");
            }
        }

        private void ReadSection(CommandHelp help, string name, MdNode heading, List<MdNode> body)
        {
            switch (name)
            {
                case "SYNOPSIS":
                    help.Synopsis.AddRange(MarkdownReader.ToParagraphs(body));
                    break;
                case "SYNTAX":
                    ReadSyntax(help, heading, body);
                    break;
                case "DESCRIPTION":
                    help.Description.AddRange(MarkdownReader.ToParagraphs(body));
                    break;
                case "EXAMPLES":
                    ReadExamples(help, body);
                    break;
                case "PARAMETERS":
                    ReadParameters(help, body);
                    break;
                case "INPUTS":
                    help.Inputs.AddRange(ReadTypes(body));
                    break;
                case "OUTPUTS":
                    help.Outputs.AddRange(ReadTypes(body));
                    break;
                case "NOTES":
                    help.Notes.AddRange(MarkdownReader.ToParagraphs(body));
                    break;
                case "RELATED LINKS":
                    ReadLinks(help, body);
                    break;
            }
        }

        private void ReadSyntax(CommandHelp help, MdNode sectionHeading, List<MdNode> body)
        {
            // A lone code block without a '###' heading is how platyPS writes a cmdlet that has
            // only the implicit parameter set.
            List<MdNode> lead = body.TakeWhile(n => n.Kind != MdNodeKind.Heading).ToList();
            List<MdNode> leadFences = lead.Where(n => n.Kind == MdNodeKind.Fence).ToList();
            RejectText(lead.Where(n => n.Kind == MdNodeKind.Text), "under '## SYNTAX' only '### SetName' headings and code blocks are expected");

            List<(MdNode Heading, List<MdNode> Body)> sets = SplitAt(body.Skip(lead.Count), level: 3, context: null);
            if (leadFences.Count > 0 && (leadFences.Count > 1 || sets.Count > 0))
            {
                throw Error(leadFences[leadFences.Count > 1 ? 1 : 0].Line, "several syntax blocks need a '### SetName' heading each");
            }

            if (leadFences.Count == 1)
            {
                help.Syntax.Add(new SyntaxBlock(null, true, leadFences[0].Text));
                return;
            }

            if (sets.Count == 0)
            {
                throw Error(sectionHeading.Line, "'## SYNTAX' has no syntax block");
            }

            foreach ((MdNode heading, List<MdNode> setBody) in sets)
            {
                RejectText(setBody.Where(n => n.Kind == MdNodeKind.Text), "a syntax set holds only its code block");
                List<MdNode> fences = setBody.Where(n => n.Kind == MdNodeKind.Fence).ToList();
                if (fences.Count != 1)
                {
                    throw Error(heading.Line, $"syntax set '{heading.Text}' needs exactly one code block, found {fences.Count}");
                }

                string setName = heading.Text;
                const string defaultMarker = "(Default)";
                bool isDefault = setName.EndsWith(defaultMarker, StringComparison.OrdinalIgnoreCase);
                if (isDefault)
                {
                    setName = setName.Substring(0, setName.Length - defaultMarker.Length).TrimEnd();
                }

                if (setName.Length == 0 || setName.Contains(' '))
                {
                    throw Error(heading.Line, $"'### {heading.Text}' is not a parameter set name");
                }

                help.Syntax.Add(new SyntaxBlock(setName, isDefault, fences[0].Text));
            }

            if (help.Syntax.Count(s => s.IsDefault) > 1)
            {
                throw Error(sets.Last(s => s.Heading.Text.EndsWith("(Default)", StringComparison.OrdinalIgnoreCase)).Heading.Line,
                    "more than one syntax set is marked (Default)");
            }
        }

        private void ReadExamples(CommandHelp help, List<MdNode> body)
        {
            foreach ((MdNode heading, List<MdNode> exampleBody) in SplitAt(body, level: 3, "text before the first '### Example' heading"))
            {
                var example = new ExampleHelp(heading.Text, heading.Line);
                foreach (MdNode fence in exampleBody.Where(n => n.Kind == MdNodeKind.Fence))
                {
                    example.Code.Add(new CodeBlock(fence.Language, fence.Text));
                }

                if (example.Code.Count == 0)
                {
                    throw Error(heading.Line, $"example '{heading.Text}' has no code block");
                }

                // platyPS 0.14 puts all prose of an example, before or after the code, in the remarks.
                example.Remarks.AddRange(MarkdownReader.ToParagraphs(exampleBody.Where(n => n.Kind != MdNodeKind.Fence)));
                help.Examples.Add(example);
            }
        }

        private void ReadParameters(CommandHelp help, List<MdNode> body)
        {
            foreach ((MdNode heading, List<MdNode> parameterBody) in SplitAt(body, level: 3, "text before the first '### -Parameter' heading"))
            {
                if (heading.Text.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    help.SupportsCommonParameters = true;
                    continue;
                }

                if (heading.Text.Equals("WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!heading.Text.StartsWith("-", StringComparison.Ordinal) || heading.Text.Length < 2 || heading.Text.Contains(' '))
                {
                    throw Error(heading.Line, $"expected '### -ParameterName' or '### CommonParameters', found '### {heading.Text}'");
                }

                var parameter = new ParameterHelp(heading.Text.Substring(1), heading.Line);
                if (help.Parameters.Any(p => p.Name.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw Error(heading.Line, $"parameter -{parameter.Name} is described twice");
                }

                bool IsYaml(MdNode n) => n.Kind == MdNodeKind.Fence && n.Language.Equals("yaml", StringComparison.OrdinalIgnoreCase);
                foreach (MdNode yaml in parameterBody.Where(IsYaml))
                {
                    parameter.Usages.Add(ParameterYaml.Read(yaml, _file));
                }

                if (parameter.Usages.Count == 0)
                {
                    throw Error(heading.Line, $"parameter -{parameter.Name} has no ```yaml block");
                }

                parameter.Description.AddRange(MarkdownReader.ToParagraphs(parameterBody.Where(n => !IsYaml(n))));
                help.Parameters.Add(parameter);
            }
        }

        private List<TypeHelp> ReadTypes(List<MdNode> body)
        {
            var types = new List<TypeHelp>();
            foreach ((MdNode heading, List<MdNode> typeBody) in SplitAt(body, level: 3, "text before the first '### TypeName' heading"))
            {
                types.Add(new TypeHelp(heading.Text, MarkdownReader.ToParagraphs(typeBody)));
            }

            return types;
        }

        private void ReadLinks(CommandHelp help, List<MdNode> body)
        {
            foreach (MdNode node in body.Where(n => n.Kind != MdNodeKind.Blank))
            {
                string text = node.Text.Trim();
                int close = text.IndexOf("](", StringComparison.Ordinal);
                if (node.Kind != MdNodeKind.Text || !text.StartsWith("[", StringComparison.Ordinal) || close < 0 || !text.EndsWith(")", StringComparison.Ordinal))
                {
                    throw Error(node.Line, "expected a markdown link '[text](uri)' under '## RELATED LINKS'");
                }

                help.Links.Add(new RelatedLink(text.Substring(1, close - 1), text.Substring(close + 2, text.Length - close - 3).Trim()));
            }
        }

        /// <summary>
        /// Splits nodes at headings of <paramref name="level"/>. Deeper headings stay in the
        /// body; non-blank content before the first heading is an error when a
        /// <paramref name="context"/> is given, and is left to the caller otherwise.
        /// </summary>
        private List<(MdNode Heading, List<MdNode> Body)> SplitAt(IEnumerable<MdNode> nodes, int level, string? context)
        {
            var parts = new List<(MdNode, List<MdNode>)>();
            List<MdNode>? current = null;
            foreach (MdNode node in nodes)
            {
                if (node.Kind == MdNodeKind.Heading && node.Level < level)
                {
                    throw Error(node.Line, $"unexpected heading '{new string('#', node.Level)} {node.Text}'");
                }

                if (node.Kind == MdNodeKind.Heading && node.Level == level)
                {
                    current = new List<MdNode>();
                    parts.Add((node, current));
                }
                else if (current != null)
                {
                    current.Add(node);
                }
                else if (node.Kind != MdNodeKind.Blank && context != null)
                {
                    throw Error(node.Line, $"unexpected {context}");
                }
            }

            return parts;
        }

        private void RejectText(IEnumerable<MdNode> nodes, string problem)
        {
            MdNode? stray = nodes.FirstOrDefault();
            if (stray != null)
            {
                throw Error(stray.Line, problem);
            }
        }

        private HelpFormatException Error(int line, string problem) => new HelpFormatException(_file, line, problem);

        /// <summary>The <c>---</c> delimited <c>key: value</c> header.</summary>
        private sealed class FrontMatter
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

        /// <summary>
        /// The fixed-key yaml block platyPS writes under each parameter. It is a flat list of
        /// <c>Key: value</c> lines, so a line reader is all the yaml support needed.
        /// </summary>
        private static class ParameterYaml
        {
            private static readonly string[] Known =
            {
                "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position",
                "Default value", "Accept pipeline input", "Accept wildcard characters", "Applicable",
            };

            private static readonly string[] Required = { "Type", "Parameter Sets", "Required", "Position" };

            public static ParameterUsage Read(MdNode fence, string file)
            {
                var values = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
                string[] lines = MarkdownReader.SplitLines(fence.Text);
                for (int i = 0; i < lines.Length; i++)
                {
                    int lineNumber = fence.Line + 1 + i;
                    string line = lines[i].Trim();
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
                        throw new HelpFormatException(file, fence.Line, $"parameter yaml block lacks '{key}:'");
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
}
