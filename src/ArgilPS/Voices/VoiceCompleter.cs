using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Commands;
using ArgilPS.Core;
using ArgilPS.Session;
using ArgilPS.Voices;

namespace ArgilPS.Completion;

/// <summary>
/// Tab completion of voices from the connected account. It never prompts and never throws, waits
/// at most about two seconds, and keeps the list for a minute so repeated Tab presses cost nothing.
/// </summary>
public abstract class VoiceCompleter : IArgumentCompleter
{
    private static readonly CompletionList<Voice> List = new((s, ct) => s.Voices.ListVoicesAsync(new VoiceListFilter(), NullRequestLog.Instance, ct));

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ArgumentCompletion.Safely(() => Complete(Voices(), ArgumentCompletion.TypedValue(wordToComplete)));

    internal abstract IEnumerable<CompletionResult> Complete(IReadOnlyList<Voice> voices, string word);

    private static IReadOnlyList<Voice> Voices() => List.Get();

    /// <summary>
    /// Forgets the list cached for this connection's account (after the module creates or syncs voices
    /// there, so they complete at once); lists of other accounts and endpoints are kept.
    /// </summary>
    internal static void Invalidate(ArgilSession session) => List.Invalidate(session);
}

/// <summary>
/// Completes voice ids (Get-ArgilVoice -Id, New-ArgilAvatar -VoiceId, New-ArgilVideo -VoiceId), matching
/// what was typed against the id or the name, and showing each voice's name and language.
/// </summary>
public sealed class VoiceIdCompleter : VoiceCompleter
{
    internal override IEnumerable<CompletionResult> Complete(IReadOnlyList<Voice> voices, string word) =>
        voices
            .Where(v => v.Id.Length > 0 && (v.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || v.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(v => v.Id, StringComparer.Ordinal)
            .Select(v => ArgumentCompletion.Result(v.Id, v.Name.Length == 0 ? v.Id : $"{v.Id} ({v.Name})", Describe(v)));

    /// <summary>"Emma: ENGLISH, FEMALE"; what the API did not say is left out.</summary>
    private static string Describe(Voice v)
    {
        var traits = string.Join(", ", new[] { v.Language, v.Gender }.Where(t => !string.IsNullOrEmpty(t)));
        var name = v.Name.Length == 0 ? v.Id : v.Name;
        return traits.Length == 0 ? name : $"{name}: {traits}";
    }
}

/// <summary>Completes voice names (Get-ArgilVoice -Name), escaped for wildcards.</summary>
public sealed class VoiceNameCompleter : VoiceCompleter
{
    internal override IEnumerable<CompletionResult> Complete(IReadOnlyList<Voice> voices, string word) =>
        // What was typed is a prefix as it stands, or a wildcard pattern.
        ArgumentCompletion.Names(voices.Select(v => v.Name), word);
}

/// <summary>
/// Completes -ModelId with the voice models Argil documents, showing which provider each belongs to;
/// the parameter takes any other model too (Argil adds them).
/// </summary>
public sealed class VoiceModelCompleter : IArgumentCompleter
{
    /// <summary>The documented models (argil-api.md §4.4), recommended ones first within each provider.</summary>
    internal static readonly (string Id, string Provider, string Note)[] Models =
    {
        ("eleven_multilingual_v2", "ElevenLabs", "recommended"),
        ("eleven_v3", "ElevenLabs", ""),
        ("eleven_multilingual_v1", "ElevenLabs", ""),
        ("eleven_monolingual_v1", "ElevenLabs", ""),
        ("eleven_turbo_v2", "ElevenLabs", ""),
        ("eleven_turbo_v2_5", "ElevenLabs", ""),
        ("eleven_flash_v2_5", "ElevenLabs", ""),
        ("speech-2.8-hd", "Minimax", "recommended"),
        ("speech-2.8-turbo", "Minimax", ""),
        ("speech-2.6-hd", "Minimax", ""),
        ("speech-2.6-turbo", "Minimax", ""),
        ("speech-2.5-hd-preview", "Minimax", "Argil's default"),
        ("speech-2.5-turbo-preview", "Minimax", ""),
        ("speech-02-hd", "Minimax", ""),
        ("speech-02-turbo", "Minimax", ""),
    };

    /// <summary>The model Argil uses when none is given.</summary>
    internal const string DefaultModel = "speech-2.5-hd-preview";

    /// <summary>The provider of a documented model, or null for a model Argil has not documented.</summary>
    internal static string? ProviderOf(string model) =>
        Models.Where(m => string.Equals(m.Id, model, StringComparison.OrdinalIgnoreCase)).Select(m => m.Provider).FirstOrDefault();

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = ArgumentCompletion.TypedValue(wordToComplete);
        return Models
            .Where(m => m.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || m.Provider.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(m => ArgumentCompletion.Result(m.Id, $"{m.Id} ({m.Provider})",
                m.Note.Length == 0 ? $"{m.Provider} model" : $"{m.Provider} model, {m.Note}"))
            .ToList();
    }
}

/// <summary>Completes -Emotion with the values Argil documents for Minimax models.</summary>
public sealed class VoiceEmotionCompleter : IArgumentCompleter
{
    /// <summary>"auto" (Argil's default) and the documented emotions.</summary>
    internal static readonly string[] Emotions = { "auto", "happy", "sad", "angry", "fearful", "disgusted", "surprised", "neutral" };

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = ArgumentCompletion.TypedValue(wordToComplete);
        return Emotions.Where(e => e.StartsWith(word, StringComparison.OrdinalIgnoreCase)).Select(e => ArgumentCompletion.Result(e)).ToList();
    }
}
