using System;
using System.Collections.Generic;
using System.Text;
using ArgilPS.HelpBuilder.Model;

namespace ArgilPS.HelpBuilder.Markdown
{
    public enum MdNodeKind
    {
        Blank,
        Heading,
        Text,
        Fence,
    }

    /// <summary>
    /// A line-level markdown token. Fenced blocks are folded into one node so that a
    /// <c>#</c> inside sample code is never mistaken for a heading.
    /// </summary>
    /// <param name="Line">1-based line of the token (the opening fence for <see cref="MdNodeKind.Fence"/>).</param>
    /// <param name="Text">Heading text, the text line, or the fence body with its line breaks.</param>
    /// <param name="Level">Number of <c>#</c> for a heading.</param>
    /// <param name="Language">Info string of a fence, e.g. <c>powershell</c> or <c>yaml</c>.</param>
    public sealed record MdNode(MdNodeKind Kind, int Line, string Text, int Level = 0, string Language = "");

    /// <summary>
    /// The small subset of markdown that platyPS writes: ATX headings, fenced code, paragraphs
    /// and bullet lists. Anything fancier (tables, HTML) passes through as text.
    /// </summary>
    public static class MarkdownReader
    {
        public static string[] SplitLines(string text) =>
            text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');

        /// <summary>Tokenizes <paramref name="lines"/> from index <paramref name="start"/> (0-based) on.</summary>
        public static List<MdNode> Tokenize(string[] lines, int start, string file)
        {
            var nodes = new List<MdNode>();
            for (int i = start; i < lines.Length; i++)
            {
                string line = lines[i];
                string trimmed = line.Trim();
                int lineNumber = i + 1;

                if (trimmed.Length == 0)
                {
                    nodes.Add(new MdNode(MdNodeKind.Blank, lineNumber, string.Empty));
                }
                else if (trimmed.StartsWith("```", StringComparison.Ordinal))
                {
                    string language = trimmed.Substring(3).Trim();
                    var body = new StringBuilder();
                    int close = i + 1;
                    while (close < lines.Length && lines[close].Trim() != "```")
                    {
                        if (close > i + 1)
                        {
                            body.Append('\n');
                        }

                        body.Append(lines[close]);
                        close++;
                    }

                    if (close == lines.Length)
                    {
                        throw new HelpFormatException(file, lineNumber, "code fence is never closed");
                    }

                    nodes.Add(new MdNode(MdNodeKind.Fence, lineNumber, body.ToString(), Language: language));
                    i = close;
                }
                // Four spaces of indentation make a code line (CommonMark), so a '# comment' there is no heading.
                else if (line.Length - line.TrimStart(' ').Length < 4 && HeadingLevel(trimmed) is int level)
                {
                    nodes.Add(new MdNode(MdNodeKind.Heading, lineNumber, trimmed.Substring(level).Trim().TrimEnd('#').TrimEnd(), level));
                }
                else
                {
                    nodes.Add(new MdNode(MdNodeKind.Text, lineNumber, line));
                }
            }

            return nodes;
        }

        /// <summary>
        /// Groups text lines into paragraphs (soft line breaks joined with a space, as markdown
        /// renders them), bullet items and code blocks. Headings are not expected here; callers
        /// handle them before asking for blocks.
        /// </summary>
        public static List<TextBlock> ToBlocks(IEnumerable<MdNode> nodes)
        {
            var blocks = new List<TextBlock>();
            var current = new StringBuilder();
            var currentKind = TextBlockKind.Paragraph;

            void Flush()
            {
                if (current.Length > 0)
                {
                    blocks.Add(new TextBlock(currentKind, current.ToString()));
                    current.Clear();
                }

                currentKind = TextBlockKind.Paragraph;
            }

            foreach (MdNode node in nodes)
            {
                switch (node.Kind)
                {
                    case MdNodeKind.Blank:
                        Flush();
                        break;
                    case MdNodeKind.Fence:
                        Flush();
                        blocks.Add(new TextBlock(TextBlockKind.Code, node.Text));
                        break;
                    case MdNodeKind.Heading:
                        // A sub-heading inside running text is kept as a paragraph of its own.
                        Flush();
                        blocks.Add(new TextBlock(TextBlockKind.Paragraph, node.Text));
                        break;
                    default:
                        string text = node.Text.Trim();
                        if (ListItemText(text) is string item)
                        {
                            Flush();
                            currentKind = TextBlockKind.ListItem;
                            current.Append(item);
                        }
                        else
                        {
                            if (current.Length > 0)
                            {
                                current.Append(' ');
                            }

                            current.Append(text);
                        }

                        break;
                }
            }

            Flush();
            return blocks;
        }

        /// <summary>
        /// Blocks flattened to MAML paragraphs. List items keep their marker ("- " or "1. ") so
        /// they still read as a list once Get-Help has laid them out as separate paragraphs.
        /// </summary>
        public static List<string> ToParagraphs(IEnumerable<MdNode> nodes)
        {
            var paragraphs = new List<string>();
            foreach (TextBlock block in ToBlocks(nodes))
            {
                paragraphs.Add(block.Text);
            }

            return paragraphs;
        }

        private static int? HeadingLevel(string trimmed)
        {
            int level = 0;
            while (level < trimmed.Length && trimmed[level] == '#')
            {
                level++;
            }

            // "#" must be followed by a space to be a heading; "#region" or "#1" is text.
            bool isHeading = level is > 0 and <= 6 && (level == trimmed.Length || trimmed[level] == ' ');
            return isHeading ? level : null;
        }

        private static string? ListItemText(string trimmed)
        {
            if (trimmed.Length > 1 && (trimmed[0] == '-' || trimmed[0] == '*' || trimmed[0] == '+') && trimmed[1] == ' ')
            {
                return "- " + trimmed.Substring(2).Trim();
            }

            int digits = 0;
            while (digits < trimmed.Length && char.IsDigit(trimmed[digits]))
            {
                digits++;
            }

            if (digits > 0 && digits + 1 < trimmed.Length && trimmed[digits] == '.' && trimmed[digits + 1] == ' ')
            {
                // Numbered items keep their number: it carries meaning (steps).
                return trimmed;
            }

            return null;
        }
    }
}
