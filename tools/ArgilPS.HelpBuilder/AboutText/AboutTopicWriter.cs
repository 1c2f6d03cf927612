using System;
using System.Text;
using ArgilPS.HelpBuilder.Model;

namespace ArgilPS.HelpBuilder.AboutText
{
    /// <summary>
    /// Renders an about topic as the conventional <c>about_*.help.txt</c>:
    /// <code>
    /// TOPIC
    ///     about_Name
    ///
    /// SHORT DESCRIPTION
    ///     One line.
    ///
    /// LONG DESCRIPTION
    ///     Wrapped text, indented four spaces.
    /// </code>
    /// </summary>
    public static class AboutTopicWriter
    {
        public const int Width = 80;
        private const string Indent = "    ";
        private const string SubsectionIndent = "  ";
        private const string CodeIndent = "        ";

        public static string Write(AboutTopic topic)
        {
            var text = new StringBuilder();
            text.Append("TOPIC\n").Append(Indent).Append(topic.Name).Append('\n');

            foreach (AboutSection section in topic.Sections)
            {
                text.Append('\n');
                text.Append(section.Level == 0 ? string.Empty : SubsectionIndent).Append(section.Title).Append('\n');

                // Get-Help reads line 5 of the file (the first line under SHORT DESCRIPTION) as
                // the topic's synopsis, so that paragraph stays on one line.
                bool keepFirstLine = section.Level == 0 && section.Title == Markdown.AboutTopicParser.ShortDescription;
                for (int i = 0; i < section.Blocks.Count; i++)
                {
                    // Items of one list stay together; every other block is set off by a blank line.
                    bool continuesList = i > 0 && section.Blocks[i].Kind == TextBlockKind.ListItem
                        && section.Blocks[i - 1].Kind == TextBlockKind.ListItem;
                    if (i > 0 && !continuesList)
                    {
                        text.Append('\n');
                    }

                    TextBlock block = section.Blocks[i];
                    if (keepFirstLine && i == 0 && block.Kind == TextBlockKind.Paragraph)
                    {
                        text.Append(Indent).Append(Inline(block.Text)).Append('\n');
                    }
                    else
                    {
                        AppendBlock(text, block);
                    }
                }
            }

            return text.ToString();
        }

        private static void AppendBlock(StringBuilder text, TextBlock block)
        {
            switch (block.Kind)
            {
                case TextBlockKind.Code:
                    foreach (string line in Markdown.MarkdownReader.SplitLines(block.Text))
                    {
                        text.Append(line.Length == 0 ? string.Empty : CodeIndent + line).Append('\n');
                    }

                    break;
                case TextBlockKind.ListItem:
                    // Hanging indent: continuation lines line up with the item's text.
                    int marker = block.Text.IndexOf(' ') + 1;
                    AppendWrapped(text, Inline(block.Text), Indent, Indent + new string(' ', marker));
                    break;
                default:
                    AppendWrapped(text, Inline(block.Text), Indent, Indent);
                    break;
            }
        }

        private static void AppendWrapped(StringBuilder text, string paragraph, string firstIndent, string restIndent)
        {
            var line = new StringBuilder(firstIndent);
            bool lineHasWord = false;
            foreach (string word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // A word longer than the width (a URL) gets a line of its own rather than a break.
                if (lineHasWord && line.Length + 1 + word.Length > Width)
                {
                    text.Append(line).Append('\n');
                    line.Clear().Append(restIndent);
                    lineHasWord = false;
                }

                if (lineHasWord)
                {
                    line.Append(' ');
                }

                line.Append(word);
                lineHasWord = true;
            }

            text.Append(line).Append('\n');
        }

        /// <summary>
        /// Plain text has no links: <c>[about_Foo](about_Foo.md)</c> becomes <c>about_Foo</c>, and
        /// an absolute link keeps its address in parentheses.
        /// </summary>
        private static string Inline(string markdown)
        {
            var result = new StringBuilder();
            int i = 0;
            while (i < markdown.Length)
            {
                int open = markdown.IndexOf('[', i);
                int middle = open < 0 ? -1 : markdown.IndexOf("](", open, StringComparison.Ordinal);
                int close = middle < 0 ? -1 : markdown.IndexOf(')', middle);
                if (close < 0)
                {
                    result.Append(markdown, i, markdown.Length - i);
                    break;
                }

                string label = markdown.Substring(open + 1, middle - open - 1);
                if (label.Contains(']'))
                {
                    // "[x] and [y](z)": the first bracket is not a link.
                    result.Append(markdown, i, open + 1 - i);
                    i = open + 1;
                    continue;
                }

                string target = markdown.Substring(middle + 2, close - middle - 2);
                result.Append(markdown, i, open - i).Append(label);
                if (target.Contains("://") && target != label)
                {
                    result.Append(" (").Append(target).Append(')');
                }

                i = close + 1;
            }

            return result.ToString();
        }

        /// <summary>The file name Get-Help looks for.</summary>
        public static string FileName(AboutTopic topic) => topic.Name + ".help.txt";
    }
}
