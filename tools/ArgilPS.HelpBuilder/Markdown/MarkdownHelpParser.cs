using System;
using System.Collections.Generic;
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
    }
}
