using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading.Tasks;
using ArgilPS.Assets;
using ArgilPS.Commands;
using ArgilPS.Core;
using ArgilPS.Session;

namespace ArgilPS.Completion;

/// <summary>
/// Tab completion of asset ids from the connected account, showing each asset's name and type. It
/// never prompts and never throws, waits at most about two seconds, and keeps each list for a
/// minute so repeated Tab presses cost nothing (<see cref="CompletionList{T}"/>). Each completer asks
/// for the assets its parameter can use (<see cref="ListOf"/>).
/// </summary>
public abstract class AssetCompleter : IArgumentCompleter
{
    /// <summary>The list this completer offers (<see cref="ListOf"/>, one per completer, each cached on its own).</summary>
    private protected abstract CompletionList<Asset> List { get; }

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ArgumentCompletion.Safely(() => Complete(List.Get(), ArgumentCompletion.TypedValue(wordToComplete)));

    /// <summary>Assets whose id or name starts with what was typed, by name, each inserting its id quoted.</summary>
    internal static IEnumerable<CompletionResult> Complete(IReadOnlyList<Asset> assets, string word) =>
        assets
            .Where(a => a.Id.Length > 0 && (a.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (a.Name ?? "").StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            .GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(a => a.Name ?? "", StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => string.IsNullOrEmpty(a.Name)
                ? ArgumentCompletion.Result(a.Id, $"{a.Id} ({a.Type})", $"{a.Id}: {a.Type}, {a.Status}")
                : ArgumentCompletion.Result(a.Id, $"{a.Name} ({a.Type})", $"{a.Name}: {a.Type}, {a.Status} ({a.Id})"));

    /// <summary>The assets of these lists (each a GET /assets with these filters, every page), asked for at once.</summary>
    private protected static CompletionList<Asset> ListOf(params AssetListFilter[] filters) => new(async (session, ct) =>
    {
        var all = await Task.WhenAll(filters.Select(f => session.Assets.ListAssetsAsync(f, NullRequestLog.Instance, ct))).ConfigureAwait(false);
        return all.SelectMany(a => a).ToList();
    });

    /// <summary>
    /// Forgets the lists cached for this connection's account (after the module uploads an asset
    /// there, so it can be completed at once); lists of other accounts and endpoints are kept.
    /// </summary>
    internal static void Invalidate(ArgilSession session)
    {
        AssetIdCompleter.Assets.Invalidate(session);
        AudioAssetCompleter.Assets.Invalidate(session);
        BrollAssetCompleter.Assets.Invalidate(session);
    }
}

/// <summary>
/// Completes the ids of any asset (for -Id of Get-ArgilAsset and Wait-ArgilAsset): every type, and
/// every status, since an upload being processed is what Wait-ArgilAsset waits for. The API lists
/// one status at a time (READY when none is given), so it asks for each.
/// </summary>
public sealed class AssetIdCompleter : AssetCompleter
{
    internal static readonly CompletionList<Asset> Assets = ListOf(
        new AssetListFilter { Status = AssetStatus.Ready },
        new AssetListFilter { Status = AssetStatus.Processing },
        new AssetListFilter { Status = AssetStatus.Failed });

    private protected override CompletionList<Asset> List => Assets;
}

/// <summary>Completes the ids of READY AUDIO assets, Argil's background-music library (for -BackgroundMusicAssetId).</summary>
public sealed class AudioAssetCompleter : AssetCompleter
{
    internal static readonly CompletionList<Asset> Assets = ListOf(new AssetListFilter { Types = new[] { AssetType.Audio }, Status = AssetStatus.Ready });

    private protected override CompletionList<Asset> List => Assets;
}

/// <summary>Completes the ids of READY IMAGE and VIDEO assets, the uploads a video moment can show as B-roll (for -BrollAssetId).</summary>
public sealed class BrollAssetCompleter : AssetCompleter
{
    internal static readonly CompletionList<Asset> Assets = ListOf(new AssetListFilter { Types = new[] { AssetType.Image, AssetType.Video }, Status = AssetStatus.Ready });

    private protected override CompletionList<Asset> List => Assets;
}
