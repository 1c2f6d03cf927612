using System;
using System.Collections.Generic;
using System.Linq;

namespace ArgilPS.Sandbox;

/// <summary>A status an item holds for a while, on the sandbox clock, before it moves on.</summary>
internal sealed class SandboxStage
{
    /// <param name="status">The status shown during the stage.</param>
    /// <param name="duration">How long it lasts; read each time, so a change of the sandbox's options applies to items already stored.</param>
    public SandboxStage(string status, Func<TimeSpan> duration)
    {
        Status = status;
        Duration = duration;
    }

    public string Status { get; }
    public Func<TimeSpan> Duration { get; }
}

/// <summary>An item's status now, and since when it has held it (its updatedAt).</summary>
internal readonly struct SandboxProgress
{
    public SandboxProgress(string status, DateTime since)
    {
        Status = status;
        Since = since;
    }

    public string Status { get; }
    public DateTime Since { get; }
}

/// <summary>
/// How a kind of item moves through its statuses on the sandbox clock: it shows
/// <see cref="Waiting"/> until it is started, then each stage for its duration, then its outcome,
/// for good. Avatars start when they are created (TRAINING → IDLE); a video would wait in IDLE until
/// it is rendered (GENERATING_AUDIO → GENERATING_VIDEO → DONE); an asset starts in PROCESSING.
/// </summary>
internal sealed class SandboxLifecycle
{
    /// <summary>The extras key with which a request chooses the final status of what it creates.</summary>
    public const string OutcomeExtra = "sandbox-outcome";

    public SandboxLifecycle(string waiting, IReadOnlyList<SandboxStage> stages, IReadOnlyList<string> outcomes)
    {
        if (outcomes.Count == 0) throw new ArgumentException("A lifecycle ends in at least one outcome.", nameof(outcomes));
        Waiting = waiting;
        Stages = stages;
        Outcomes = outcomes;
    }

    /// <summary>The status before the item is started.</summary>
    public string Waiting { get; }

    public IReadOnlyList<SandboxStage> Stages { get; }

    /// <summary>The statuses it may end in; the first is the default.</summary>
    public IReadOnlyList<string> Outcomes { get; }

    /// <summary>
    /// The outcome the <see cref="OutcomeExtra"/> extra asks for (the default without it), or the
    /// problem with it.
    /// </summary>
    public string? ChooseOutcome(IReadOnlyDictionary<string, string> extras, out string outcome)
    {
        outcome = Outcomes[0];
        if (!extras.TryGetValue(OutcomeExtra, out var wanted)) return null;
        if (!Outcomes.Contains(wanted)) return $"the sandbox knows the {OutcomeExtra} values {string.Join(", ", Outcomes)}";
        outcome = wanted;
        return null;
    }

    /// <summary>
    /// Where the item is at <paramref name="now"/>. Its status changes only at the end of a stage
    /// whose next status differs, and that moment is when it changed; an outcome equal to the last
    /// stage (a training that never ends) keeps the item where it is.
    /// </summary>
    public SandboxProgress At(SandboxItem item, DateTime now)
    {
        if (item.ForcedStatus is not null) return new SandboxProgress(item.ForcedStatus, item.ForcedAt);
        var status = Waiting;
        var since = item.CreatedAt;
        if (item.StartedAt is not { } boundary || now < boundary) return new SandboxProgress(status, since);
        foreach (var stage in Stages)
        {
            if (stage.Status != status)
            {
                status = stage.Status;
                since = boundary;
            }
            boundary += stage.Duration();
            if (now < boundary) return new SandboxProgress(status, since);
        }
        return item.Outcome == status ? new SandboxProgress(status, since) : new SandboxProgress(item.Outcome, boundary);
    }
}

/// <summary>What a sandbox collection stores: an id, a creation time and a place in a lifecycle.</summary>
internal abstract class SandboxItem
{
    protected SandboxItem(SandboxLifecycle lifecycle)
    {
        Lifecycle = lifecycle;
        Outcome = lifecycle.Outcomes[0];
    }

    public string Id { get; set; } = Guid.NewGuid().ToString();
    public DateTime CreatedAt { get; set; }
    public SandboxLifecycle Lifecycle { get; }

    /// <summary>When the lifecycle's first stage began, or null while the item waits.</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>The status the item ends in.</summary>
    public string Outcome { get; set; }

    /// <summary>A status set by a test, which holds until cleared, and when it was set.</summary>
    public string? ForcedStatus { get; set; }
    public DateTime ForcedAt { get; set; }
}

/// <summary>
/// The items of one resource, in the order they were added, with their statuses worked out from
/// the sandbox clock whenever they are read: a status moves on a schedule, not on a timer.
/// </summary>
internal sealed class SandboxCollection<T> where T : SandboxItem
{
    private readonly object _gate = new();
    private readonly List<T> _items = new();
    private readonly Func<DateTime> _now;

    public SandboxCollection(Func<DateTime> now) => _now = now;

    public DateTime Now => _now();

    /// <summary>Stores an item; one without a creation time is created now, and <paramref name="start"/> starts its lifecycle at once.</summary>
    public T Add(T item, bool start = true)
    {
        if (item.CreatedAt == default) item.CreatedAt = _now();
        if (start && item.StartedAt is null) item.StartedAt = item.CreatedAt;
        lock (_gate)
        {
            if (_items.Any(i => i.Id == item.Id)) throw new InvalidOperationException($"An item with the id {item.Id} is already stored.");
            _items.Add(item);
        }
        return item;
    }

    public T? Find(string id)
    {
        lock (_gate) return _items.FirstOrDefault(i => i.Id == id);
    }

    /// <summary>Removes an item; false when there is none with this id.</summary>
    public bool Remove(string id)
    {
        lock (_gate) return _items.RemoveAll(i => i.Id == id) > 0;
    }

    /// <summary>The items that match, with their progress now, as one consistent snapshot.</summary>
    public IReadOnlyList<(T Item, SandboxProgress Progress)> Select(Func<T, SandboxProgress, bool> predicate)
    {
        var now = _now();
        lock (_gate)
        {
            return _items.Select(i => (Item: i, Progress: i.Lifecycle.At(i, now))).Where(p => predicate(p.Item, p.Progress)).ToList();
        }
    }

    public SandboxProgress ProgressOf(T item)
    {
        var now = _now();
        lock (_gate) return item.Lifecycle.At(item, now);
    }

    /// <summary>Starts (or restarts) an item's lifecycle now, dropping any forced status.</summary>
    public bool Start(string id)
    {
        var now = _now();
        lock (_gate)
        {
            var item = _items.FirstOrDefault(i => i.Id == id);
            if (item is null) return false;
            item.StartedAt = now;
            item.ForcedStatus = null;
            return true;
        }
    }

    /// <summary>Forces an item's status from now on (for tests), or with null returns it to its schedule.</summary>
    public bool Force(string id, string? status)
    {
        var now = _now();
        lock (_gate)
        {
            var item = _items.FirstOrDefault(i => i.Id == id);
            if (item is null) return false;
            item.ForcedStatus = status;
            item.ForcedAt = now;
            return true;
        }
    }
}
