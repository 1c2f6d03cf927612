using System.Linq;
using ArgilPS.HelpBuilder;
using ArgilPS.HelpBuilder.AboutText;
using ArgilPS.HelpBuilder.Markdown;
using ArgilPS.HelpBuilder.Model;
using Xunit;

namespace ArgilPS.Tests.Help
{
    public sealed class AboutTopicTests
    {
        [Fact]
        public void SampleTopicIsWrittenInTheConventionalLayout()
        {
            AboutTopic topic = AboutTopicParser.Parse(HelpTestFiles.SampleAbout, "about_HelpSample.md");
            string text = AboutTopicWriter.Write(topic);
            string[] lines = text.Split('\n');

            Assert.Equal("about_HelpSample.help.txt", AboutTopicWriter.FileName(topic));
            Assert.Equal(new[] { "TOPIC", "    about_HelpSample", "", "SHORT DESCRIPTION" }, lines.Take(4));
            // Get-Help takes line 5 as the topic's synopsis.
            Assert.Equal("    Explains the sample module that the help builder tests document.", lines[4]);
            Assert.Contains("LONG DESCRIPTION", lines);
            Assert.Contains("  Parameter sets", lines);
            Assert.Contains("SEE ALSO", lines);
            Assert.All(lines, l => Assert.True(l.Length <= AboutTopicWriter.Width, $"longer than {AboutTopicWriter.Width}: {l}"));

            // Wrapped prose keeps the four-space indent; list items hang; code is indented eight.
            Assert.Contains("    The sample module has one cmdlet, Get-HelpSample, which returns a greeting.\n    This paragraph", text);
            Assert.Contains("    - ByName: the item is chosen by its name, which can come from the pipeline.\n    - ById:", text);
            Assert.Contains("\n        Get-HelpSample -Name world\n", text);
            // A link to another page reads as the page's name.
            Assert.Contains("    - Get-HelpSample\n", text);
            Assert.DoesNotContain("](", text);
        }

        [Fact]
        public void PlatyPsTemplateStyleIsAccepted()
        {
            const string markdown = """
                # about_Template

                ## about_Template

                # SHORT DESCRIPTION
                Short text.

                # LONG DESCRIPTION
                Long text with an [external link](https://example.invalid/x) and [brackets] kept.

                ## Optional Subtopics
                - a list item long enough to wrap around the end of the line so the hanging indent shows up
                """;

            AboutTopic topic = AboutTopicParser.Parse(markdown, "about_Template.md");
            string text = AboutTopicWriter.Write(topic);

            Assert.Equal(new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION", "Optional Subtopics" }, topic.Sections.Select(s => s.Title));
            Assert.Equal(new[] { 0, 0, 1 }, topic.Sections.Select(s => s.Level));
            Assert.Equal("    Short text.", text.Split('\n')[4]);
            Assert.Contains("an external link (https://example.invalid/x) and [brackets]\n    kept.", text);
            Assert.Contains("\n      indent shows up\n", text);
        }

        [Theory]
        [InlineData("Short text only.\n", 1, "expected a title line '# about_TopicName'")]
        [InlineData("# Topic\n", 1, "expected a title line '# about_TopicName'")]
        [InlineData("# about_X\n\nloose text\n", 3, "expected a section heading such as '## Short description' after the title")]
        [InlineData("# about_X\n\n## Long description\nText.\n", 1, "an about topic needs a non-empty 'Short description' section")]
        [InlineData("# about_X\n\n## Long description\nText.\n\n## Short description\nShort.\n", 3, "'Short description' must be the first section")]
        [InlineData("# about_X\n\n## Short description\nShort.\n\n# Other\n", 6, "heading '# Other' is above the section level set by line 3")]
        [InlineData("# about_X\n\n## Short description\nShort.\n```\ncode\n", 5, "code fence is never closed")]
        [InlineData("---\ntitle: about_X\n# about_X\n", 1, "front matter is never closed with '---'")]
        public void MalformedTopicReportsFileLineAndProblem(string markdown, int line, string problem)
        {
            var error = Assert.Throws<HelpFormatException>(() => AboutTopicParser.Parse(markdown, "about_X.md"));

            Assert.Equal($"about_X.md:{line}: {problem}", error.Message);
        }
    }
}
