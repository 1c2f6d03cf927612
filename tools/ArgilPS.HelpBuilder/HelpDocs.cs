using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ArgilPS.HelpBuilder.AboutText;
using ArgilPS.HelpBuilder.Maml;
using ArgilPS.HelpBuilder.Markdown;
using ArgilPS.HelpBuilder.Model;

namespace ArgilPS.HelpBuilder
{
    /// <summary>
    /// A module's markdown help folder, parsed: <c>about_*.md</c> are conceptual topics, every
    /// other <c>*.md</c> is a cmdlet page, except <c>&lt;Module&gt;.md</c>, platyPS's module
    /// landing page, which Get-Help has no use for.
    /// </summary>
    public sealed class HelpDocs
    {
        private HelpDocs(string moduleName, List<CommandHelp> commands, List<AboutTopic> topics, List<HelpFormatException> errors)
        {
            ModuleName = moduleName;
            Commands = commands;
            Topics = topics;
            Errors = errors;
        }

        public string ModuleName { get; }
        public IReadOnlyList<CommandHelp> Commands { get; }
        public IReadOnlyList<AboutTopic> Topics { get; }

        /// <summary>Every malformed file's first problem; reading goes on past them so one run reports all files.</summary>
        public IReadOnlyList<HelpFormatException> Errors { get; }

        /// <summary>The MAML file name Get-Help looks for next to the module assembly.</summary>
        public string MamlFileName => ModuleName + ".dll-Help.xml";

        public static HelpDocs Load(string markdownFolder, string moduleName)
        {
            var commands = new List<CommandHelp>();
            var topics = new List<AboutTopic>();
            var errors = new List<HelpFormatException>();

            // Ordinal order keeps the output identical from one machine to the next.
            IEnumerable<string> files = Directory.GetFiles(markdownFolder, "*.md").OrderBy(f => f, StringComparer.Ordinal);
            foreach (string path in files)
            {
                string name = Path.GetFileName(path);
                // Named as the caller named the folder, so messages match what they typed.
                string display = path;
                try
                {
                    string text = File.ReadAllText(path, Encoding.UTF8);
                    if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                    {
                        topics.Add(AboutTopicParser.Parse(text, display));
                    }
                    else if (!Path.GetFileNameWithoutExtension(name).Equals(moduleName, StringComparison.OrdinalIgnoreCase))
                    {
                        CommandHelp command = MarkdownHelpParser.Parse(text, display, moduleName);
                        CommandHelp? twin = commands.FirstOrDefault(c => c.Name.Equals(command.Name, StringComparison.OrdinalIgnoreCase));
                        if (twin != null)
                        {
                            throw new HelpFormatException(display, command.Line, $"{command.Name} is already described in {twin.SourceFile}");
                        }

                        commands.Add(command);
                    }
                }
                catch (HelpFormatException error)
                {
                    errors.Add(error);
                }
            }

            return new HelpDocs(moduleName, commands, topics, errors);
        }

        /// <summary>Writes the MAML file and the about topics; returns the paths written.</summary>
        public IReadOnlyList<string> WriteTo(string outputFolder)
        {
            if (Errors.Count > 0)
            {
                throw new InvalidOperationException("The markdown has errors; nothing is written: " + Errors[0].Message);
            }

            Directory.CreateDirectory(outputFolder);
            var written = new List<string>();

            string mamlPath = Path.Combine(outputFolder, MamlFileName);
            using (FileStream stream = File.Create(mamlPath))
            {
                MamlWriter.Write(Commands, stream);
            }

            written.Add(mamlPath);

            foreach (AboutTopic topic in Topics)
            {
                string path = Path.Combine(outputFolder, AboutTopicWriter.FileName(topic));
                File.WriteAllText(path, AboutTopicWriter.Write(topic), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                written.Add(path);
            }

            return written;
        }
    }
}
