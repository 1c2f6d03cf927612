using System;
using System.IO;
using System.Linq;
using ArgilPS.HelpBuilder;
using ArgilPS.HelpBuilder.Validation;
using Xunit;

namespace ArgilPS.Tests.Help
{
    /// <summary>
    /// Builds the sample docs into a module folder laid out as ArgilPS will be
    /// (<c>Module/Module.psd1</c>, <c>Module/en-US/*.dll-Help.xml</c>, <c>about_*.help.txt</c>)
    /// and imports it once into a hosted engine. The manifest's RootModule is the test
    /// assembly itself, so the MAML is read for a real binary cmdlet.
    /// </summary>
    public sealed class SampleModuleFixture : IDisposable
    {
        public const string ModuleName = "ArgilPS.Tests";

        public SampleModuleFixture()
        {
            Root = HelpTestFiles.NewTempFolder();
            string moduleFolder = Path.Combine(Root, ModuleName);

            Docs = HelpDocs.Load(HelpTestFiles.SampleDocs, ModuleName);
            Assert.Empty(Docs.Errors);
            Docs.WriteTo(Path.Combine(moduleFolder, "en-US"));

            // Get-Help finds '<assembly file>-Help.xml' and about topics under the module base,
            // which a manifest puts here, away from the test binaries.
            string manifest = Path.Combine(moduleFolder, ModuleName + ".psd1");
            string assembly = typeof(GetHelpSampleCommand).Assembly.Location.Replace("'", "''");
            File.WriteAllText(manifest, $"@{{ RootModule = '{assembly}'; ModuleVersion = '1.0.0'; CmdletsToExport = 'Get-HelpSample' }}");

            Engine = new HostedEngine();
            Engine.Invoke($"Import-Module '{manifest.Replace("'", "''")}'");
        }

        public string Root { get; }
        public HelpDocs Docs { get; }
        public HostedEngine Engine { get; }

        public void Dispose()
        {
            Engine.Dispose();
            Directory.Delete(Root, recursive: true);
        }
    }

    public sealed class GetHelpEndToEndTests : IClassFixture<SampleModuleFixture>
    {
        private readonly SampleModuleFixture _module;

        public GetHelpEndToEndTests(SampleModuleFixture module)
        {
            _module = module;
        }

        [Fact]
        public void FullHelpShowsEverySectionOfThePage()
        {
            string help = _module.Engine.Text("Get-Help Get-HelpSample -Full");

            Assert.Contains("Gets a greeting for a sample item.", help);
            Assert.Contains("The Get-HelpSample cmdlet returns a greeting for an item chosen by name or by id. It exists only", help);
            Assert.Contains("Use -Force to greet items that are normally skipped.", help);
            Assert.Contains("Get-HelpSample [-Name] <String> [-Force] [-Tag {Red | Green}] [<CommonParameters>]", help);
            Assert.Contains("Get-HelpSample -Id <Int32> [-Force] [-Tag {Red | Green}] [<CommonParameters>]", help);
            Assert.Contains("The numeric id of the item.", help);
            Assert.Contains("True (ByPropertyName)", help);
            Assert.Contains("A name, by value.", help);
            Assert.Contains("The greeting text.", help);
            Assert.Contains("Sample notes: the greeting is not localized.", help);
            Assert.Contains("Example 1: Greet by name", help);
            Assert.Contains("Online Version: https://example.invalid/help/Get-HelpSample", help);
            Assert.Contains("Project site https://example.invalid/argilps", help);
        }

        [Fact]
        public void ExamplesShowTitleCodeAndRemarks()
        {
            string help = _module.Engine.Text("Get-Help Get-HelpSample -Examples");

            Assert.Contains("Gets a greeting for a sample item.", help);
            Assert.Contains("-- Example 1: Greet by name --", help);
            Assert.Contains(@"PS C:\> Get-HelpSample -Name world", help);
            Assert.Contains("Returns the greeting for the item named world.", help);
            Assert.Contains("-- Example 2: Greet from the pipeline --", help);
            Assert.Contains("Names arrive from the pipeline by value.", help);
            Assert.DoesNotContain("PARAMETERS", help);
        }

        [Fact]
        public void ParameterHelpShowsDescriptionAndAttributes()
        {
            string name = _module.Engine.Text("Get-Help Get-HelpSample -Parameter Name");
            Assert.Contains("-Name <String>", name);
            Assert.Contains("The name of the item to greet.", name);
            Assert.Matches(@"Required\?\s+true", name);
            Assert.Matches(@"Position\?\s+0", name);
            Assert.Matches(@"Accept pipeline input\?\s+True \(ByValue\)", name);

            string tag = _module.Engine.Text("Get-Help Get-HelpSample -Parameter Tag");
            Assert.Contains("Colour tags to attach to the greeting.", tag);
            Assert.Matches(@"Aliases\s+Label", tag);
        }

        [Fact]
        public void AboutTopicRendersAndHasItsSynopsis()
        {
            string topic = _module.Engine.Text("Get-Help about_HelpSample");
            Assert.Contains("TOPIC", topic);
            Assert.Contains("SHORT DESCRIPTION", topic);
            Assert.Contains("LONG DESCRIPTION", topic);
            Assert.Contains("which returns a greeting.", topic);

            // The synopsis Get-Help lists for about topics is line 5 of the text file.
            string synopsis = _module.Engine.Invoke("(Get-Help about_HelpSample* | Where-Object Name -eq about_HelpSample).Synopsis")
                .Single().ToString();
            Assert.Equal("Explains the sample module that the help builder tests document.", synopsis);
        }

        [Fact]
        public void DescriptionShowsTableCodeListAndQuoteLineByLine()
        {
            string[] lines = Lines(_module.Engine.Text("Get-Help Get-HelpSample -Full"));

            // Each table row, each code line and each list item on a line of its own, as written.
            AssertInOrder(lines,
                "Tag    Greeting             Sent",
                "-----  -------------------  ----",
                "Red    Hello, red item        12",
                "Green  Welcome, green item     3",
                "Get-HelpSample -Name first",
                "Get-HelpSample -Name second",
                "1. The name is looked up.",
                "2. The greeting is built with -Tag applied.",
                "> Greetings are not stored.");
        }

        [Fact]
        public void AboutTopicShowsTableAndCodeLineByLine()
        {
            string[] lines = Lines(_module.Engine.Text("Get-Help about_HelpSample"));

            AssertInOrder(lines,
                "    - ByName: the item is chosen by its name, which can come from the pipeline.",
                "    - ById: the item is chosen by its numeric id.",
                "        Get-HelpSample -Name world",
                "    Tag    Greeting",
                "    -----  -------------------",
                "    Red    Hello, red item",
                "    Green  Welcome, green item",
                "        Get-HelpSample -Name first",
                "        Get-HelpSample -Name second");
        }

        /// <summary>Get-Help's lines, trailing blanks removed.</summary>
        internal static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).ToArray();

        /// <summary>Each expected line is a whole line of the output, after the previous one.</summary>
        internal static void AssertInOrder(string[] lines, params string[] expected)
        {
            int at = 0;
            foreach (string line in expected)
            {
                int found = Array.FindIndex(lines, at, l => l.TrimStart() == line.TrimStart() && (line.Length == line.TrimStart().Length || l == line));
                Assert.True(found >= 0, $"no line '{line}' after line {at} in:\n{string.Join("\n", lines)}");
                at = found + 1;
            }
        }

        [Fact]
        public void SampleDocsAgreeWithTheImportedCmdlet()
        {
            var validator = new HelpValidator(HostedEngine.ParseErrors);
            var issues = validator.Validate(_module.Docs.Commands, _module.Engine.Signatures(SampleModuleFixture.ModuleName));
            Assert.Empty(issues.Select(i => i.ToString()));
        }

        [Fact]
        public void EngineMetadataConvertsToSignatures()
        {
            CommandSignature sample = Assert.Single(_module.Engine.Signatures(SampleModuleFixture.ModuleName));

            Assert.Equal("ByName", sample.DefaultParameterSet);
            Assert.Equal(new[] { "ById", "ByName" }, sample.ParameterSets.OrderBy(s => s));
            Assert.Equal(new[] { "Force", "Id", "Name", "Tag" }, sample.Parameters.Select(p => p.Name).OrderBy(n => n));
            ParameterSetMembership name = Assert.Single(sample.Parameters.Single(p => p.Name == "Name").Sets);
            Assert.Equal(new ParameterSetMembership("ByName", true, 0, HelpBuilder.Model.PipelineInput.ByValue), name);
        }
    }
}
