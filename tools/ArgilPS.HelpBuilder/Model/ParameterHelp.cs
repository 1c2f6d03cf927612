using System;
using System.Collections.Generic;
using System.Linq;

namespace ArgilPS.HelpBuilder.Model
{
    /// <summary>How a parameter takes pipeline input; flags because both kinds can apply.</summary>
    [Flags]
    public enum PipelineInput
    {
        None = 0,
        ByValue = 1,
        ByPropertyName = 2,
    }

    /// <summary>A <c>### -Name</c> entry of <c>## PARAMETERS</c>.</summary>
    public sealed class ParameterHelp
    {
        /// <summary>The name PowerShell gives the implicit parameter set.</summary>
        public const string AllParameterSets = "__AllParameterSets";

        public ParameterHelp(string name, int line)
        {
            Name = name;
            Line = line;
        }

        public string Name { get; }
        public int Line { get; }
        public List<string> Description { get; } = new List<string>();

        /// <summary>
        /// One entry per yaml block. platyPS writes several blocks when a parameter is, for
        /// example, mandatory in one set and optional in another.
        /// </summary>
        public List<ParameterUsage> Usages { get; } = new List<ParameterUsage>();

        /// <summary>The first block; type, aliases and the like are the same in all of them.</summary>
        public ParameterUsage Primary => Usages[0];

        public bool IsSwitch =>
            string.Equals(Primary.Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase)
            || string.Equals(Primary.Type, "Switch", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// The usage that applies to <paramref name="setName"/>, or null when the parameter is
        /// not in that set. An explicit listing wins over <c>(All)</c>.
        /// </summary>
        public ParameterUsage? UsageFor(string setName)
        {
            ParameterUsage? named = Usages.FirstOrDefault(
                u => u.Sets.Contains(setName, StringComparer.OrdinalIgnoreCase));
            return named ?? Usages.FirstOrDefault(u => u.AllSets);
        }
    }

    /// <summary>The contents of one parameter yaml block.</summary>
    public sealed record ParameterUsage(
        string Type,
        IReadOnlyList<string> Sets,
        IReadOnlyList<string> Aliases,
        IReadOnlyList<string> AcceptedValues,
        bool Required,
        int? Position,
        string? DefaultValue,
        PipelineInput Pipeline,
        bool Globbing)
    {
        /// <summary><c>Parameter Sets: (All)</c>.</summary>
        public bool AllSets => Sets.Count == 0;

        /// <summary>The text MAML and Get-Help use: <c>True (ByPropertyName, ByValue)</c> or <c>False</c>.</summary>
        public string PipelineText
        {
            get
            {
                var kinds = new List<string>();
                if ((Pipeline & PipelineInput.ByPropertyName) != 0)
                {
                    kinds.Add("ByPropertyName");
                }

                if ((Pipeline & PipelineInput.ByValue) != 0)
                {
                    kinds.Add("ByValue");
                }

                return kinds.Count == 0 ? "False" : "True (" + string.Join(", ", kinds) + ")";
            }
        }
    }
}
