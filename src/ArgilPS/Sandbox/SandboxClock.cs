using System;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;

namespace ArgilPS.Sandbox;

/// <summary>How time passes in the sandbox.</summary>
public enum SandboxTimeMode
{
    /// <summary>Time passes as on the wall clock, and the module's waits really wait.</summary>
    Realtime,

    /// <summary>Time passes as on the wall clock, and every wait of the module skips ahead at once, so polling loops finish immediately. The default.</summary>
    Accelerated,

    /// <summary>Time stands still except when the module waits or a test advances it: fully deterministic.</summary>
    Manual,
}

/// <summary>
/// The sandbox's clock, shared by the emulated API (avatars train on it) and by the module's
/// session (poll and retry waits go through it). Skipping a wait moves the clock forward, so the
/// avatar the module waits for has trained when the wait "ends".
/// </summary>
internal sealed class SandboxClock : IClock
{
    private readonly object _gate = new();
    private TimeSpan _skipped;
    private DateTime _manualNow;
    private SandboxTimeMode _mode;

    public SandboxClock(SandboxTimeMode mode = SandboxTimeMode.Accelerated)
    {
        _manualNow = DateTime.UtcNow;
        _mode = mode;
    }

    public SandboxTimeMode Mode
    {
        get { lock (_gate) return _mode; }
        set
        {
            lock (_gate)
            {
                if (value == _mode) return;
                var now = NowUnlocked();
                _mode = value;
                // Keep the clock continuous across a change of mode.
                if (value == SandboxTimeMode.Manual) _manualNow = now;
                else _skipped = now - DateTime.UtcNow;
            }
            Moved?.Invoke();
        }
    }

    public DateTime UtcNow
    {
        get { lock (_gate) return NowUnlocked(); }
    }

    private DateTime NowUnlocked() => _mode == SandboxTimeMode.Manual ? _manualNow : DateTime.UtcNow + _skipped;

    /// <summary>Moves the clock forward, as if that much time had passed.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The sandbox clock only moves forward.");
        lock (_gate)
        {
            if (_mode == SandboxTimeMode.Manual) _manualNow += by;
            else _skipped += by;
        }
        if (by > TimeSpan.Zero) Moved?.Invoke();
    }

    /// <summary>
    /// Raised, on the thread that moved it, after the clock jumps forward (<see cref="Advance"/>, a
    /// skipped wait) or changes mode: what is due by the new time (a training that ended, a delivery
    /// to retry) is noticed at once. Time passing on the wall clock raises nothing; the sandbox's
    /// timers see to that.
    /// </summary>
    public event Action? Moved;

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (delay <= TimeSpan.Zero) return Task.CompletedTask;
        if (Mode == SandboxTimeMode.Realtime) return Task.Delay(delay, cancellationToken);
        Advance(delay);
        return Task.CompletedTask;
    }
}
