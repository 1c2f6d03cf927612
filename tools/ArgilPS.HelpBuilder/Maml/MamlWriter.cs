using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using ArgilPS.HelpBuilder.Model;

namespace ArgilPS.HelpBuilder.Maml
{
    /// <summary>
    /// Writes the <c>helpItems</c> MAML file that Get-Help reads for binary cmdlets
    /// (<c>&lt;Assembly&gt;.dll-Help.xml</c>), element for element as platyPS does.
    /// </summary>
    public static class MamlWriter
    {
        private const string MshNs = "http://msh";
        private const string MamlNs = "http://schemas.microsoft.com/maml/2004/10";
        private const string CommandNs = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private const string DevNs = "http://schemas.microsoft.com/maml/dev/2004/10";
        private const string MsHelpNs = "http://msdn.microsoft.com/mshelp";

        public static void Write(IEnumerable<CommandHelp> commands, Stream output)
        {
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                Indent = true,
                IndentChars = "  ",
                // Indentation must not leak into text: code samples and paragraphs are written
                // as single text nodes, which XmlWriter never re-indents.
                NewLineHandling = NewLineHandling.Replace,
            };

            using XmlWriter xml = XmlWriter.Create(output, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("helpItems", MshNs);
            xml.WriteAttributeString("schema", "maml");
            xml.WriteAttributeString("xmlns", "maml", null, MamlNs);
            xml.WriteAttributeString("xmlns", "command", null, CommandNs);
            xml.WriteAttributeString("xmlns", "dev", null, DevNs);
            xml.WriteAttributeString("xmlns", "MSHelp", null, MsHelpNs);

            foreach (CommandHelp command in commands)
            {
                WriteCommand(xml, command);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        public static string WriteToString(IEnumerable<CommandHelp> commands)
        {
            using var buffer = new MemoryStream();
            Write(commands, buffer);
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void WriteCommand(XmlWriter xml, CommandHelp command)
        {
            xml.WriteStartElement("command", "command", CommandNs);

            xml.WriteStartElement("command", "details", CommandNs);
            xml.WriteElementString("command", "name", CommandNs, command.Name);
            xml.WriteElementString("command", "verb", CommandNs, command.Verb);
            xml.WriteElementString("command", "noun", CommandNs, command.Noun);
            WriteParas(xml, "maml", "description", MamlNs, command.Synopsis);
            xml.WriteEndElement();

            WriteParas(xml, "maml", "description", MamlNs, command.Description);
            WriteSyntax(xml, command);

            xml.WriteStartElement("command", "parameters", CommandNs);
            foreach (ParameterHelp parameter in command.Parameters)
            {
                // The parameter list shows one entry per parameter; when the yaml blocks differ
                // per set, the first block speaks for the parameter, as with platyPS.
                WriteParameter(xml, parameter, parameter.Primary, inSyntax: false);
            }

            xml.WriteEndElement();

            WriteTypes(xml, "inputTypes", "inputType", command.Inputs);
            WriteTypes(xml, "returnValues", "returnValue", command.Outputs);

            if (command.Notes.Count > 0)
            {
                xml.WriteStartElement("maml", "alertSet", MamlNs);
                WriteParas(xml, "maml", "alert", MamlNs, command.Notes);
                xml.WriteEndElement();
            }

            WriteExamples(xml, command);
            WriteLinks(xml, command);

            xml.WriteEndElement();
        }

        private static void WriteSyntax(XmlWriter xml, CommandHelp command)
        {
            xml.WriteStartElement("command", "syntax", CommandNs);
            foreach (string setName in command.ParameterSetNames)
            {
                xml.WriteStartElement("command", "syntaxItem", CommandNs);
                xml.WriteElementString("maml", "name", MamlNs, command.Name);

                // Get-Help prints syntax in element order, and platyPS pages list parameters
                // alphabetically; reorder the way PowerShell lays out a syntax line: positional
                // parameters by position, then mandatory named ones, then the optional rest.
                var members = command.Parameters
                    .Select((parameter, index) => (parameter, index, usage: SetUsage(parameter, setName)))
                    .Where(m => m.usage != null)
                    .OrderBy(m => m.usage!.Position ?? int.MaxValue)
                    .ThenBy(m => m.usage!.Required ? 0 : 1)
                    .ThenBy(m => m.index);
                foreach (var member in members)
                {
                    WriteParameter(xml, member.parameter, member.usage!, inSyntax: true);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        /// <summary>On a page with only the implicit set, every parameter belongs to it.</summary>
        private static ParameterUsage? SetUsage(ParameterHelp parameter, string setName) =>
            setName == ParameterHelp.AllParameterSets ? parameter.Primary : parameter.UsageFor(setName);

        private static void WriteParameter(XmlWriter xml, ParameterHelp parameter, ParameterUsage usage, bool inSyntax)
        {
            string type = parameter.IsSwitch ? "SwitchParameter" : usage.Type;
            bool isArray = type.EndsWith("[]", StringComparison.Ordinal);

            xml.WriteStartElement("command", "parameter", CommandNs);
            xml.WriteAttributeString("required", Bool(usage.Required));
            xml.WriteAttributeString("variableLength", Bool(isArray));
            xml.WriteAttributeString("globbing", Bool(usage.Globbing));
            xml.WriteAttributeString("pipelineInput", usage.PipelineText);
            xml.WriteAttributeString("position", usage.Position?.ToString(CultureInfo.InvariantCulture) ?? "named");
            xml.WriteAttributeString("aliases", usage.Aliases.Count == 0 ? "none" : string.Join(", ", usage.Aliases));

            xml.WriteElementString("maml", "name", MamlNs, parameter.Name);
            WriteParas(xml, "maml", "description", MamlNs, parameter.Description);

            if (inSyntax && usage.AcceptedValues.Count > 0)
            {
                // Get-Help renders a value group as "-Name {A | B}" in the syntax line.
                xml.WriteStartElement("command", "parameterValueGroup", CommandNs);
                foreach (string value in usage.AcceptedValues)
                {
                    WriteParameterValue(xml, value, required: false, variableLength: false);
                }

                xml.WriteEndElement();
            }
            else if (!(inSyntax && parameter.IsSwitch))
            {
                // A switch takes no value, so its syntax entry carries none ("[-Force]").
                WriteParameterValue(xml, type, required: !parameter.IsSwitch, variableLength: isArray);
            }

            xml.WriteStartElement("dev", "type", DevNs);
            xml.WriteElementString("maml", "name", MamlNs, type);
            xml.WriteElementString("maml", "uri", MamlNs, string.Empty);
            xml.WriteEndElement();
            xml.WriteElementString("dev", "defaultValue", DevNs, usage.DefaultValue ?? "None");

            xml.WriteEndElement();
        }

        private static void WriteParameterValue(XmlWriter xml, string value, bool required, bool variableLength)
        {
            xml.WriteStartElement("command", "parameterValue", CommandNs);
            xml.WriteAttributeString("required", Bool(required));
            xml.WriteAttributeString("variableLength", Bool(variableLength));
            xml.WriteString(value);
            xml.WriteEndElement();
        }

        private static void WriteTypes(XmlWriter xml, string listName, string itemName, List<TypeHelp> types)
        {
            xml.WriteStartElement("command", listName, CommandNs);
            foreach (TypeHelp type in types)
            {
                xml.WriteStartElement("command", itemName, CommandNs);
                xml.WriteStartElement("dev", "type", DevNs);
                xml.WriteElementString("maml", "name", MamlNs, type.TypeName);
                xml.WriteEndElement();
                WriteParas(xml, "maml", "description", MamlNs, type.Description);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private static void WriteExamples(XmlWriter xml, CommandHelp command)
        {
            xml.WriteStartElement("command", "examples", CommandNs);
            foreach (ExampleHelp example in command.Examples)
            {
                xml.WriteStartElement("command", "example", CommandNs);
                xml.WriteElementString("maml", "title", MamlNs, Banner(example.Title));
                xml.WriteElementString("dev", "code", DevNs, string.Join("\n\n", example.Code.Select(c => c.Text)));
                WriteParas(xml, "dev", "remarks", DevNs, example.Remarks);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private static void WriteLinks(XmlWriter xml, CommandHelp command)
        {
            var links = new List<RelatedLink>();
            if (command.OnlineVersion != null)
            {
                // Get-Help -Online opens the first link whose uri is set; platyPS puts the
                // front matter's 'online version' there for that reason.
                links.Add(new RelatedLink("Online Version:", command.OnlineVersion));
            }

            links.AddRange(command.Links);

            xml.WriteStartElement("maml", "relatedLinks", MamlNs);
            foreach (RelatedLink link in links)
            {
                xml.WriteStartElement("maml", "navigationLink", MamlNs);
                xml.WriteElementString("maml", "linkText", MamlNs, link.Text);
                xml.WriteElementString("maml", "uri", MamlNs, IsAbsoluteUri(link.Uri) ? link.Uri : string.Empty);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        /// <summary>
        /// Get-Help prints examples with no heading and no gap between them; the dashed
        /// banner (as in PowerShell's own help) is what separates one example from the next.
        /// </summary>
        public static string Banner(string title)
        {
            const int width = 64;
            int dashes = Math.Max(10, (width - title.Length - 2) / 2);
            string rule = new string('-', dashes);
            return rule + " " + title + " " + rule;
        }

        /// <summary>
        /// A link to a sibling markdown page (<c>Get-Other.md</c>) means nothing once installed;
        /// with the uri left empty Get-Help shows just the text, a topic name to look up.
        /// </summary>
        private static bool IsAbsoluteUri(string uri) => Uri.TryCreate(uri, UriKind.Absolute, out _);

        private static void WriteParas(XmlWriter xml, string prefix, string name, string ns, IEnumerable<string> paragraphs)
        {
            xml.WriteStartElement(prefix, name, ns);
            foreach (string paragraph in paragraphs)
            {
                xml.WriteElementString("maml", "para", MamlNs, paragraph);
            }

            xml.WriteEndElement();
        }

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
