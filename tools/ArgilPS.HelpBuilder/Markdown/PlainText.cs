using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArgilPS.HelpBuilder.Markdown
{
    /// <summary>
    /// One rendered block: a paragraph, a list item, a code block or a table, as lines of plain
    /// text. <see cref="Tight"/> means no blank line goes before it (the next item of a tight
    /// list).
    /// </summary>
    public sealed record TextChunk(IReadOnlyList<string> Lines, bool Tight);

    /// <summary>
    /// Renders markdown as the plain text Get-Help shows. Prose is reflowed (wrapped to a width,
    /// or left on one line for Get-Help to wrap); code keeps its lines and is indented; tables
    /// become aligned columns; list items keep their markers, with a hanging indent.
    /// </summary>
    public static class PlainText
    {
        /// <summary>What sets a code block off from the prose around it.</summary>
        public const string CodeIndent = "    ";

        private const string QuoteMarker = "> ";

        /// <param name="blocks">Blocks to render, in order.</param>
        /// <param name="width">Columns to wrap prose to, or null to keep each paragraph on one line.</param>
        /// <param name="tableWidth">Columns a table may take; wider tables wrap their cells or become lists.</param>
        /// <param name="codeIndent">What code lines start with.</param>
        public static List<TextChunk> Blocks(IEnumerable<Block> blocks, int? width, int tableWidth, string codeIndent = CodeIndent) =>
            Blocks(blocks, new Layout(width, tableWidth, codeIndent));

        /// <summary>
        /// Blocks as MAML paragraphs: one per chunk, lines joined with line breaks. Get-Help
        /// wraps a paragraph's lines itself, keeps its line breaks and the indentation of every
        /// line but the first; so code is not indented here (its first line would lose the
        /// indent and the rest keep it), only set apart as a paragraph of its own, and what is
        /// nested in a list item loses the indentation all its lines share.
        /// </summary>
        public static List<string> Paragraphs(IEnumerable<Block> blocks, int tableWidth) =>
            Blocks(blocks, width: null, tableWidth, codeIndent: string.Empty).Select(c => string.Join("\n", Dedent(c.Lines))).ToList();

        /// <summary>Removes the indentation all lines share (code nested in a list item), keeping the rest.</summary>
        private static IEnumerable<string> Dedent(IReadOnlyList<string> lines)
        {
            int shared = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
            return lines.Select(l => l.Length == 0 ? l : l.Substring(shared));
        }

        private sealed record Layout(int? Width, int TableWidth, string CodeIndent)
        {
            public Layout Narrower(int columns) => this with { Width = Width - columns, TableWidth = TableWidth - columns };
        }

        private static List<TextChunk> Blocks(IEnumerable<Block> blocks, Layout layout)
        {
            var chunks = new List<TextChunk>();
            foreach (Block block in blocks)
            {
                AddBlock(chunks, block, layout);
            }

            return chunks;
        }

        private static void AddBlock(List<TextChunk> chunks, Block block, Layout layout)
        {
            switch (block)
            {
                case YamlFrontMatterBlock:
                case LinkReferenceDefinitionGroup:
                case ThematicBreakBlock:
                case BlankLineBlock:
                    return;
                case HeadingBlock heading:
                    chunks.Add(new TextChunk(new[] { MarkdownSource.HeadingText(heading) }, false));
                    return;
                case ParagraphBlock paragraph:
                    chunks.Add(new TextChunk(Wrap(Inline(paragraph.Inline), layout.Width), false));
                    return;
                case CodeBlock code:
                    // Fenced and indented alike: every line as written, never reflowed.
                    chunks.Add(new TextChunk(MarkdownSource.SourceLines(code).Select(l => Indent(layout.CodeIndent, l.Text.TrimEnd())).ToList(), false));
                    return;
                case HtmlBlock html:
                    chunks.Add(new TextChunk(MarkdownSource.SourceLines(html).Select(l => l.Text.TrimEnd()).ToList(), false));
                    return;
                case Table table:
                    chunks.Add(new TextChunk(RenderTable(table, layout.TableWidth), false));
                    return;
                case ListBlock list:
                    AddList(chunks, list, layout);
                    return;
                case QuoteBlock quote:
                    foreach (TextChunk inner in Blocks(quote, layout.Narrower(QuoteMarker.Length)))
                    {
                        chunks.Add(new TextChunk(inner.Lines.Select(l => (QuoteMarker + l).TrimEnd()).ToList(), inner.Tight));
                    }

                    return;
                case ContainerBlock container:
                    chunks.AddRange(Blocks(container, layout));
                    return;
                case LeafBlock leaf:
                    chunks.Add(new TextChunk(MarkdownSource.SourceLines(leaf).Select(l => l.Text.TrimEnd()).ToList(), false));
                    return;
            }
        }

        private static void AddList(List<TextChunk> chunks, ListBlock list, Layout layout)
        {
            bool firstItem = true;
            int number = list.IsOrdered && int.TryParse(list.OrderedStart, out int start) ? start : 1;
            foreach (ListItemBlock item in list.OfType<ListItemBlock>())
            {
                // Numbers carry meaning (steps), so they are kept; every bullet reads as '-'.
                string marker = list.IsOrdered ? $"{number++}{list.OrderedDelimiter} " : "- ";
                string hang = new string(' ', marker.Length);
                List<TextChunk> inner = Blocks(item, layout.Narrower(marker.Length));
                if (inner.Count == 0)
                {
                    inner.Add(new TextChunk(new[] { string.Empty }, false));
                }

                for (int i = 0; i < inner.Count; i++)
                {
                    var lines = inner[i].Lines.Select((line, j) => i == 0 && j == 0 ? (marker + line).TrimEnd() : Indent(hang, line)).ToList();
                    bool tight = i == 0 ? !firstItem && !list.IsLoose : !list.IsLoose || inner[i].Tight;
                    chunks.Add(new TextChunk(lines, tight));
                }

                firstItem = false;
            }
        }

        private static List<string> RenderTable(Table table, int width)
        {
            List<TableRow> rows = table.OfType<TableRow>().ToList();
            int columns = Math.Max(1, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
            string[] Cells(TableRow row)
            {
                var cells = row.OfType<TableCell>().Select(c => string.Join(" ", Blocks(c, new Layout(null, width, string.Empty)).SelectMany(x => x.Lines)).Trim()).ToList();
                while (cells.Count < columns)
                {
                    cells.Add(string.Empty);
                }

                return cells.ToArray();
            }

            string[]? header = rows.FirstOrDefault(r => r.IsHeader) is TableRow h ? Cells(h) : null;
            var body = rows.Where(r => !r.IsHeader).Select(Cells).ToList();
            bool[] right = Enumerable.Range(0, columns)
                .Select(i => i < table.ColumnDefinitions.Count && table.ColumnDefinitions[i].Alignment == TableColumnAlign.Right)
                .ToArray();
            return TableLayout.Render(header, body, right, width);
        }

        /// <summary>Inline markdown as plain text; a hard line break becomes '\n'.</summary>
        public static string Inline(ContainerInline? container)
        {
            var text = new StringBuilder();
            if (container != null)
            {
                AppendChildren(text, container);
            }

            return text.ToString();
        }

        private static void AppendInline(StringBuilder text, Inline? inline)
        {
            switch (inline)
            {
                case null:
                    return;
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    return;
                case CodeInline code:
                    text.Append(code.Content);
                    return;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? '\n' : ' ');
                    return;
                case HtmlInline html:
                    // '<id>' in running text is a placeholder, not markup: shown as written.
                    text.Append(html.Tag);
                    return;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    return;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    return;
                case EmphasisInline emphasis:
                    // Plain text has no italics, and help text uses '*' as a wildcard ('/avatars/*.
                    // * matches any'), which CommonMark may pair up as emphasis: either way, the
                    // characters the writer typed are the ones shown.
                    string delimiters = new string(emphasis.DelimiterChar, emphasis.DelimiterCount);
                    text.Append(delimiters);
                    AppendChildren(text, emphasis);
                    text.Append(delimiters);
                    return;
                case LinkInline link:
                    string label = Inline(link);
                    text.Append(label);
                    // A link to a sibling page reads as the page (topic) name; an address is shown.
                    if (IsAddress(link.Url) && link.Url != label)
                    {
                        text.Append(" (").Append(link.Url).Append(')');
                    }

                    return;
                case ContainerInline container:
                    AppendChildren(text, container);
                    return;
                default:
                    text.Append(inline.ToString());
                    return;
            }
        }

        private static void AppendChildren(StringBuilder text, ContainerInline container)
        {
            foreach (Inline child in container)
            {
                AppendInline(text, child);
            }
        }

        public static bool IsAddress(string? url) =>
            url != null && (url.Contains("://", StringComparison.Ordinal) || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// Reflows text to <paramref name="width"/> columns (hard line breaks kept); a word
        /// longer than the width (a URL) gets a line of its own rather than a break. Without a
        /// width, only hard line breaks split lines.
        /// </summary>
        public static List<string> Wrap(string text, int? width)
        {
            var lines = new List<string>();
            foreach (string part in text.Split('\n'))
            {
                if (width == null)
                {
                    lines.Add(part.Trim());
                    continue;
                }

                var line = new StringBuilder();
                foreach (string word in part.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (line.Length > 0 && line.Length + 1 + word.Length > width)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                    }

                    if (line.Length > 0)
                    {
                        line.Append(' ');
                    }

                    line.Append(word);
                }

                lines.Add(line.ToString());
            }

            return lines;
        }

        private static string Indent(string indent, string line) => line.Length == 0 ? string.Empty : indent + line;
    }
}
