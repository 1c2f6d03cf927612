using System;
using System.Collections.Generic;
using System.Threading;

namespace ArgilPS.Sandbox;

/// <summary>
/// Notices, as sandbox time passes, the stored items whose status reaches its end (an avatar that
/// has trained, a video that has rendered), and calls what each resource asked to be called for
/// them, once per run of an item. Statuses are worked out lazily from the clock
/// (<see cref="SandboxCollection{T}"/>), so something has to look: the monitor looks when the clock
/// jumps (Manual mode's <c>Advance</c>, a skipped wait, a change of mode), when a collection
/// changes (an item added, started or forced), and, while time runs on its own (Realtime and
/// Accelerated modes), on a timer set for the next end due, owned by the sandbox and stopped with it.
/// </summary>
internal sealed class SandboxMonitor : IDisposable
{
    /// <summary>The longest the timer sleeps while something is due, so a changed duration (Set-ArgilSandbox -TrainingSeconds) is seen within it.</summary>
    internal static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(1);

    private readonly SandboxClock _clock;
    private readonly object _gate = new();
    private readonly List<Watcher> _watches = new();
    private readonly Timer _timer;
    private bool _disposed;

    public SandboxMonitor(SandboxClock clock)
    {
        _clock = clock;
        _timer = new Timer(_ => Check(), null, Timeout.Infinite, Timeout.Infinite);
        _clock.Moved += Check;
    }

    /// <summary>
    /// Calls <paramref name="ended"/> for each item of <paramref name="items"/> whose run reaches an
    /// end of its lifecycle from now on (items that had ended before are not announced), on the
    /// thread that noticed it, outside every lock. A callback that throws is ignored: it must not
    /// stop the others, nor the request or the clock move that noticed it.
    /// </summary>
    public void Watch<T>(SandboxCollection<T> items, Action<T, SandboxProgress> ended) where T : SandboxItem
    {
        // This watch's record of the runs it was told of (each watch hears of each run once).
        var announced = new Dictionary<SandboxItem, DateTime>();
        items.TakeEnded(announced, announce: false);
        var watch = new Watcher(
            () =>
            {
                var calls = new List<Action>();
                foreach (var (item, progress) in items.TakeEnded(announced)) calls.Add(() => ended(item, progress));
                return calls;
            },
            () => items.NextEnd(announced));
        lock (_gate) _watches.Add(watch);
        items.Changed += Check;
        Check();
    }

    /// <summary>Looks now: calls what is due, then sets the timer for what is due next.</summary>
    public void Check()
    {
        List<Watcher> watches;
        lock (_gate)
        {
            if (_disposed) return;
            watches = new List<Watcher>(_watches);
        }
        var calls = new List<Action>();
        foreach (var watch in watches) calls.AddRange(watch.TakeEnded());
        foreach (var call in calls)
        {
            try
            {
                call();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A resource's callback failed: the others and the caller go on.
            }
        }
        Rearm(watches);
    }

    private void Rearm(List<Watcher> watches)
    {
        DateTime? next = null;
        foreach (var watch in watches)
        {
            if (watch.NextEnd() is { } end && (next is null || end < next)) next = end;
        }
        lock (_gate)
        {
            if (_disposed) return;
            if (next is null || _clock.Mode == SandboxTimeMode.Manual)
            {
                _timer.Change(Timeout.Infinite, Timeout.Infinite);
                return;
            }
            // Realtime and Accelerated: sandbox time runs at the wall clock's pace between jumps.
            var wait = next.Value - _clock.UtcNow;
            if (wait < TimeSpan.FromMilliseconds(10)) wait = TimeSpan.FromMilliseconds(10);
            if (wait > LongestSleep) wait = LongestSleep;
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _watches.Clear();
        }
        _clock.Moved -= Check;
        using var stopped = new ManualResetEvent(false);
        if (_timer.Dispose(stopped)) stopped.WaitOne(TimeSpan.FromSeconds(5));
    }

    private sealed class Watcher
    {
        public Watcher(Func<List<Action>> takeEnded, Func<DateTime?> nextEnd)
        {
            TakeEnded = takeEnded;
            NextEnd = nextEnd;
        }

        public Func<List<Action>> TakeEnded { get; }
        public Func<DateTime?> NextEnd { get; }
    }
}
