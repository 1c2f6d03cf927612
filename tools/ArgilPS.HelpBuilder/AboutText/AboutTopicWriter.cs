using System.Collections.Generic;
using System.Linq;
using System.Text;
using ArgilPS.HelpBuilder.Markdown;
using ArgilPS.HelpBuilder.Model;
using Markdig.Syntax;

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
    /// Code blocks keep their lines (indented four more), tables become aligned columns and
    /// lists keep their markers; see <see cref="PlainText"/>.
    /// </summary>
    public static class AboutTopicWriter
    {
        public const int Width = 80;
        private const string Indent = "    ";
        private const string SubsectionIndent = "  ";

        public static string Write(AboutTopic topic)
        {
            var text = new StringBuilder();
            text.Append("TOPIC\n").Append(Indent).Append(topic.Name).Append('\n');

            foreach (AboutSection section in topic.Sections)
            {
                text.Append('\n');
                text.Append(section.Level == 0 ? string.Empty : SubsectionIndent).Append(section.Title).Append('\n');

                List<TextChunk> chunks;
                if (section.Level == 0 && section.Title == AboutTopicParser.ShortDescription && section.Blocks[0] is ParagraphBlock)
                {
                    // Get-Help reads line 5 of the file (the first line under SHORT DESCRIPTION)
                    // as the topic's synopsis, so that paragraph stays on one line.
                    chunks = PlainText.Blocks(section.Blocks.Take(1), width: null, Width - Indent.Length);
                    chunks.AddRange(PlainText.Blocks(section.Blocks.Skip(1), Width - Indent.Length, Width - Indent.Length));
                }
                else
                {
                    chunks = PlainText.Blocks(section.Blocks, Width - Indent.Length, Width - Indent.Length);
                }

                for (int i = 0; i < chunks.Count; i++)
                {
                    if (i > 0 && !chunks[i].Tight)
                    {
                        text.Append('\n');
                    }

                    foreach (string line in chunks[i].Lines)
                    {
                        text.Append(line.Length == 0 ? string.Empty : Indent + line).Append('\n');
                    }
                }
            }

            return text.ToString();
        }

        /// <summary>The file name Get-Help looks for.</summary>
        public static string FileName(AboutTopic topic) => topic.Name + ".help.txt";
    }
}
