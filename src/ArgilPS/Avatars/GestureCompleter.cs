using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Avatars;
using ArgilPS.Commands;
using ArgilPS.Core;

namespace ArgilPS.Completion;

/// <summary>
/// Completes -GestureSlug with the gestures of the avatar named by the -AvatarId already on the
/// command line (New-ArgilVideo, New-ArgilVideoMoment), showing each gesture's label. Nothing is
/// offered, and no error shown, when no avatar id has been typed yet or the avatar cannot be
/// fetched within about two seconds. It never prompts and never throws, and keeps each avatar's
/// gestures for a minute so repeated Tab presses cost nothing.
/// </summary>
public sealed class GestureSlugCompleter : IArgumentCompleter
{
    /// <summary>Each avatar's gestures, by its id (<see cref="CompletionList{T}"/>: a minute per avatar and account).</summary>
    private static readonly CompletionList<AvatarGesture> List = new(async (session, avatarId, ct) =>
        (await session.Avatars.GetAvatarAsync(avatarId, NullRequestLog.Instance, ct).ConfigureAwait(false)).Gestures.ToList());

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ArgumentCompletion.Safely(() => AvatarIdOf(fakeBoundParameters) is { } avatarId
            ? Complete(List.Get(avatarId), ArgumentCompletion.TypedValue(wordToComplete))
            : Array.Empty<CompletionResult>());

    /// <summary>The -AvatarId given on the command line (a constant the engine could read), or null.</summary>
    private static string? AvatarIdOf(IDictionary? bound)
    {
        if (bound is null || !bound.Contains("AvatarId")) return null;
        var value = bound["AvatarId"];
        if (value is PSObject wrapped) value = wrapped.BaseObject;
        return value is string id && !string.IsNullOrWhiteSpace(id) ? id : null;
    }

    /// <summary>Gestures whose slug or label starts with what was typed, in the avatar's order, each inserting its slug quoted.</summary>
    internal static IEnumerable<CompletionResult> Complete(IReadOnlyList<AvatarGesture> gestures, string word) =>
        gestures
            .Where(g => !string.IsNullOrEmpty(g.Slug)
                && (g.Slug!.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (g.Label ?? "").StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            .GroupBy(g => g.Slug!, StringComparer.Ordinal).Select(g => g.First())
            .Select(g => string.IsNullOrEmpty(g.Label)
                ? ArgumentCompletion.Result(g.Slug!)
                : ArgumentCompletion.Result(g.Slug!, $"{g.Slug} ({g.Label})", g.Label));
}
