using System;
using System.Collections.Generic;
using System.Linq;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Helpers;
using Markdig.Syntax;

namespace ArgilPS.HelpBuilder.Markdown
{
    /// <summary>
    /// Parses help markdown with Markdig (CommonMark, pipe tables, YAML front matter) and
    /// rejects what CommonMark would silently accept but a help writer never means: a fence or
    /// a front matter that is never closed swallows the rest of the file, and code indented four
    /// spaces under a list item is read as running text.
    /// </summary>
    public static class MarkdownSource
    {
        private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseYamlFrontMatter()
            .Build();

        /// <exception cref="HelpFormatException">A fence or the front matter is never closed.</exception>
        public static MarkdownDocument Parse(string text, string file)
        {
            MarkdownDocument document = Markdig.Markdown.Parse(text, Pipeline);

            FencedCodeBlock? open = document.Descendants<FencedCodeBlock>().FirstOrDefault(f => f.ClosingFencedCharCount == 0);
            if (open != null)
            {
                throw new HelpFormatException(file, LineOf(open), "code fence is never closed");
            }

            // '2. Step:', a blank line, then code indented four spaces: inside a list item those
            // four spaces count from the item's text, so CommonMark reads the code as a paragraph
            // of the item and every line would run together. What the writer meant is code.
            foreach (ParagraphBlock paragraph in document.Descendants<ParagraphBlock>())
            {
                if (paragraph.Parent is ListItemBlock item && item.IndexOf(paragraph) > 0 && paragraph.Column > item.Column + item.ColumnWidth)
                {
                    throw new HelpFormatException(file, LineOf(paragraph),
                        $"this text is indented past its list item's text, which markdown reads as more text of the item, not code: indent code in this item by {item.Column + item.ColumnWidth + 4} spaces, or put it in a ``` fence");
                }
            }

            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
            if (first >= 0 && lines[first].Trim() == "---" && FrontMatterOf(document) == null)
            {
                throw new HelpFormatException(file, first + 1, "front matter is never closed with '---'");
            }

            return document;
        }

        public static YamlFrontMatterBlock? FrontMatterOf(MarkdownDocument document) =>
            document.FirstOrDefault() as YamlFrontMatterBlock;

        /// <summary>The document's blocks after the front matter.</summary>
        public static List<Block> Body(MarkdownDocument document) =>
            document.Where(b => b is not YamlFrontMatterBlock && b is not LinkReferenceDefinitionGroup).ToList();

        /// <summary>1-based line of a block (Markdig counts from 0).</summary>
        public static int LineOf(Block block) => block.Line + 1;

        /// <summary>The lines of a code block or front matter, each with its 1-based line.</summary>
        public static IEnumerable<(string Text, int Line)> SourceLines(LeafBlock block)
        {
            StringLineGroup lines = block.Lines;
            for (int i = 0; i < lines.Count; i++)
            {
                StringLine line = lines.Lines[i];
                yield return (line.Slice.ToString(), line.Line + 1);
            }
        }

        /// <summary>A code block's text, line breaks kept, as written (fence indentation removed).</summary>
        public static string CodeText(LeafBlock block) => string.Join("\n", SourceLines(block).Select(l => l.Text));

        public static string HeadingText(HeadingBlock heading) => PlainText.Inline(heading.Inline).Trim();

        /// <summary><c>## Text</c>, as a message shows a heading.</summary>
        public static string Show(HeadingBlock heading) => new string('#', heading.Level) + " " + HeadingText(heading);
    }
}
