using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using ArgilPS.HelpBuilder;
using ArgilPS.HelpBuilder.AboutText;
using ArgilPS.HelpBuilder.Maml;
using ArgilPS.HelpBuilder.Markdown;
using ArgilPS.HelpBuilder.Model;
using Xunit;

namespace ArgilPS.Tests.Help
{
    /// <summary>
    /// Every markdown construct the docs use, rendered both ways: as the about topic's plain
    /// text (80 columns, body indented four) and as the MAML paragraphs of a cmdlet's
    /// description, which Get-Help prints line for line.
    /// </summary>
    public sealed class MarkdownRenderingTests
    {
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";

        /// <summary>The about topic text under LONG DESCRIPTION, for <paramref name="body"/>.</summary>
        private static string About(string body)
        {
            string markdown = "# about_T\n\n## Short description\nShort.\n\n## Long description\n" + body + "\n";
            string text = AboutTopicWriter.Write(AboutTopicParser.Parse(markdown, "about_T.md"));
            Assert.All(text.Split('\n').Where(l => !l.StartsWith("        ", StringComparison.Ordinal)),
                l => Assert.True(l.Length <= AboutTopicWriter.Width, $"longer than {AboutTopicWriter.Width}: '{l}'"));
            return text.Substring(text.IndexOf("LONG DESCRIPTION\n", StringComparison.Ordinal) + "LONG DESCRIPTION\n".Length);
        }

        /// <summary>The MAML description paragraphs of a page whose DESCRIPTION is <paramref name="body"/>.</summary>
        private static List<string> MamlDescription(string body)
        {
            string page = "---\nschema: 2.0.0\n---\n\n# Get-Thing\n\n## SYNOPSIS\nGets a thing.\n\n## SYNTAX\n\n```\nGet-Thing\n```\n\n"
                + "## DESCRIPTION\n" + body + "\n\n## EXAMPLES\n\n### Example 1\n```powershell\nGet-Thing\n```\n\n## PARAMETERS\n";
            CommandHelp help = MarkdownHelpParser.Parse(page, "Get-Thing.md");
            XElement command = XDocument.Parse(MamlWriter.WriteToString(new[] { help })).Root!.Element(Command + "command")!;
            return command.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value.Replace("\r\n", "\n")).ToList();
        }

        [Fact]
        public void FencedCodeKeepsEveryLine()
        {
            const string markdown = "Two calls:\n\n```powershell\nGet-Thing -Name first\nGet-Thing -Name second\n```";

            Assert.Contains("\n        Get-Thing -Name first\n        Get-Thing -Name second\n", About(markdown));
            Assert.Equal(new[] { "Two calls:", "Get-Thing -Name first\nGet-Thing -Name second" }, MamlDescription(markdown));
        }

        [Fact]
        public void IndentedCodeKeepsEveryLineItsIndentationAndLength()
        {
            string longLine = "Get-Thing -Name " + new string('x', 90);
            string markdown = "A script:\n\n    # A comment, not a heading.\n    try {\n        Get-Thing\n    }\n    " + longLine;

            // Never reflowed, not even past 80 columns; nesting inside the code is kept.
            Assert.Contains("    A script:\n\n        # A comment, not a heading.\n        try {\n            Get-Thing\n        }\n        " + longLine + "\n", About(markdown));
            Assert.Equal(new[] { "A script:", "# A comment, not a heading.\ntry {\n    Get-Thing\n}\n" + longLine }, MamlDescription(markdown));
        }

        [Fact]
        public void CodeInsideAListItemStaysCodeUnderTheItem()
        {
            const string markdown = "1. Get a key.\n2. Connect:\n\n       Connect-Thing\n       Get-Thing\n\nAfter the list.";

            string about = About(markdown);
            Assert.Contains("    1. Get a key.\n\n    2. Connect:\n\n           Connect-Thing\n           Get-Thing\n\n    After the list.", about);
            Assert.Equal(new[] { "1. Get a key.", "2. Connect:", "Connect-Thing\nGet-Thing", "After the list." }, MamlDescription(markdown));
        }

        [Fact]
        public void CodeIndentedOnlyFourSpacesUnderAListItemIsRejected()
        {
            // CommonMark reads these lines as text of item 2, which ran two commands together.
            const string markdown = "# about_T\n\n## Short description\nShort.\n\n## Long description\n1. Step:\n\n    Connect-Thing\n    Get-Thing\n";

            var error = Assert.Throws<HelpFormatException>(() => AboutTopicParser.Parse(markdown, "about_T.md"));

            Assert.Equal(9, error.Line);
            Assert.Contains("indent code in this item by 7 spaces, or put it in a ``` fence", error.Problem);
        }

        [Fact]
        public void TableThatFitsIsAlignedColumnsOneRowPerLine()
        {
            const string markdown = "| Tag | Greeting | Sent |\n|---|---|--:|\n| Red | Hello, red item | 12 |\n| Green | Welcome, green item | 3 |";
            string[] expected =
            {
                "Tag    Greeting             Sent",
                "-----  -------------------  ----",
                "Red    Hello, red item        12",
                "Green  Welcome, green item     3",
            };

            Assert.Contains(string.Join("\n", expected.Select(l => "    " + l)) + "\n", About(markdown));
            Assert.Equal(string.Join("\n", expected), Assert.Single(MamlDescription(markdown)));
        }

        [Fact]
        public void WideTableWrapsLongCellsInsideTheirColumns()
        {
            const string markdown =
                "| Variable | Meaning | Default |\n|---|---|---|\n"
                + "| THING_BASE_URI | The address of the service that every request of this module is sent to | https://thing.example.invalid/v1 |\n"
                + "| THING_TIMEOUT_SEC | Seconds one request may take; 0 for no limit at all, which is rarely what you want | 100 |";

            string[] about = Lines(About(markdown)).Select(l => l.Length == 0 ? l : l.Substring(4)).ToArray();
            foreach (string[] rows in new[] { about, Assert.Single(MamlDescription(markdown)).Split('\n') })
            {
                int meaning = rows[0].IndexOf("Meaning", StringComparison.Ordinal);
                int @default = rows[0].IndexOf("Default", StringComparison.Ordinal);
                Assert.True(meaning > 0 && @default > meaning);
                Assert.All(rows.Where(l => l.Length > 0), l => Assert.True(l.Length <= 76, $"too wide: '{l}'"));

                // Each row starts on its own line; the columns of its wrapped lines read back as the cells.
                List<string[]> body = Split(rows.Skip(2).ToArray());
                Assert.Equal(2, body.Count);
                Assert.Equal("THING_BASE_URI", Column(body[0], 0, meaning));
                Assert.Equal("The address of the service that every request of this module is sent to", Column(body[0], meaning, @default));
                Assert.Equal("https://thing.example.invalid/v1", Column(body[0], @default, int.MaxValue));
                Assert.Equal("Seconds one request may take; 0 for no limit at all, which is rarely what you want", Column(body[1], meaning, @default));
                Assert.True(body[1].Length > 1, "the long cell wraps");
            }
        }

        [Fact]
        public void TableTooWideForColumnsBecomesOneRecordPerRow()
        {
            const string markdown =
                "| Error id | Category | Cause | What to do |\n|---|---|---|---|\n"
                + "| ParameterArgumentValidationError | InvalidData | PowerShell refused a parameter value before the cmdlet ran | Fix the value named in the message |\n"
                + "| AvatarNotFound | ObjectNotFound | No avatar with that id | Check the id; list avatars with Get-ArgilAvatar |";

            Assert.Contains(
                "    AvatarNotFound\n"
                + "        Category:   ObjectNotFound\n"
                + "        Cause:      No avatar with that id\n"
                + "        What to do: Check the id; list avatars with Get-ArgilAvatar\n",
                About(markdown));
            string maml = Assert.Single(MamlDescription(markdown));
            Assert.StartsWith("ParameterArgumentValidationError\n    Category:   InvalidData\n    Cause:      PowerShell refused", maml);
            Assert.Contains("\n\nAvatarNotFound\n    Category:   ObjectNotFound\n", maml);
        }

        [Fact]
        public void ListsKeepTheirMarkersNumbersAndHangingIndent()
        {
            const string markdown =
                "Steps:\n\n3. Third step.\n4. Fourth step, long enough to wrap past the end of the line so that the hanging indent shows.\n\n"
                + "Notes:\n\n* first note\n  - nested note\n* second note";

            string about = About(markdown);
            Assert.Contains("    3. Third step.\n    4. Fourth step, long enough to wrap past the end of the line so that the\n       hanging indent shows.\n", about);
            Assert.Contains("    - first note\n      - nested note\n    - second note\n", about);
            Assert.Equal(
                new[]
                {
                    "Steps:", "3. Third step.", "4. Fourth step, long enough to wrap past the end of the line so that the hanging indent shows.",
                    "Notes:", "- first note", "- nested note", "- second note",
                },
                MamlDescription(markdown));
        }

        [Fact]
        public void InlineCodeEmphasisLinksPlaceholdersAndEntitiesReadAsWritten()
        {
            // '/avatars/*. * matches' is a wildcard that CommonMark pairs up as emphasis; the
            // characters stay as typed. A link to a sibling page reads as the page name.
            const string markdown = "Use `Get-Thing -Force` on /avatars/*. * matches any path, but /avatars/* does not; "
                + "see [Get-Other](Get-Other.md) and [the site](https://example.invalid/x), pass -Id <id>, **bold** &amp; done.";
            const string expected = "Use Get-Thing -Force on /avatars/*. * matches any path, but /avatars/* does not; "
                + "see Get-Other and the site (https://example.invalid/x), pass -Id <id>, **bold** & done.";

            Assert.Equal(expected, string.Join(" ", Lines(About(markdown)).Select(l => l.Trim())).Trim());
            Assert.Equal(expected, Assert.Single(MamlDescription(markdown)));
        }

        [Fact]
        public void HardLineBreakAndBlockQuoteAreKept()
        {
            const string markdown = "First line,  \nsecond line.\n\n> Quoted note\n> over two lines.";

            Assert.Contains("    First line,\n    second line.\n\n    > Quoted note over two lines.\n", About(markdown));
            Assert.Equal(new[] { "First line,\nsecond line.", "> Quoted note over two lines." }, MamlDescription(markdown));
        }

        private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

        /// <summary>Rows of a wrapped table: groups of lines set apart by blank lines.</summary>
        private static List<string[]> Split(string[] lines)
        {
            var rows = new List<string[]>();
            var current = new List<string>();
            foreach (string line in lines.Append(string.Empty))
            {
                if (line.Length == 0)
                {
                    if (current.Count > 0)
                    {
                        rows.Add(current.ToArray());
                    }

                    current.Clear();
                }
                else
                {
                    current.Add(line);
                }
            }

            return rows;
        }

        /// <summary>The text of one column of a wrapped row, its lines joined again.</summary>
        private static string Column(string[] rowLines, int start, int end) =>
            string.Join(" ", rowLines.Select(l => l.Length <= start ? string.Empty : l.Substring(start, Math.Min(end, l.Length) - start).Trim()).Where(t => t.Length > 0));
    }
}
