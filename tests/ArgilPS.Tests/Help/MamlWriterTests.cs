using System.Linq;
using System.Xml.Linq;
using ArgilPS.HelpBuilder.Maml;
using ArgilPS.HelpBuilder.Markdown;
using ArgilPS.HelpBuilder.Model;
using Xunit;

namespace ArgilPS.Tests.Help
{
    public sealed class MamlWriterTests
    {
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private static XElement SampleCommand()
        {
            CommandHelp page = MarkdownHelpParser.Parse(HelpTestFiles.SamplePage, "Get-HelpSample.md");
            XDocument maml = XDocument.Parse(MamlWriter.WriteToString(new[] { page }));
            Assert.Equal("helpItems", maml.Root!.Name.LocalName);
            Assert.Equal("maml", (string?)maml.Root.Attribute("schema"));
            return Assert.Single(maml.Root.Elements(Command + "command"));
        }

        [Fact]
        public void DetailsCarryNameVerbNounAndSynopsis()
        {
            XElement details = SampleCommand().Element(Command + "details")!;

            Assert.Equal("Get-HelpSample", (string?)details.Element(Command + "name"));
            Assert.Equal("Get", (string?)details.Element(Command + "verb"));
            Assert.Equal("HelpSample", (string?)details.Element(Command + "noun"));
            Assert.Equal("Gets a greeting for a sample item.", (string?)details.Element(Maml + "description")!.Element(Maml + "para"));
        }

        [Fact]
        public void SyntaxHasOneItemPerSetInPowerShellOrder()
        {
            var items = SampleCommand().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();

            string[] Names(XElement item) => item.Elements(Command + "parameter").Select(p => (string)p.Element(Maml + "name")!).ToArray();
            Assert.Equal(2, items.Count);
            Assert.Equal(new[] { "Name", "Force", "Tag" }, Names(items[0]));
            Assert.Equal(new[] { "Id", "Force", "Tag" }, Names(items[1]));

            XElement name = items[0].Elements(Command + "parameter").First();
            Assert.Equal(("true", "0", "True (ByValue)", "none"),
                ((string?)name.Attribute("required"), (string?)name.Attribute("position"), (string?)name.Attribute("pipelineInput"), (string?)name.Attribute("aliases")));

            // A switch shows no value in syntax; accepted values become a value group.
            XElement force = items[0].Elements(Command + "parameter").ElementAt(1);
            Assert.Null(force.Element(Command + "parameterValue"));
            XElement tag = items[0].Elements(Command + "parameter").ElementAt(2);
            Assert.Equal(new[] { "Red", "Green" }, tag.Element(Command + "parameterValueGroup")!.Elements().Select(v => v.Value));
            Assert.Equal(("Label", "true"), ((string?)tag.Attribute("aliases"), (string?)tag.Attribute("variableLength")));
        }

        [Fact]
        public void ParametersTypesExamplesNotesAndLinks()
        {
            XElement command = SampleCommand();

            XElement id = command.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => (string?)p.Element(Maml + "name") == "Id");
            Assert.Equal("Int32", (string?)id.Element(Command + "parameterValue"));
            Assert.Equal("Int32", (string?)id.Element(Dev + "type")!.Element(Maml + "name"));
            Assert.Equal("None", (string?)id.Element(Dev + "defaultValue"));
            Assert.Equal("named", (string?)id.Attribute("position"));

            Assert.Equal("System.String", (string?)command.Element(Command + "inputTypes")!.Descendants(Maml + "name").Single());
            Assert.Equal("The greeting text.", (string?)command.Element(Command + "returnValues")!.Descendants(Maml + "para").Single());
            Assert.Equal("Sample notes: the greeting is not localized.", (string?)command.Element(Maml + "alertSet")!.Descendants(Maml + "para").Single());

            XElement example = command.Element(Command + "examples")!.Elements(Command + "example").Last();
            Assert.Equal(MamlWriter.Banner("Example 2: Greet from the pipeline"), (string?)example.Element(Maml + "title"));
            Assert.Equal("PS C:\\> 'a', 'b' | Get-HelpSample -Tag Red\n\nname:a\nname:b", (string?)example.Element(Dev + "code"));
            Assert.Equal("Names arrive from the pipeline by value.", (string?)example.Element(Dev + "remarks")!.Element(Maml + "para"));

            var links = command.Element(Maml + "relatedLinks")!.Elements(Maml + "navigationLink")
                .Select(l => ((string?)l.Element(Maml + "linkText"), (string?)l.Element(Maml + "uri"))).ToArray();
            Assert.Equal(
                new (string?, string?)[]
                {
                    ("Online Version:", "https://example.invalid/help/Get-HelpSample"),
                    ("about_HelpSample", ""), // a sibling .md page is a topic name once installed
                    ("Project site", "https://example.invalid/argilps"),
                },
                links);
        }

        [Fact]
        public void BannerCentresTheTitleBetweenDashes()
        {
            Assert.Equal(new string('-', 26) + " Example 1 " + new string('-', 26), MamlWriter.Banner("Example 1"));
            Assert.StartsWith("---------- ", MamlWriter.Banner(new string('x', 80)));
        }
    }
}
