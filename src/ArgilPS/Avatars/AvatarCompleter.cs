using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
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
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return Complete(Avatars(), ArgumentCompletion.TypedValue(wordToComplete)).Take(100).ToList();
        }
        catch (Exception)
        {
            // Completion is a convenience: any failure means "no suggestions", never an error on the prompt.
            return Array.Empty<CompletionResult>();
        }
    }

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
    private static bool Matches(WildcardPattern? pattern, string name)
    {
        try
        {
            return pattern is not null && pattern.IsMatch(name);
        }
        catch (WildcardPatternException)
        {
            return false; // an unfinished [range while typing
        }
    }

    internal override IEnumerable<CompletionResult> Complete(IReadOnlyList<Avatar> avatars, string word)
    {
        // What was typed is a prefix as it stands ("Demo [" of "Demo [EN]"), or a wildcard pattern ("Team*").
        var pattern = WildcardPattern.ContainsWildcardCharacters(word) ? WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase) : null;
        return avatars
            .Select(a => a.Name)
            .Where(n => n.Length > 0 && (n.StartsWith(word, StringComparison.OrdinalIgnoreCase) || Matches(pattern, n)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Select(n => ArgumentCompletion.Result(WildcardPattern.Escape(n), n, n));
    }
}
