using System;
using System.Collections.Generic;

namespace ArgilPS.Sandbox;

/// <summary>
/// What a sandbox resource uses to send webhook events: <see cref="Watch{T}"/> to be called when an
/// item of its collection reaches the end of its lifecycle as sandbox time passes, and
/// <see cref="Publish"/> to deliver an event to the subscribed webhooks (and a one-shot callbackUrl).
/// A resource takes it in its constructor and wires itself in one line:
/// <code>
/// events.Watch(_videos, (video, progress) =&gt; events.Publish(
///     progress.Status == "DONE" ? "VIDEO_GENERATION_SUCCESS" : "VIDEO_GENERATION_FAILED",
///     new Dictionary&lt;string, object?&gt; { ["videoId"] = video.Id, ["videoName"] = video.Name, ["videoUrl"] = url, ["extras"] = video.Extras },
///     video.TakeCallbackUrl()));
/// </code>
/// </summary>
internal sealed class SandboxEvents
{
    private readonly SandboxMonitor _monitor;
    private readonly SandboxWebhooks _webhooks;

    public SandboxEvents(SandboxMonitor monitor, SandboxWebhooks webhooks)
    {
        _monitor = monitor;
        _webhooks = webhooks;
    }

    /// <summary>
    /// Calls <paramref name="ended"/> once per run of each item of <paramref name="items"/> that
    /// reaches an end of its lifecycle (an outcome; not a stage that never ends) after this call,
    /// with its status then. Items that had ended before are not announced. Runs on the thread
    /// that noticed it (a clock move, a request, the sandbox's timer), outside every lock; it should
    /// only call <see cref="Publish"/>, which returns at once.
    /// </summary>
    public void Watch<T>(SandboxCollection<T> items, Action<T, SandboxProgress> ended) where T : SandboxItem => _monitor.Watch(items, ended);

    /// <summary>
    /// Delivers <c>{ "event": eventName, "data": data }</c> to every webhook subscribed to
    /// <paramref name="eventName"/> (updating its lastTriggeredAt) and once to
    /// <paramref name="oneShotUrl"/> when given. <paramref name="data"/>'s values are strings, null,
    /// numbers, booleans, dictionaries of strings (extras) or of values, and lists. Returns how
    /// many deliveries were queued; they are made in the background and journalled.
    /// </summary>
    public int Publish(string eventName, IReadOnlyDictionary<string, object?> data, string? oneShotUrl = null) =>
        _webhooks.Publish(eventName, data, oneShotUrl);
}
