using System;
using System.Collections.Generic;
using System.Linq;
using ArgilPS.HelpBuilder.Markdown;
using ArgilPS.HelpBuilder.Model;
using ArgilPS.HelpBuilder.Validation;
using Xunit;

namespace ArgilPS.Tests.Help
{
    /// <summary>
    /// Each case changes either the sample page or the sample cmdlet's signature in one way
    /// and expects exactly that disagreement, so the validator is shown to be precise as
    /// well as right.
    /// </summary>
    public sealed class HelpValidatorTests
    {
        private const string All = ParameterHelp.AllParameterSets;

        /// <summary><see cref="GetHelpSampleCommand"/> as plain data (the end-to-end tests check the engine agrees).</summary>
        private static CommandSignature Sample(
            string defaultSet = "ByName",
            string[]? sets = null,
            Func<ParameterSignature, ParameterSignature?>? change = null)
        {
            var parameters = new List<ParameterSignature>
            {
                new("Name", new[] { new ParameterSetMembership("ByName", true, 0, PipelineInput.ByValue) }),
                new("Id", new[] { new ParameterSetMembership("ById", true, null, PipelineInput.ByPropertyName) }),
                new("Tag", new[] { new ParameterSetMembership(All, false, null, PipelineInput.None) }),
                new("Force", new[] { new ParameterSetMembership(All, false, null, PipelineInput.None) }),
            };
            return new CommandSignature(
                "Get-HelpSample",
                sets ?? new[] { "ByName", "ById" },
                defaultSet,
                parameters.Select(p => change == null ? p : change(p)).OfType<ParameterSignature>().ToList());
        }

        private static ParameterSignature? Change(ParameterSignature p, string name, ParameterSetMembership membership) =>
            p.Name == name ? p with { Sets = new[] { membership } } : p;

        private static IReadOnlyList<HelpIssue> Issues(string page, CommandSignature command) =>
            new HelpValidator(HostedEngine.ParseErrors).Validate(new[] { MarkdownHelpParser.Parse(page, "Get-HelpSample.md") }, new[] { command });

        private static HelpIssue Single(IReadOnlyList<HelpIssue> issues, HelpIssueKind kind, string? parameter)
        {
            HelpIssue issue = Assert.Single(issues);
            Assert.Equal(kind, issue.Kind);
            Assert.Equal("Get-HelpSample", issue.Command);
            Assert.Equal(parameter, issue.Parameter);
            return issue;
        }

        private static string Page(string find, string replace) => MarkdownHelpParserTests.Replace(HelpTestFiles.SamplePage, find, replace);

        private static string PageWithout(string from, string to)
        {
            string page = HelpTestFiles.SamplePage;
            int start = page.IndexOf(from, StringComparison.Ordinal);
            int end = page.IndexOf(to, StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, $"fixture lacks '{from}' ... '{to}'");
            return page.Remove(start, end - start);
        }

        [Fact]
        public void SamplePageAgreesWithSampleCmdlet()
        {
            Assert.Empty(Issues(HelpTestFiles.SamplePage, Sample()));
        }

        [Fact]
        public void MissingCommandPage()
        {
            var other = new CommandSignature("Get-Other", new[] { All }, All, Array.Empty<ParameterSignature>());
            var issues = new HelpValidator().Validate(new[] { MarkdownHelpParser.Parse(HelpTestFiles.SamplePage, "p.md") }, new[] { Sample(), other });

            HelpIssue issue = Assert.Single(issues);
            Assert.Equal((HelpIssueKind.MissingCommandPage, "Get-Other"), (issue.Kind, issue.Command));
            Assert.Equal("Get-Other: has no help page [MissingCommandPage]", issue.ToString());
        }

        [Fact]
        public void UnknownCommandPage()
        {
            var issues = new HelpValidator().Validate(new[] { MarkdownHelpParser.Parse(HelpTestFiles.SamplePage, "p.md") }, Array.Empty<CommandSignature>());

            HelpIssue issue = Single(issues, HelpIssueKind.UnknownCommandPage, null);
            Assert.Equal("p.md:8: Get-HelpSample: the module has no such cmdlet [UnknownCommandPage]", issue.ToString());
        }

        [Fact]
        public void MissingParameter()
        {
            CommandSignature command = Sample();
            command = command with { Parameters = command.Parameters.Append(new ParameterSignature("Count", new[] { new ParameterSetMembership(All, false, null, PipelineInput.None) })).ToList() };

            Single(Issues(HelpTestFiles.SamplePage, command), HelpIssueKind.MissingParameter, "Count");
        }

        [Fact]
        public void ExtraParameter()
        {
            HelpIssue issue = Single(Issues(HelpTestFiles.SamplePage, Sample(change: p => p.Name == "Force" ? null : p)), HelpIssueKind.ExtraParameter, "Force");
            Assert.Equal("Get-HelpSample.md", issue.File);
            Assert.Equal(HelpTestFiles.SamplePage.Split('\n').ToList().IndexOf("### -Force") + 1, issue.Line);
        }

        [Fact]
        public void MandatoryMismatch()
        {
            var command = Sample(change: p => Change(p, "Id", new ParameterSetMembership("ById", false, null, PipelineInput.ByPropertyName)));

            HelpIssue issue = Single(Issues(HelpTestFiles.SamplePage, command), HelpIssueKind.MandatoryMismatch, "Id");
            Assert.Equal("is documented Required: True but is optional in set 'ById'", issue.Message);
        }

        [Fact]
        public void PipelineInputMismatch()
        {
            var command = Sample(change: p => Change(p, "Name", new ParameterSetMembership("ByName", true, 0, PipelineInput.ByValue | PipelineInput.ByPropertyName)));

            HelpIssue issue = Single(Issues(HelpTestFiles.SamplePage, command), HelpIssueKind.PipelineInputMismatch, "Name");
            Assert.Equal("is documented 'Accept pipeline input: True (ByValue)' but the cmdlet takes True (ByPropertyName, ByValue) in set 'ByName'", issue.Message);
        }

        [Fact]
        public void PipelineInputMismatchInThePage()
        {
            Single(Issues(Page("True (ByPropertyName)", "False"), Sample()), HelpIssueKind.PipelineInputMismatch, "Id");
        }

        [Fact]
        public void PositionMismatch()
        {
            var command = Sample(change: p => Change(p, "Name", new ParameterSetMembership("ByName", true, null, PipelineInput.ByValue)));

            HelpIssue issue = Single(Issues(HelpTestFiles.SamplePage, command), HelpIssueKind.PositionMismatch, "Name");
            Assert.Equal("is documented Position: 0 but is Named in set 'ByName'", issue.Message);
        }

        [Fact]
        public void CommandParameterSetsMismatchIsReportedOnce()
        {
            HelpIssue issue = Single(Issues(HelpTestFiles.SamplePage, Sample(sets: new[] { "ByName", "ById", "ByTag" })), HelpIssueKind.ParameterSetsMismatch, null);
            Assert.Equal("'## SYNTAX' has sets (ById, ByName) but the cmdlet has (ById, ByName, ByTag)", issue.Message);
        }

        [Fact]
        public void ParameterInTheWrongSets()
        {
            HelpIssue issue = Single(Issues(Page("Parameter Sets: ById", "Parameter Sets: (All)"), Sample()), HelpIssueKind.ParameterSetsMismatch, "Id");
            Assert.Equal("is documented in sets (ById, ByName) but belongs to (ById)", issue.Message);
        }

        [Fact]
        public void ParameterListsASetTheSyntaxLacks()
        {
            HelpIssue issue = Single(Issues(Page("Parameter Sets: ById", "Parameter Sets: ById, ByKey"), Sample()), HelpIssueKind.ParameterSetsMismatch, "Id");
            Assert.Equal("lists set 'ByKey', which '## SYNTAX' does not have", issue.Message);
        }

        [Fact]
        public void DefaultParameterSetMismatch()
        {
            HelpIssue issue = Single(Issues(HelpTestFiles.SamplePage, Sample(defaultSet: "ById")), HelpIssueKind.DefaultParameterSetMismatch, null);
            Assert.Equal("the default set is 'ById' but '## SYNTAX' marks 'ByName' as (Default)", issue.Message);
        }

        [Fact]
        public void MissingSynopsisIncludingPlatyPsPlaceholder()
        {
            Single(Issues(Page("Gets a greeting for a sample item.", "{{ Fill in the Synopsis }}"), Sample()), HelpIssueKind.MissingSynopsis, null);
            Single(Issues(Page("Gets a greeting for a sample item.", ""), Sample()), HelpIssueKind.MissingSynopsis, null);
        }

        [Fact]
        public void MissingDescription()
        {
            Single(Issues(PageWithout("The Get-HelpSample cmdlet returns", "## EXAMPLES"), Sample()), HelpIssueKind.MissingDescription, null);
        }

        [Fact]
        public void MissingExample()
        {
            Single(Issues(PageWithout("### Example 1", "## PARAMETERS"), Sample()), HelpIssueKind.MissingExample, null);
        }

        [Fact]
        public void UndescribedParameter()
        {
            HelpIssue issue = Single(Issues(Page("The numeric id of the item.\n", ""), Sample()), HelpIssueKind.UndescribedParameter, "Id");
            Assert.Equal("has no description", issue.Message);
        }

        [Fact]
        public void ExampleDoesNotParse()
        {
            string page = Page(@"PS C:\> Get-HelpSample -Name world", @"PS C:\> Get-HelpSample -Name (world");

            HelpIssue issue = Single(Issues(page, Sample()), HelpIssueKind.ExampleDoesNotParse, null);
            Assert.StartsWith("example 'Example 1: Greet by name' does not parse: line 1: ", issue.Message);
            Assert.Equal(HelpTestFiles.SamplePage.Split('\n').ToList().IndexOf("### Example 1: Greet by name") + 1, issue.Line);

            // Without a parser the validator leaves examples alone.
            var unparsed = new HelpValidator().Validate(new[] { MarkdownHelpParser.Parse(page, "p.md") }, new[] { Sample() });
            Assert.Empty(unparsed);
        }

        [Fact]
        public void ImplicitParameterSetMatchesACmdletWithoutSets()
        {
            string page = MarkdownHelpParserTests.Replace(
                PageWithout("### ByName (Default)", "## DESCRIPTION"),
                "## SYNTAX\n",
                "## SYNTAX\n\n```\nGet-HelpSample [-Tag <String[]>] [-Force]\n```\n\n");
            page = RemoveParameters(page, "### -Id", "### -Name");
            var command = new CommandSignature("Get-HelpSample", new[] { All }, All, Sample().Parameters.Where(p => p.Name is "Tag" or "Force").ToList());

            Assert.Empty(Issues(page, command));
        }

        [Theory]
        [InlineData("Get-Thing -Name x", "Get-Thing -Name x")]
        [InlineData("PS C:\\> Get-Thing\n\nName\n----\nx", "Get-Thing")]
        [InlineData("PS> $a = 1\nPS> $a", "$a = 1\n$a")]
        [InlineData("PS C:\\work> Get-Thing |\n>> Select-Object Name\nout", "Get-Thing |\nSelect-Object Name")]
        [InlineData("PSObject> is not a prompt", "PSObject> is not a prompt")]
        public void ExampleScriptDropsPromptsAndOutput(string code, string script)
        {
            Assert.Equal(script, HelpValidator.ExampleScript(code));
        }

        private static string RemoveParameters(string page, params string[] headings)
        {
            foreach (string heading in headings)
            {
                int start = page.IndexOf(heading + "\n", StringComparison.Ordinal);
                int end = page.IndexOf("\n### ", start + 1, StringComparison.Ordinal) + 1;
                page = page.Remove(start, end - start);
            }

            return page;
        }
    }
}
