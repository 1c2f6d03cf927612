using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Commands;
using ArgilPS.Core;
using ArgilPS.Session;
using ArgilPS.Videos;

namespace ArgilPS.Completion;

/// <summary>
/// Tab completion of video ids from the connected account, showing each video's name and status.
/// It never prompts and never throws, waits at most about two seconds, and keeps the list for a
/// minute so repeated Tab presses cost nothing.
/// </summary>
public sealed class VideoIdCompleter : IArgumentCompleter
{
    private static readonly CompletionList<Video> List = new((s, ct) => s.Videos.ListVideosAsync(new VideoListFilter(), NullRequestLog.Instance, ct));

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ArgumentCompletion.Safely(() => Complete(Videos(), ArgumentCompletion.TypedValue(wordToComplete)));

    internal static IEnumerable<CompletionResult> Complete(IReadOnlyList<Video> videos, string word) =>
        videos
            .Where(v => v.Id.Length > 0 && (v.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || v.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)
            .Select(v => v.Name.Length == 0
                ? ArgumentCompletion.Result(v.Id, v.Id, $"{v.Id}: {v.Status}")
                : ArgumentCompletion.Result(v.Id, $"{v.Id} ({v.Name})", $"{v.Name}: {v.Status}"));

    private static IReadOnlyList<Video> Videos() => List.Get();

    /// <summary>Forgets the list cached for this connection's account (after the module creates or removes a video there).</summary>
    internal static void Invalidate(ArgilSession session) => List.Invalidate(session);
}

/// <summary>
/// The documented values of New-ArgilVideo's -AspectRatio and -Model, which bind from CSV columns and so
/// take a blank cell as not given (ValidateOptionalSet, not ValidateSet, which would refuse it).
/// </summary>
public sealed class VideoOptionCompleter : IArgumentCompleter
{
    internal static readonly string[] AspectRatios = { "16:9", "9:16" };
    internal static readonly string[] Models = { "ARGIL_V1", "ARGIL_ATOM" };

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var values = string.Equals(parameterName, "Model", StringComparison.OrdinalIgnoreCase) ? Models : AspectRatios;
        var word = ArgumentCompletion.TypedValue(wordToComplete);
        return values.Where(v => v.StartsWith(word, StringComparison.OrdinalIgnoreCase)).Select(v => ArgumentCompletion.Result(v)).ToList();
    }
}
