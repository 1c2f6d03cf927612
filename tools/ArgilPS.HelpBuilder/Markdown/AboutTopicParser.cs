using System;
using System.Collections.Generic;
using System.Linq;
using ArgilPS.HelpBuilder.Model;
using Markdig.Syntax;

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
            List<Block> nodes = MarkdownSource.Body(MarkdownSource.Parse(markdown, file));

            Block? first = nodes.FirstOrDefault();
            string name = first is HeadingBlock h ? MarkdownSource.HeadingText(h) : string.Empty;
            if (first is not HeadingBlock { Level: 1 } title || !name.StartsWith("about_", StringComparison.OrdinalIgnoreCase) || name.Contains(' '))
            {
                throw new HelpFormatException(file, first == null ? 1 : MarkdownSource.LineOf(first), "expected a title line '# about_TopicName'");
            }

            var topic = new AboutTopic(name);
            List<Block> rest = nodes.Skip(1).ToList();

            // The platyPS template repeats the name as '## about_Name' under the title.
            if (rest.FirstOrDefault() is HeadingBlock repeat && MarkdownSource.HeadingText(repeat).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                rest.RemoveAt(0);
            }

            if (rest.FirstOrDefault() is not HeadingBlock firstSection)
            {
                throw new HelpFormatException(file, rest.Count > 0 ? MarkdownSource.LineOf(rest[0]) : MarkdownSource.LineOf(title),
                    "expected a section heading such as '## Short description' after the title");
            }

            int sectionLevel = firstSection.Level;
            HeadingBlock? heading = null;
            var body = new List<Block>();

            void Flush()
            {
                if (heading != null)
                {
                    int level = heading.Level - sectionLevel;
                    string text = MarkdownSource.HeadingText(heading);
                    topic.Sections.Add(new AboutSection(level == 0 ? text.ToUpperInvariant() : text, level, body.ToList()));
                    body.Clear();
                }
            }

            foreach (Block node in rest)
            {
                if (node is HeadingBlock above && above.Level < sectionLevel)
                {
                    throw new HelpFormatException(file, MarkdownSource.LineOf(above),
                        $"heading '{MarkdownSource.Show(above)}' is above the section level set by line {MarkdownSource.LineOf(firstSection)}");
                }

                if (node is HeadingBlock next)
                {
                    Flush();
                    heading = next;
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
                throw new HelpFormatException(file, MarkdownSource.LineOf(title), "an about topic needs a non-empty 'Short description' section");
            }

            if (topic.Sections[0] != shortDescription)
            {
                // Get-Help takes line 5 of the text file as the topic's synopsis, so the short
                // description has to be the first section.
                throw new HelpFormatException(file, MarkdownSource.LineOf(firstSection), "'Short description' must be the first section");
            }

            return topic;
        }
    }
}
