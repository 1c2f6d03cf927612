using System;
using System.Collections.Generic;
using System.Linq;
using ArgilPS.HelpBuilder.Model;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArgilPS.HelpBuilder.Markdown
{
    /// <summary>
    /// Reads one cmdlet page in the platyPS 0.14 markdown layout (schema 2.0.0). The parser
    /// checks structure only (sections, fences, yaml keys); whether the content agrees with the
    /// real cmdlet is <see cref="Validation.HelpValidator"/>'s job.
    /// </summary>
    public sealed class MarkdownHelpParser
    {
        /// <summary>
        /// Columns a table in a MAML paragraph may take: Get-Help indents descriptions by four
        /// to eight columns and does not re-align what it wraps.
        /// </summary>
        public const int MamlTableWidth = 72;

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
            MarkdownDocument document = MarkdownSource.Parse(markdown, _file);
            var frontMatter = FrontMatter.Read(document, markdown, _file);
            List<Block> nodes = MarkdownSource.Body(document);

            string schema = frontMatter.Get("schema") ?? string.Empty;
            if (schema != "2.0.0")
            {
                throw Error(frontMatter.LineOf("schema") ?? 1, $"unsupported schema '{schema}': expected 'schema: 2.0.0' (platyPS 0.14 layout)");
            }

            CheckModule(frontMatter);

            Block first = nodes.FirstOrDefault()
                ?? throw Error(markdown.Split('\n').Length, "expected '# Cmdlet-Name' after the front matter");
            string name = first is HeadingBlock h ? MarkdownSource.HeadingText(h) : string.Empty;
            if (first is not HeadingBlock { Level: 1 } title || name.Length == 0 || name.Contains(' '))
            {
                throw Error(MarkdownSource.LineOf(first), "expected '# Cmdlet-Name' after the front matter");
            }

            var help = new CommandHelp(name, _file)
            {
                Line = MarkdownSource.LineOf(title),
                ModuleName = frontMatter.Get("Module Name"),
                ExternalHelpFile = frontMatter.Get("external help file"),
                OnlineVersion = frontMatter.Get("online version"),
            };

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach ((HeadingBlock heading, List<Block> body) in SplitAt(nodes.Skip(1), level: 2, "text before the first '## SECTION'"))
            {
                string section = Text(heading).ToUpperInvariant();
                if (!KnownSections.Contains(section))
                {
                    throw Error(Line(heading), $"unknown section '## {Text(heading)}'; expected one of {string.Join(", ", KnownSections)}");
                }

                if (!seen.Add(section))
                {
                    throw Error(Line(heading), $"section '## {Text(heading)}' appears twice");
                }

                ReadSection(help, section, heading, body);
            }

            foreach (string required in RequiredSections)
            {
                if (!seen.Contains(required))
                {
                    throw Error(help.Line, $"missing section '## {required}'");
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

        private void ReadSection(CommandHelp help, string name, HeadingBlock heading, List<Block> body)
        {
            switch (name)
            {
                case "SYNOPSIS":
                    help.Synopsis.AddRange(Paragraphs(body));
                    break;
                case "SYNTAX":
                    ReadSyntax(help, heading, body);
                    break;
                case "DESCRIPTION":
                    help.Description.AddRange(Paragraphs(body));
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
                    help.Notes.AddRange(Paragraphs(body));
                    break;
                case "RELATED LINKS":
                    ReadLinks(help, body);
                    break;
            }
        }

        private void ReadSyntax(CommandHelp help, HeadingBlock sectionHeading, List<Block> body)
        {
            // A lone code block without a '###' heading is how platyPS writes a cmdlet that has
            // only the implicit parameter set.
            List<Block> lead = body.TakeWhile(n => n is not HeadingBlock).ToList();
            List<FencedCodeBlock> leadFences = lead.OfType<FencedCodeBlock>().ToList();
            RejectText(lead, "under '## SYNTAX' only '### SetName' headings and code blocks are expected");

            List<(HeadingBlock Heading, List<Block> Body)> sets = SplitAt(body.Skip(lead.Count), level: 3, context: null);
            if (leadFences.Count > 0 && (leadFences.Count > 1 || sets.Count > 0))
            {
                throw Error(Line(leadFences[leadFences.Count > 1 ? 1 : 0]), "several syntax blocks need a '### SetName' heading each");
            }

            if (leadFences.Count == 1)
            {
                help.Syntax.Add(new SyntaxBlock(null, true, MarkdownSource.CodeText(leadFences[0])));
                return;
            }

            if (sets.Count == 0)
            {
                throw Error(Line(sectionHeading), "'## SYNTAX' has no syntax block");
            }

            foreach ((HeadingBlock heading, List<Block> setBody) in sets)
            {
                RejectText(setBody, "a syntax set holds only its code block");
                List<FencedCodeBlock> fences = setBody.OfType<FencedCodeBlock>().ToList();
                if (fences.Count != 1)
                {
                    throw Error(Line(heading), $"syntax set '{Text(heading)}' needs exactly one code block, found {fences.Count}");
                }

                string setName = Text(heading);
                const string defaultMarker = "(Default)";
                bool isDefault = setName.EndsWith(defaultMarker, StringComparison.OrdinalIgnoreCase);
                if (isDefault)
                {
                    setName = setName.Substring(0, setName.Length - defaultMarker.Length).TrimEnd();
                }

                if (setName.Length == 0 || setName.Contains(' '))
                {
                    throw Error(Line(heading), $"'### {Text(heading)}' is not a parameter set name");
                }

                help.Syntax.Add(new SyntaxBlock(setName, isDefault, MarkdownSource.CodeText(fences[0])));
            }

            if (help.Syntax.Count(s => s.IsDefault) > 1)
            {
                throw Error(Line(sets.Last(s => Text(s.Heading).EndsWith("(Default)", StringComparison.OrdinalIgnoreCase)).Heading),
                    "more than one syntax set is marked (Default)");
            }
        }

        private void ReadExamples(CommandHelp help, List<Block> body)
        {
            foreach ((HeadingBlock heading, List<Block> exampleBody) in SplitAt(body, level: 3, "text before the first '### Example' heading"))
            {
                var example = new ExampleHelp(Text(heading), Line(heading));
                foreach (FencedCodeBlock fence in exampleBody.OfType<FencedCodeBlock>())
                {
                    example.Code.Add(new Model.CodeBlock(fence.Info ?? string.Empty, MarkdownSource.CodeText(fence)));
                }

                if (example.Code.Count == 0)
                {
                    throw Error(Line(heading), $"example '{Text(heading)}' has no code block");
                }

                // platyPS 0.14 puts all prose of an example, before or after the code, in the remarks.
                example.Remarks.AddRange(Paragraphs(exampleBody.Where(n => n is not FencedCodeBlock)));
                help.Examples.Add(example);
            }
        }

        private void ReadParameters(CommandHelp help, List<Block> body)
        {
            foreach ((HeadingBlock heading, List<Block> parameterBody) in SplitAt(body, level: 3, "text before the first '### -Parameter' heading"))
            {
                string title = Text(heading);
                if (title.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    help.SupportsCommonParameters = true;
                    continue;
                }

                if (title.Equals("WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!title.StartsWith("-", StringComparison.Ordinal) || title.Length < 2 || title.Contains(' '))
                {
                    throw Error(Line(heading), $"expected '### -ParameterName' or '### CommonParameters', found '### {title}'");
                }

                var parameter = new ParameterHelp(title.Substring(1), Line(heading));
                if (help.Parameters.Any(p => p.Name.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw Error(Line(heading), $"parameter -{parameter.Name} is described twice");
                }

                static bool IsYaml(Block n) => n is FencedCodeBlock fence && string.Equals(fence.Info, "yaml", StringComparison.OrdinalIgnoreCase);
                foreach (FencedCodeBlock yaml in parameterBody.Where(IsYaml).Cast<FencedCodeBlock>())
                {
                    parameter.Usages.Add(ParameterYaml.Read(yaml, _file));
                }

                if (parameter.Usages.Count == 0)
                {
                    throw Error(Line(heading), $"parameter -{parameter.Name} has no ```yaml block");
                }

                parameter.Description.AddRange(Paragraphs(parameterBody.Where(n => !IsYaml(n))));
                help.Parameters.Add(parameter);
            }
        }

        private List<TypeHelp> ReadTypes(List<Block> body)
        {
            var types = new List<TypeHelp>();
            foreach ((HeadingBlock heading, List<Block> typeBody) in SplitAt(body, level: 3, "text before the first '### TypeName' heading"))
            {
                types.Add(new TypeHelp(Text(heading), Paragraphs(typeBody)));
            }

            return types;
        }

        /// <summary>Each line under '## RELATED LINKS' is one markdown link, alone.</summary>
        private void ReadLinks(CommandHelp help, List<Block> body)
        {
            foreach (Block block in body)
            {
                if (block is not ParagraphBlock paragraph || paragraph.Inline == null)
                {
                    throw Error(Line(block), "expected a markdown link '[text](uri)' under '## RELATED LINKS'");
                }

                var line = new List<Inline>();
                foreach (Inline inline in paragraph.Inline.Concat(new Inline[] { new LineBreakInline() }))
                {
                    if (inline is not LineBreakInline)
                    {
                        line.Add(inline);
                        continue;
                    }

                    List<Inline> content = line.Where(i => !(i is LiteralInline l && l.Content.IsEmptyOrWhitespace())).ToList();
                    if (content.Count != 1 || content[0] is not LinkInline { IsImage: false } link)
                    {
                        int at = line.Count > 0 ? line[0].Line + 1 : Line(paragraph);
                        throw Error(at, "expected a markdown link '[text](uri)' under '## RELATED LINKS'");
                    }

                    help.Links.Add(new RelatedLink(PlainText.Inline(link).Trim(), (link.Url ?? string.Empty).Trim()));
                    line.Clear();
                }
            }
        }

        /// <summary>
        /// Splits blocks at headings of <paramref name="level"/>. Deeper headings stay in the
        /// body; content before the first heading is an error when a
        /// <paramref name="context"/> is given, and is left to the caller otherwise.
        /// </summary>
        private List<(HeadingBlock Heading, List<Block> Body)> SplitAt(IEnumerable<Block> nodes, int level, string? context)
        {
            var parts = new List<(HeadingBlock, List<Block>)>();
            List<Block>? current = null;
            foreach (Block node in nodes)
            {
                if (node is HeadingBlock heading && heading.Level < level)
                {
                    throw Error(Line(heading), $"unexpected heading '{MarkdownSource.Show(heading)}'");
                }

                if (node is HeadingBlock { } same && same.Level == level)
                {
                    current = new List<Block>();
                    parts.Add((same, current));
                }
                else if (current != null)
                {
                    current.Add(node);
                }
                else if (context != null)
                {
                    throw Error(Line(node), $"unexpected {context}");
                }
            }

            return parts;
        }

        /// <summary>Anything but headings and fenced code is out of place here.</summary>
        private void RejectText(IEnumerable<Block> nodes, string problem)
        {
            Block? stray = nodes.FirstOrDefault(n => n is not HeadingBlock && n is not FencedCodeBlock);
            if (stray != null)
            {
                throw Error(Line(stray), problem);
            }
        }

        private static List<string> Paragraphs(IEnumerable<Block> blocks) => PlainText.Paragraphs(blocks, MamlTableWidth);

        private static string Text(HeadingBlock heading) => MarkdownSource.HeadingText(heading);

        private static int Line(Block block) => MarkdownSource.LineOf(block);

        private HelpFormatException Error(int line, string problem) => new HelpFormatException(_file, line, problem);
    }
}
