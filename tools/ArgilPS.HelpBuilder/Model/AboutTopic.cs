using System.Collections.Generic;
using Markdig.Syntax;

namespace ArgilPS.HelpBuilder.Model
{
    /// <summary>An <c>about_*.md</c> conceptual topic.</summary>
    public sealed class AboutTopic
    {
        public AboutTopic(string name)
        {
            Name = name;
        }

        /// <summary>The topic name, e.g. <c>about_ArgilPS</c>.</summary>
        public string Name { get; }

        public List<AboutSection> Sections { get; } = new List<AboutSection>();
    }

    /// <summary>
    /// A heading and its markdown blocks. <see cref="Level"/> 0 is a main section (rendered
    /// flush left in capitals), 1 and deeper are subsections inside it.
    /// </summary>
    public sealed record AboutSection(string Title, int Level, IReadOnlyList<Block> Blocks);
}
