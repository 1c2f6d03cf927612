using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Commands;
using ArgilPS.Core;

namespace ArgilPS.Completion;

/// <summary>
/// Tab completion of subtitle styles from the connected account. It never prompts and never throws,
/// waits at most about two seconds, and keeps the list for a minute so repeated Tab presses cost nothing
/// (<see cref="CompletionList{T}"/>).
/// </summary>
public abstract class SubtitleStyleCompleter : IArgumentCompleter
{
    private static readonly CompletionList<SubtitleStyle> List = new((s, ct) => s.Subtitles.ListStylesAsync(NullRequestLog.Instance, ct));

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ArgumentCompletion.Safely(() => Complete(Styles(), ArgumentCompletion.TypedValue(wordToComplete)));

    internal abstract IEnumerable<CompletionResult> Complete(IReadOnlyList<SubtitleStyle> styles, string word);

    private static IReadOnlyList<SubtitleStyle> Styles() => List.Get();
}

/// <summary>Completes subtitle style ids, showing each style's name; typing the start of a name finds it too.</summary>
public sealed class SubtitleStyleIdCompleter : SubtitleStyleCompleter
{
    internal override IEnumerable<CompletionResult> Complete(IReadOnlyList<SubtitleStyle> styles, string word) =>
        styles
            .Where(s => s.Id.Length > 0 && (s.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || s.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(s => s.Name.Length == 0
                ? ArgumentCompletion.Result(s.Id, s.Id, s.Id)
                : ArgumentCompletion.Result(s.Id, $"{s.Id} ({s.Name})", s.Name));
}

/// <summary>Completes subtitle style names (escaped for -Name's wildcards).</summary>
public sealed class SubtitleStyleNameCompleter : SubtitleStyleCompleter
{
    internal override IEnumerable<CompletionResult> Complete(IReadOnlyList<SubtitleStyle> styles, string word) =>
        styles
            .Select(s => s.Name)
            .Where(n => n.Length > 0 && n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Select(n => ArgumentCompletion.Result(WildcardPattern.Escape(n), n, n));
}
