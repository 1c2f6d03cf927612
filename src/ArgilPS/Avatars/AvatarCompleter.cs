using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Commands;
using ArgilPS.Core;
using ArgilPS.Session;
using ArgilPS.Avatars;


namespace ArgilPS.Completion;

/// <summary>
/// Tab completion of avatars from the connected account. It never prompts and never throws, waits
/// at most about two seconds, and keeps the list for a minute so repeated Tab presses cost nothing.
/// </summary>
public abstract class AvatarCompleter : IArgumentCompleter
{
    private static readonly CompletionList<Avatar> List = new((s, ct) => s.Avatars.ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, ct));

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ArgumentCompletion.Safely(() => Complete(Avatars(), ArgumentCompletion.TypedValue(wordToComplete)));

    internal abstract IEnumerable<CompletionResult> Complete(IReadOnlyList<Avatar> avatars, string word);

    private static IReadOnlyList<Avatar> Avatars() => List.Get();

    /// <summary>
    /// Forgets the list cached for this connection's account (after the module creates an avatar there, so
    /// it can be completed at once); lists of other accounts and endpoints are kept.
    /// </summary>
    internal static void Invalidate(ArgilSession session) => List.Invalidate(session);
}

/// <summary>Completes avatar ids, showing each avatar's name.</summary>
public sealed class AvatarIdCompleter : AvatarCompleter
{
    internal override IEnumerable<CompletionResult> Complete(IReadOnlyList<Avatar> avatars, string word) =>
        avatars
            .Where(a => a.Id.Length > 0 && (a.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || a.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => a.Name.Length == 0
                ? ArgumentCompletion.Result(a.Id, a.Id, $"{a.Id}: {a.Status}")
                : ArgumentCompletion.Result(a.Id, $"{a.Id} ({a.Name})", $"{a.Name}: {a.Status}"));
}

/// <summary>Completes avatar names.</summary>
public sealed class AvatarNameCompleter : AvatarCompleter
{
    internal override IEnumerable<CompletionResult> Complete(IReadOnlyList<Avatar> avatars, string word) =>
        // What was typed is a prefix as it stands, or a wildcard pattern.
        ArgumentCompletion.Names(avatars.Select(a => a.Name), word);
}
