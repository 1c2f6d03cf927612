using System;
using System.Linq;
using ArgilPS.HelpBuilder;
using ArgilPS.HelpBuilder.Markdown;
using ArgilPS.HelpBuilder.Model;
using Xunit;

namespace ArgilPS.Tests.Help
{
    public sealed class MarkdownHelpParserTests
    {
        [Fact]
        public void SamplePageParsesIntoTheModel()
        {
            CommandHelp page = MarkdownHelpParser.Parse(HelpTestFiles.SamplePage, "Get-HelpSample.md", "ArgilPS.Tests");

            Assert.Equal("Get-HelpSample", page.Name);
            Assert.Equal(("Get", "HelpSample"), (page.Verb, page.Noun));
            Assert.Equal(8, page.Line);
            Assert.Equal("https://example.invalid/help/Get-HelpSample", page.OnlineVersion);
            Assert.Equal(new[] { "Gets a greeting for a sample item." }, page.Synopsis);
            Assert.Equal(new[] { "ByName", "ById" }, page.ParameterSetNames);
            Assert.True(page.Syntax[0].IsDefault);
            Assert.False(page.Syntax[1].IsDefault);

            // Soft line breaks are joined; a blank line starts a new paragraph. A table, a code
            // block, each list item and a quote are paragraphs of their own that keep their lines.
            Assert.Equal(10, page.Description.Count);
            Assert.EndsWith("by name or by id. It exists only so the help builder has a real cmdlet to document.", page.Description[0]);
            Assert.Equal(
                new[]
                {
                    "Use -Force to greet items that are normally skipped.",
                    "Greetings by tag:",
                    "Tag    Greeting             Sent\n-----  -------------------  ----\nRed    Hello, red item        12\nGreen  Welcome, green item     3",
                    "To greet two items, one after the other:",
                    "Get-HelpSample -Name first\nGet-HelpSample -Name second",
                    "Steps, in order:",
                    "1. The name is looked up.",
                    "2. The greeting is built with -Tag applied.",
                    "> Greetings are not stored.",
                },
                page.Description.Skip(1));

            Assert.Equal(2, page.Examples.Count);
            ExampleHelp second = page.Examples[1];
            Assert.Equal("Example 2: Greet from the pipeline", second.Title);
            Assert.Equal(new[] { "powershell", "output" }, second.Code.Select(c => c.Language));
            Assert.True(second.Code[1].IsOutput);
            Assert.Equal(new[] { "Names arrive from the pipeline by value." }, second.Remarks);

            Assert.Equal(new[] { "Force", "Id", "Name", "Tag" }, page.Parameters.Select(p => p.Name));
            Assert.True(page.Parameters[0].IsSwitch);
            ParameterUsage id = page.Parameters[1].Primary;
            Assert.Equal(("Int32", true, (int?)null, PipelineInput.ByPropertyName), (id.Type, id.Required, id.Position, id.Pipeline));
            Assert.Equal(new[] { "ById" }, id.Sets);
            ParameterUsage name = page.Parameters[2].Primary;
            Assert.Equal((0, PipelineInput.ByValue, "True (ByValue)"), (name.Position, name.Pipeline, name.PipelineText));
            ParameterUsage tag = page.Parameters[3].Primary;
            Assert.True(tag.AllSets);
            Assert.Equal(new[] { "Label" }, tag.Aliases);
            Assert.Equal(new[] { "Red", "Green" }, tag.AcceptedValues);
            Assert.Equal("False", page.Parameters[0].Primary.DefaultValue);
            Assert.Null(tag.DefaultValue);
            Assert.True(page.SupportsCommonParameters);

            Assert.Equal("System.String", Assert.Single(page.Inputs).TypeName);
            Assert.Equal(new[] { "The greeting text." }, Assert.Single(page.Outputs).Description);
            Assert.Equal(new[] { "Sample notes: the greeting is not localized." }, page.Notes);
            Assert.Equal(
                new[] { new RelatedLink("about_HelpSample", "about_HelpSample.md"), new RelatedLink("Project site", "https://example.invalid/argilps") },
                page.Links);
        }

        [Fact]
        public void ImplicitSetOneYamlBlockPerSetAndCodeWithHashLines()
        {
            const string page = """
                ---
                schema: 2.0.0
                ---

                # Set-Thing

                ## SYNOPSIS
                Sets a thing.

                ## SYNTAX

                ```
                Set-Thing [-Value] <String>
                ```

                ## DESCRIPTION
                Steps:
                - first item
                  continues here
                - second item

                ## EXAMPLES

                ### Example 1
                ```powershell
                # Not a heading: a comment in the sample.
                Set-Thing -Value 1
                ```

                ## PARAMETERS

                ### -Value
                The value.

                ```yaml
                Type: String
                Parameter Sets: A
                Aliases:

                Required: True
                Position: 0
                Default value: None
                Accept pipeline input: True (ByPropertyName, ByValue)
                Accept wildcard characters: True
                ```

                ```yaml
                Type: String
                Parameter Sets: B, C
                Aliases: V, Val

                Required: False
                Position: Named
                Default value: None
                Accept pipeline input: False
                Accept wildcard characters: False
                ```
                """;

            CommandHelp help = MarkdownHelpParser.Parse(page, "Set-Thing.md");

            Assert.Equal(new[] { ParameterHelp.AllParameterSets }, help.ParameterSetNames);
            Assert.Null(help.Syntax[0].SetName);
            Assert.Equal(new[] { "Steps:", "- first item continues here", "- second item" }, help.Description);
            Assert.Equal("# Not a heading: a comment in the sample.\nSet-Thing -Value 1", help.Examples[0].Code[0].Text);
            Assert.False(help.SupportsCommonParameters);

            ParameterHelp value = Assert.Single(help.Parameters);
            Assert.Equal(2, value.Usages.Count);
            ParameterUsage a = value.UsageFor("A")!;
            Assert.True(a.Required);
            Assert.True(a.Globbing);
            Assert.Equal(PipelineInput.ByValue | PipelineInput.ByPropertyName, a.Pipeline);
            Assert.Equal("True (ByPropertyName, ByValue)", a.PipelineText);
            ParameterUsage c = value.UsageFor("c")!;
            Assert.False(c.Required);
            Assert.Equal(new[] { "V", "Val" }, c.Aliases);
            Assert.Null(value.UsageFor("D"));
        }

        /// <summary>
        /// Each case breaks the sample page in one place. The expected line is found from a
        /// marker (the first line of the broken page starting with it, plus an offset), so the
        /// cases say what they mean rather than hard-coding line numbers.
        /// </summary>
        [Theory]
        [InlineData("---\nexternal", "external", "external help file", 0, "expected YAML front matter starting with '---'")]
        [InlineData("schema: 2.0.0", "schema: 2024-05-01", "schema:", 0, "unsupported schema '2024-05-01'")]
        [InlineData("# Get-HelpSample\n", "Get-HelpSample\n", "Get-HelpSample", 0, "expected '# Cmdlet-Name' after the front matter")]
        [InlineData("# Get-HelpSample\n", "# Get-HelpSample\nStray text.\n", "Stray text.", 0, "unexpected text before the first '## SECTION'")]
        [InlineData("## NOTES", "## REMARKS", "## REMARKS", 0, "unknown section '## REMARKS'")]
        [InlineData("## NOTES", "## Outputs", "## Outputs", 0, "section '## Outputs' appears twice")]
        [InlineData("## NOTES", "# NOTES", "# NOTES", 0, "unexpected heading '# NOTES'")]
        [InlineData("[Project site](https://example.invalid/argilps)", "```text\nnever closed", "```text", 0, "code fence is never closed")]
        [InlineData("### ById\n", "### ById\nSome words\n", "Some words", 0, "a syntax set holds only its code block")]
        [InlineData("### ById\n", "### ById (Default)\n", "### ById (Default)", 0, "more than one syntax set is marked (Default)")]
        [InlineData("```powershell\nPS C:\\> Get-HelpSample -Name world\n```", "Get-HelpSample -Name world", "### Example 1", 0, "example 'Example 1: Greet by name' has no code block")]
        [InlineData("### -Tag", "### Tag", "### Tag", 0, "expected '### -ParameterName' or '### CommonParameters', found '### Tag'")]
        [InlineData("```yaml\nType: SwitchParameter", "```\nType: SwitchParameter", "### -Force", 0, "parameter -Force has no ```yaml block")]
        [InlineData("Aliases: Label", "Alias: Label", "Alias: Label", 0, "unknown parameter attribute 'Alias'")]
        [InlineData("Type: Int32\n", "", "The numeric id of the item.", 2, "parameter yaml block lacks 'Type:'")]
        [InlineData("Parameter Sets: ById\nAliases:\n\nRequired: True", "Parameter Sets: ById\nAliases:\n\nRequired: Yes", "Required: Yes", 0, "'Required' must be True or False, not 'Yes'")]
        [InlineData("Position: 0", "Position: first", "Position: first", 0, "'Position' must be Named or a number, not 'first'")]
        [InlineData("True (ByPropertyName)", "True", "Accept pipeline input: True", 0, "'Accept pipeline input' must be False, True (ByValue)")]
        [InlineData("True (ByValue)", "True (FromPipeline)", "Accept pipeline input: True (FromPipeline)", 0, "unknown pipeline input kind 'FromPipeline'")]
        [InlineData("[Project site](https://example.invalid/argilps)", "Project site: https://example.invalid/argilps", "Project site:", 0, "expected a markdown link '[text](uri)'")]
        [InlineData("Module Name: ArgilPS.Tests", "Module Name: Other", "Module Name:", 0, "'Module Name: Other' does not match module 'ArgilPS.Tests'")]
        [InlineData("external help file: ArgilPS.Tests.dll-Help.xml", "external help file: Other.dll-Help.xml", "external help file:", 0, "should be 'ArgilPS.Tests.dll-Help.xml'")]
        public void MalformedPageReportsFileLineAndProblem(string find, string replace, string marker, int offset, string problem)
        {
            string broken = Replace(HelpTestFiles.SamplePage, find, replace);

            var error = Assert.Throws<HelpFormatException>(() => MarkdownHelpParser.Parse(broken, "docs/Get-HelpSample.md", "ArgilPS.Tests"));

            int line = LineStartingWith(broken, marker) + offset;
            Assert.Contains(problem, error.Problem);
            Assert.Equal(line, error.Line);
            Assert.StartsWith($"docs/Get-HelpSample.md:{line}: ", error.Message);
        }

        [Fact]
        public void MissingSectionIsReportedAtTheTitle()
        {
            string page = HelpTestFiles.SamplePage;
            int start = page.IndexOf("## DESCRIPTION", StringComparison.Ordinal);
            int end = page.IndexOf("## EXAMPLES", StringComparison.Ordinal);

            var error = Assert.Throws<HelpFormatException>(() => MarkdownHelpParser.Parse(page.Remove(start, end - start), "x.md"));

            Assert.Equal("x.md:8: missing section '## DESCRIPTION'", error.Message);
        }

        [Fact]
        public void DuplicateParameterIsRejected()
        {
            int start = HelpTestFiles.SamplePage.IndexOf("### -Tag", StringComparison.Ordinal);
            int end = HelpTestFiles.SamplePage.IndexOf("### CommonParameters", StringComparison.Ordinal);
            string tag = HelpTestFiles.SamplePage.Substring(start, end - start);
            string broken = HelpTestFiles.SamplePage.Insert(end, tag);

            var error = Assert.Throws<HelpFormatException>(() => MarkdownHelpParser.Parse(broken, "x.md"));

            Assert.Contains("parameter -Tag is described twice", error.Message);
        }

        internal static string Replace(string text, string find, string replace)
        {
            Assert.True(text.Contains(find, StringComparison.Ordinal), $"fixture no longer contains '{find}'");
            int at = text.IndexOf(find, StringComparison.Ordinal);
            return text.Substring(0, at) + replace + text.Substring(at + find.Length);
        }

        private static int LineStartingWith(string text, string marker)
        {
            string[] lines = text.Split('\n');
            int index = Array.FindIndex(lines, l => l.StartsWith(marker, StringComparison.Ordinal));
            Assert.True(index >= 0, $"no line starts with '{marker}'");
            return index + 1;
        }
    }
}
