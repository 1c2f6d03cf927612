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

namespace ArgilPS.Completion;

/// <summary>
/// Tab completion of subtitle styles from the connected account. It never prompts and never throws,
/// waits at most about two seconds, and keeps the list for a minute so repeated Tab presses cost nothing.
/// </summary>
public abstract class SubtitleStyleCompleter : IArgumentCompleter
{
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);
    private static readonly object Gate = new();
    private static readonly Dictionary<string, (DateTime Fetched, IReadOnlyList<SubtitleStyle> Styles)> Cache = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return Complete(Styles(), ArgumentCompletion.TypedValue(wordToComplete)).Take(100).ToList();
        }
        catch (Exception)
        {
            // Completion is a convenience: any failure means "no suggestions", never an error on the prompt.
            return Array.Empty<CompletionResult>();
        }
    }

    internal abstract IEnumerable<CompletionResult> Complete(IReadOnlyList<SubtitleStyle> styles, string word);

    private static IReadOnlyList<SubtitleStyle> Styles()
    {
        ArgilSession? session;
        try
        {
            session = SessionStore.Current(Runspace.DefaultRunspace);
        }
        catch (ConfigurationException)
        {
            return Array.Empty<SubtitleStyle>();
        }
        if (session is null) return Array.Empty<SubtitleStyle>();

        var key = session.Settings.BaseUri + "|" + session.Settings.ApiKey.Fingerprint;
        lock (Gate)
        {
            if (Cache.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.Fetched < CacheLifetime) return cached.Styles;
        }
        using var patience = new CancellationTokenSource(Patience);
        var task = Task.Run(() => session.Subtitles.ListStylesAsync(NullRequestLog.Instance, patience.Token));
        if (!task.Wait(Patience + TimeSpan.FromMilliseconds(250)) || task.Status != TaskStatus.RanToCompletion) return Array.Empty<SubtitleStyle>();
        lock (Gate) Cache[key] = (DateTime.UtcNow, task.Result);
        return task.Result;
    }
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
