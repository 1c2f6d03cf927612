using System;
using System.Collections.Generic;
using System.Linq;
using ArgilPS.HelpBuilder.Model;

namespace ArgilPS.HelpBuilder.Markdown
{
    /// <summary>
    /// Reads an <c>about_*.md</c> topic: optional front matter, a <c># about_Name</c> title, then
    /// sections (the heading level of the first one sets the section level; deeper headings are
    /// subsections). Both the platyPS template (<c># SHORT DESCRIPTION</c>) and the
    /// PowerShell-Docs style (<c>## Short description</c>) fit this.
    /// </summary>
    public static class AboutTopicParser
    {
        public const string ShortDescription = "SHORT DESCRIPTION";

        /// <exception cref="HelpFormatException">The topic does not follow the format.</exception>
        public static AboutTopic Parse(string markdown, string file)
        {
            string[] lines = MarkdownReader.SplitLines(markdown);
            List<MdNode> nodes = MarkdownReader.Tokenize(lines, SkipFrontMatter(lines, file), file);

            MdNode? title = nodes.FirstOrDefault(n => n.Kind != MdNodeKind.Blank);
            if (title == null || title.Kind != MdNodeKind.Heading || title.Level != 1
                || !title.Text.StartsWith("about_", StringComparison.OrdinalIgnoreCase) || title.Text.Contains(' '))
            {
                throw new HelpFormatException(file, title?.Line ?? 1, "expected a title line '# about_TopicName'");
            }

            var topic = new AboutTopic(title.Text);
            List<MdNode> rest = nodes.Skip(nodes.IndexOf(title) + 1).ToList();

            // The platyPS template repeats the name as '## about_Name' under the title.
            MdNode? repeat = rest.FirstOrDefault(n => n.Kind != MdNodeKind.Blank);
            if (repeat != null && repeat.Kind == MdNodeKind.Heading && repeat.Text.Equals(title.Text, StringComparison.OrdinalIgnoreCase))
            {
                rest = rest.Skip(rest.IndexOf(repeat) + 1).ToList();
            }

            MdNode? first = rest.FirstOrDefault(n => n.Kind != MdNodeKind.Blank);
            if (first == null || first.Kind != MdNodeKind.Heading)
            {
                throw new HelpFormatException(file, first?.Line ?? title.Line, "expected a section heading such as '## Short description' after the title");
            }

            int sectionLevel = first.Level;
            MdNode? heading = null;
            var body = new List<MdNode>();

            void Flush()
            {
                if (heading != null)
                {
                    int level = heading.Level - sectionLevel;
                    string name = level == 0 ? heading.Text.ToUpperInvariant() : heading.Text;
                    topic.Sections.Add(new AboutSection(name, level, MarkdownReader.ToBlocks(body)));
                    body.Clear();
                }
            }

            foreach (MdNode node in rest.SkipWhile(n => n != first))
            {
                if (node.Kind == MdNodeKind.Heading && node.Level < sectionLevel)
                {
                    throw new HelpFormatException(file, node.Line,
                        $"heading '{new string('#', node.Level)} {node.Text}' is above the section level set by line {first.Line}");
                }

                if (node.Kind == MdNodeKind.Heading)
                {
                    Flush();
                    heading = node;
                }
                else
                {
                    body.Add(node);
                }
            }

            Flush();

            AboutSection? shortDescription = topic.Sections.FirstOrDefault(s => s.Level == 0 && s.Title == ShortDescription);
            if (shortDescription == null || shortDescription.Blocks.Count == 0)
            {
                throw new HelpFormatException(file, title.Line, "an about topic needs a non-empty 'Short description' section");
            }

            if (topic.Sections[0] != shortDescription)
            {
                // Get-Help takes line 5 of the text file as the topic's synopsis, so the short
                // description has to be the first section.
                throw new HelpFormatException(file, first.Line, "'Short description' must be the first section");
            }

            return topic;
        }

        private static int SkipFrontMatter(string[] lines, string file)
        {
            int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
            if (first < 0 || lines[first].Trim() != "---")
            {
                return 0;
            }

            int close = Array.FindIndex(lines, first + 1, l => l.Trim() == "---");
            if (close < 0)
            {
                throw new HelpFormatException(file, first + 1, "front matter is never closed with '---'");
            }

            return close + 1;
        }
    }
}
