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
/// Completes webhook ids from the connected account, showing each webhook's address and events.
/// Never prompts, never throws, waits at most about two seconds, keeps the list for a minute.
/// </summary>
public sealed class WebhookIdCompleter : IArgumentCompleter
{
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);
    private static readonly object Gate = new();
    private static readonly Dictionary<string, (DateTime Fetched, IReadOnlyList<Webhook> Webhooks)> Cache = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return Complete(Webhooks(), ArgumentCompletion.TypedValue(wordToComplete)).Take(100).ToList();
        }
        catch (Exception)
        {
            // Completion is a convenience: any failure means "no suggestions", never an error on the prompt.
            return Array.Empty<CompletionResult>();
        }
    }

    internal static IEnumerable<CompletionResult> Complete(IReadOnlyList<Webhook> webhooks, string word) =>
        webhooks
            .Where(w => w.Id.Length > 0 && (w.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                || w.CallbackUrl.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))
            .OrderBy(w => w.CallbackUrl, StringComparer.OrdinalIgnoreCase)
            .Select(w => ArgumentCompletion.Result(w.Id, $"{w.Id} ({w.CallbackUrl})", $"{w.CallbackUrl}: {w.Events}"));

    private static IReadOnlyList<Webhook> Webhooks()
    {
        ArgilSession? session;
        try
        {
            session = SessionStore.Current(Runspace.DefaultRunspace);
        }
        catch (ConfigurationException)
        {
            return Array.Empty<Webhook>();
        }
        if (session is null) return Array.Empty<Webhook>();

        var key = CacheKey(session);
        lock (Gate)
        {
            if (Cache.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.Fetched < CacheLifetime) return cached.Webhooks;
        }
        using var patience = new CancellationTokenSource(Patience);
        var task = Task.Run(() => session.Webhooks.ListWebhooksAsync(NullRequestLog.Instance, patience.Token));
        if (!task.Wait(Patience + TimeSpan.FromMilliseconds(250)) || task.Status != TaskStatus.RanToCompletion) return Array.Empty<Webhook>();
        lock (Gate) Cache[key] = (DateTime.UtcNow, task.Result);
        return task.Result;
    }

    /// <summary>Forgets the list cached for this connection's account, after the module changed it.</summary>
    internal static void Invalidate(ArgilSession session)
    {
        lock (Gate) Cache.Remove(CacheKey(session));
    }

    private static string CacheKey(ArgilSession session) => session.Settings.BaseUri + "|" + session.Settings.ApiKey.Fingerprint;
}
