using System.IO;
using ArgilPS.HelpBuilder;
using Xunit;

namespace ArgilPS.Tests.Help
{
    public sealed class ProgramTests
    {
        [Fact]
        public void BuildsMamlAndAboutTopics()
        {
            string output = Path.Combine(HelpTestFiles.NewTempFolder(), "en-US");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int exit = Program.Run(new[] { "--markdown", HelpTestFiles.SampleDocs, "--out", output, "--module", "ArgilPS.Tests" }, stdout, stderr);

            Assert.Equal(0, exit);
            Assert.Equal(string.Empty, stderr.ToString());
            Assert.True(File.Exists(Path.Combine(output, "ArgilPS.Tests.dll-Help.xml")));
            Assert.True(File.Exists(Path.Combine(output, "about_HelpSample.help.txt")));
            Assert.Contains("wrote ", stdout.ToString());
            Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        }

        [Fact]
        public void MalformedMarkdownExitsOneWithFileLineAndWritesNothing()
        {
            string docs = HelpTestFiles.NewTempFolder();
            string output = Path.Combine(docs, "out");
            File.WriteAllText(Path.Combine(docs, "Get-HelpSample.md"),
                MarkdownHelpParserTests.Replace(HelpTestFiles.SamplePage, "Position: 0", "Position: first"));
            File.WriteAllText(Path.Combine(docs, "about_Broken.md"), "# about_Broken\n\n## Long description\nNo short one.\n");
            // The module landing page is not a cmdlet page and must not be parsed as one.
            File.WriteAllText(Path.Combine(docs, "ArgilPS.Tests.md"), "---\nModule Name: ArgilPS.Tests\n---\n# ArgilPS.Tests Module\n");
            var stderr = new StringWriter();

            int exit = Program.Run(new[] { "--markdown", docs, "--out", output, "--module", "ArgilPS.Tests" }, new StringWriter(), stderr);

            Assert.Equal(1, exit);
            string[] errors = stderr.ToString().Trim().Split('\n');
            Assert.Equal(2, errors.Length);
            Assert.Matches(@"Get-HelpSample\.md:\d+: 'Position' must be Named or a number, not 'first'$", errors[0].TrimEnd());
            Assert.Matches(@"about_Broken\.md:1: an about topic needs a non-empty 'Short description' section$", errors[1].TrimEnd());
            Assert.False(Directory.Exists(output));
            Directory.Delete(docs, recursive: true);
        }

        [Theory]
        [InlineData("")]
        [InlineData("--markdown docs")]
        [InlineData("--markdown docs --out out --module")]
        [InlineData("--unknown x")]
        [InlineData("--markdown /nonexistent-folder --out out --module M")]
        public void BadCommandLineExitsTwo(string commandLine)
        {
            var stderr = new StringWriter();

            string[] args = commandLine.Split(' ', System.StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(2, Program.Run(args, new StringWriter(), stderr));
            Assert.NotEqual(string.Empty, stderr.ToString());
        }
    }
}
