using System;
using System.Collections.Generic;

namespace ArgilPS.HelpBuilder.Model
{
    /// <summary>
    /// One cmdlet's help page as written in markdown. Text blocks are kept as plain-text
    /// paragraphs (soft line breaks joined; a list item, a code block or a table is a paragraph
    /// of its own whose lines stay apart, see <see cref="Markdown.PlainText.Paragraphs"/>) so the
    /// MAML writer and the validator never have to know about markdown again.
    /// </summary>
    public sealed class CommandHelp
    {
        public CommandHelp(string name, string sourceFile)
        {
            Name = name;
            SourceFile = sourceFile;
        }

        public string Name { get; }

        /// <summary>The markdown file the page came from, for messages.</summary>
        public string SourceFile { get; }

        /// <summary>Line of the <c># Cmdlet-Name</c> title.</summary>
        public int Line { get; set; }

        public string? ModuleName { get; set; }
        public string? ExternalHelpFile { get; set; }
        public string? OnlineVersion { get; set; }

        public List<string> Synopsis { get; } = new List<string>();
        public List<SyntaxBlock> Syntax { get; } = new List<SyntaxBlock>();
        public List<string> Description { get; } = new List<string>();
        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();
        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();

        /// <summary>True when the page has a <c>### CommonParameters</c> entry.</summary>
        public bool SupportsCommonParameters { get; set; }

        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();
        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();
        public List<string> Notes { get; } = new List<string>();
        public List<RelatedLink> Links { get; } = new List<RelatedLink>();

        /// <summary>
        /// The parameter set names this page declares, in page order. A page with a single
        /// syntax block and no <c>###</c> heading declares the implicit set, just as a cmdlet
        /// without explicit sets reports only <see cref="ParameterHelp.AllParameterSets"/>.
        /// </summary>
        public IReadOnlyList<string> ParameterSetNames
        {
            get
            {
                var names = new List<string>();
                foreach (SyntaxBlock block in Syntax)
                {
                    names.Add(block.SetName ?? ParameterHelp.AllParameterSets);
                }

                return names;
            }
        }

        public string Verb => Name.Contains('-') ? Name.Substring(0, Name.IndexOf('-')) : Name;

        public string Noun => Name.Contains('-') ? Name.Substring(Name.IndexOf('-') + 1) : string.Empty;
    }

    /// <summary>A <c>### SetName (Default)</c> heading and its code block under <c>## SYNTAX</c>.</summary>
    public sealed record SyntaxBlock(string? SetName, bool IsDefault, string Text);

    public sealed class ExampleHelp
    {
        public ExampleHelp(string title, int line)
        {
            Title = title;
            Line = line;
        }

        public string Title { get; }

        /// <summary>Line of the example heading, so validation messages can point at it.</summary>
        public int Line { get; }

        public List<CodeBlock> Code { get; } = new List<CodeBlock>();
        public List<string> Remarks { get; } = new List<string>();
    }

    /// <summary>A fenced block; <see cref="Language"/> is the info string (may be empty).</summary>
    public sealed record CodeBlock(string Language, string Text)
    {
        /// <summary>platyPS marks sample output with <c>```output</c>; such blocks are not script.</summary>
        public bool IsOutput => string.Equals(Language, "output", StringComparison.OrdinalIgnoreCase);
    }

    public sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

    public sealed record RelatedLink(string Text, string Uri);
}
