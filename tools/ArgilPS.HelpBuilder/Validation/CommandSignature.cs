using System.Collections.Generic;
using ArgilPS.HelpBuilder.Model;

namespace ArgilPS.HelpBuilder.Validation
{
    /// <summary>
    /// What the engine says about a cmdlet, as plain data. Callers fill it from
    /// <c>Get-Command -Module X</c> (<c>CommandInfo.ParameterSets</c> / <c>CommandInfo.Parameters</c>,
    /// common parameters left out), so this project needs no PowerShell SDK to build.
    /// </summary>
    /// <param name="ParameterSets">Set names as the engine reports them; a cmdlet without explicit sets has just <c>__AllParameterSets</c>.</param>
    /// <param name="DefaultParameterSet">The set marked default, or null when the engine reports none.</param>
    public sealed record CommandSignature(
        string Name,
        IReadOnlyList<string> ParameterSets,
        string? DefaultParameterSet,
        IReadOnlyList<ParameterSignature> Parameters);

    /// <param name="Sets">One entry per set the parameter is declared in; the set name <c>__AllParameterSets</c> means every set.</param>
    public sealed record ParameterSignature(string Name, IReadOnlyList<ParameterSetMembership> Sets);

    /// <param name="Position">Null for a named parameter (the engine's <c>int.MinValue</c>).</param>
    public sealed record ParameterSetMembership(string SetName, bool Mandatory, int? Position, PipelineInput Pipeline);
}
