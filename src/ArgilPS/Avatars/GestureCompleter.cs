using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Commands;
using ArgilPS.Core;
using ArgilPS.Session;

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
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);
    private static readonly object Gate = new();
    private static readonly Dictionary<string, (DateTime Fetched, IReadOnlyList<AvatarGesture> Gestures)> Cache = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var avatarId = AvatarIdOf(fakeBoundParameters);
            if (avatarId is null) return Array.Empty<CompletionResult>();
            return Complete(Gestures(avatarId), ArgumentCompletion.TypedValue(wordToComplete)).Take(100).ToList();
        }
        catch (Exception)
        {
            // Completion is a convenience: any failure means "no suggestions", never an error on the prompt.
            return Array.Empty<CompletionResult>();
        }
    }

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

    private static IReadOnlyList<AvatarGesture> Gestures(string avatarId)
    {
        ArgilSession? session;
        try
        {
            session = SessionStore.Current(Runspace.DefaultRunspace);
        }
        catch (ConfigurationException)
        {
            return Array.Empty<AvatarGesture>();
        }
        if (session is null) return Array.Empty<AvatarGesture>();

        var key = session.Settings.BaseUri + "|" + session.Settings.ApiKey.Fingerprint + "|" + avatarId;
        lock (Gate)
        {
            if (Cache.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.Fetched < CacheLifetime) return cached.Gestures;
        }
        using var patience = new CancellationTokenSource(Patience);
        var task = Task.Run(() => session.Avatars.GetAvatarAsync(avatarId, NullRequestLog.Instance, patience.Token));
        if (!task.Wait(Patience + TimeSpan.FromMilliseconds(250)) || task.Status != TaskStatus.RanToCompletion) return Array.Empty<AvatarGesture>();
        IReadOnlyList<AvatarGesture> gestures = task.Result.Gestures.ToList();
        lock (Gate) Cache[key] = (DateTime.UtcNow, gestures);
        return gestures;
    }
}
