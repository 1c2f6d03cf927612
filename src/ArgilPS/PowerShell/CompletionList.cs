using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Session;

namespace ArgilPS.Completion;

/// <summary>
/// The list a completer offers from the connected account: fetched through the connection of the
/// runspace that completes, waited for at most about two seconds, kept for a minute per account and
/// endpoint so that repeated Tab presses cost nothing. Never throws and never prompts: without a
/// connection, or when the API does not answer in time, the list is empty.
/// </summary>
internal sealed class CompletionList<T>
{
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);
    private readonly object _gate = new();
    private readonly Dictionary<string, (DateTime Fetched, IReadOnlyList<T> Items)> _cache = new(StringComparer.Ordinal);
    private readonly Func<ArgilSession, string, CancellationToken, Task<IReadOnlyList<T>>> _fetch;

    /// <param name="fetch">Reads the whole list from the account.</param>
    public CompletionList(Func<ArgilSession, CancellationToken, Task<IReadOnlyList<T>>> fetch) => _fetch = (session, _, ct) => fetch(session, ct);

    /// <param name="fetchPart">Reads one part of the account's items (an avatar's gestures, by the avatar's id).</param>
    public CompletionList(Func<ArgilSession, string, CancellationToken, Task<IReadOnlyList<T>>> fetchPart) => _fetch = fetchPart;

    /// <summary>The items of the current connection's account; empty when there is none or it does not answer in time.</summary>
    public IReadOnlyList<T> Get() => Get("");

    /// <summary>The items of one part of the current connection's account, each part cached on its own.</summary>
    public IReadOnlyList<T> Get(string part)
    {
        ArgilSession? session;
        try
        {
            session = SessionStore.Current(Runspace.DefaultRunspace);
        }
        catch (ConfigurationException)
        {
            return Array.Empty<T>();
        }
        if (session is null) return Array.Empty<T>();

        var key = CacheKey(session) + part;
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.Fetched < CacheLifetime) return cached.Items;
        }
        using var patience = new CancellationTokenSource(Patience);
        var task = Task.Run(() => _fetch(session, part, patience.Token));
        if (!task.Wait(Patience + TimeSpan.FromMilliseconds(250)) || task.Status != TaskStatus.RanToCompletion) return Array.Empty<T>();
        lock (_gate) _cache[key] = (DateTime.UtcNow, task.Result);
        return task.Result;
    }

    /// <summary>Forgets what is cached for this connection's account (after the module changed it there), every part; other accounts' lists are kept.</summary>
    public void Invalidate(ArgilSession session)
    {
        var prefix = CacheKey(session);
        lock (_gate)
        {
            foreach (var key in _cache.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList()) _cache.Remove(key);
        }
    }

    private static string CacheKey(ArgilSession session) => session.Settings.BaseUri + "|" + session.Settings.ApiKey.Fingerprint + "|";
}
