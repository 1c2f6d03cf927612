using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Commands;
using ArgilPS.Core;
using ArgilPS.Session;

namespace ArgilPS.Completion;

/// <summary>
/// Completes webhook ids from the connected account, showing each webhook's address and events.
/// Never prompts, never throws, waits at most about two seconds, keeps the list for a minute (<see cref="CompletionList{T}"/>).
/// </summary>
public sealed class WebhookIdCompleter : IArgumentCompleter
{
    private static readonly CompletionList<Webhook> List = new((s, ct) => s.Webhooks.ListWebhooksAsync(NullRequestLog.Instance, ct));

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ArgumentCompletion.Safely(() => Complete(Webhooks(), ArgumentCompletion.TypedValue(wordToComplete)));

    internal static IEnumerable<CompletionResult> Complete(IReadOnlyList<Webhook> webhooks, string word) =>
        webhooks
            .Where(w => w.Id.Length > 0 && (w.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                || w.CallbackUrl.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))
            .OrderBy(w => w.CallbackUrl, StringComparer.OrdinalIgnoreCase)
            .Select(w => ArgumentCompletion.Result(w.Id, $"{w.Id} ({w.CallbackUrl})", $"{w.CallbackUrl}: {w.Events}"));

    private static IReadOnlyList<Webhook> Webhooks() => List.Get();

    /// <summary>Forgets the list cached for this connection's account, after the module changed it.</summary>
    internal static void Invalidate(ArgilSession session) => List.Invalidate(session);
}
