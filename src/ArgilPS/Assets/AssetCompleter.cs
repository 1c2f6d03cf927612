using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Assets;
using ArgilPS.Commands;
using ArgilPS.Core;
using ArgilPS.Session;

namespace ArgilPS.Completion;

/// <summary>
/// Tab completion of asset ids from the connected account, showing each asset's name and type. It
/// never prompts and never throws, waits at most about two seconds, and keeps each list for a
/// minute so repeated Tab presses cost nothing. Each completer asks for the assets its parameter
/// can use (<see cref="Lists"/>).
/// </summary>
public abstract class AssetCompleter : IArgumentCompleter
{
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);
    private static readonly object Gate = new();
    private static readonly Dictionary<string, (DateTime Fetched, IReadOnlyList<Asset> Assets)> Cache = new(StringComparer.Ordinal);

    /// <summary>The lists to ask for (each a GET /assets with these filters, every page); their assets are offered.</summary>
    internal abstract IReadOnlyList<AssetListFilter> Lists { get; }

    /// <summary>Names this completer's lists in the cache.</summary>
    private string Kind => GetType().Name;

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return Complete(Assets(), ArgumentCompletion.TypedValue(wordToComplete)).Take(100).ToList();
        }
        catch (Exception)
        {
            // Completion is a convenience: any failure means "no suggestions", never an error on the prompt.
            return Array.Empty<CompletionResult>();
        }
    }

    /// <summary>Assets whose id or name starts with what was typed, by name, each inserting its id quoted.</summary>
    internal static IEnumerable<CompletionResult> Complete(IReadOnlyList<Asset> assets, string word) =>
        assets
            .Where(a => a.Id.Length > 0 && (a.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (a.Name ?? "").StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            .GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(a => a.Name ?? "", StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => string.IsNullOrEmpty(a.Name)
                ? ArgumentCompletion.Result(a.Id, $"{a.Id} ({a.Type})", $"{a.Id}: {a.Type}, {a.Status}")
                : ArgumentCompletion.Result(a.Id, $"{a.Name} ({a.Type})", $"{a.Name}: {a.Type}, {a.Status} ({a.Id})"));

    private IReadOnlyList<Asset> Assets()
    {
        ArgilSession? session;
        try
        {
            session = SessionStore.Current(Runspace.DefaultRunspace);
        }
        catch (ConfigurationException)
        {
            return Array.Empty<Asset>();
        }
        if (session is null) return Array.Empty<Asset>();

        var key = CacheKey(session) + "|" + Kind;
        lock (Gate)
        {
            if (Cache.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.Fetched < CacheLifetime) return cached.Assets;
        }
        using var patience = new CancellationTokenSource(Patience);
        var lists = Lists;
        var task = Task.Run(async () =>
        {
            var all = await Task.WhenAll(lists.Select(f => session.Assets.ListAssetsAsync(f, NullRequestLog.Instance, patience.Token))).ConfigureAwait(false);
            return (IReadOnlyList<Asset>)all.SelectMany(a => a).ToList();
        });
        if (!task.Wait(Patience + TimeSpan.FromMilliseconds(250)) || task.Status != TaskStatus.RanToCompletion) return Array.Empty<Asset>();
        lock (Gate) Cache[key] = (DateTime.UtcNow, task.Result);
        return task.Result;
    }

    /// <summary>
    /// Forgets the lists cached for this connection's account (after the module uploads an asset
    /// there, so it can be completed at once); lists of other accounts and endpoints are kept.
    /// </summary>
    internal static void Invalidate(ArgilSession session)
    {
        var prefix = CacheKey(session) + "|";
        lock (Gate)
        {
            foreach (var key in Cache.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList()) Cache.Remove(key);
        }
    }

    private static string CacheKey(ArgilSession session) => session.Settings.BaseUri + "|" + session.Settings.ApiKey.Fingerprint;
}

/// <summary>
/// Completes the ids of any asset (for -Id of Get-ArgilAsset and Wait-ArgilAsset): every type, and
/// every status, since an upload being processed is what Wait-ArgilAsset waits for. The API lists
/// one status at a time (READY when none is given), so it asks for each.
/// </summary>
public sealed class AssetIdCompleter : AssetCompleter
{
    private static readonly IReadOnlyList<AssetListFilter> All = new[]
    {
        new AssetListFilter { Status = AssetStatus.Ready },
        new AssetListFilter { Status = AssetStatus.Processing },
        new AssetListFilter { Status = AssetStatus.Failed },
    };

    internal override IReadOnlyList<AssetListFilter> Lists => All;
}

/// <summary>Completes the ids of READY AUDIO assets, Argil's background-music library (for -BackgroundMusicAssetId).</summary>
public sealed class AudioAssetCompleter : AssetCompleter
{
    private static readonly IReadOnlyList<AssetListFilter> Audio = new[]
    {
        new AssetListFilter { Types = new[] { AssetType.Audio }, Status = AssetStatus.Ready },
    };

    internal override IReadOnlyList<AssetListFilter> Lists => Audio;
}

/// <summary>Completes the ids of READY IMAGE and VIDEO assets, the uploads a video moment can show as B-roll (for -BrollAssetId).</summary>
public sealed class BrollAssetCompleter : AssetCompleter
{
    private static readonly IReadOnlyList<AssetListFilter> Broll = new[]
    {
        new AssetListFilter { Types = new[] { AssetType.Image, AssetType.Video }, Status = AssetStatus.Ready },
    };

    internal override IReadOnlyList<AssetListFilter> Lists => Broll;
}
