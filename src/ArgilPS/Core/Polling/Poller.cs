using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Core.Polling;

/// <summary>How long and how often a <see cref="Poller{T}"/> checks, and how many checks it keeps in flight.</summary>
internal sealed class PollSettings
{
    /// <summary>The deadline, from the start; null waits forever. Zero checks once.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The time between two rounds of checks.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many checks may be in flight at once.</summary>
    public int Concurrency { get; init; } = 4;
}

/// <summary>What a <see cref="Poller{T}"/> reports, on the poller's own thread, in the order the ids were given within a round.</summary>
internal interface IPollObserver<T> where T : class
{
    /// <summary>The item reached a terminal state; it is not checked again.</summary>
    void Finished(string id, T item);

    /// <summary>A check failed; when <paramref name="checkedAgain"/> the item stays pending, else it is given up.</summary>
    void Failed(string id, Exception error, bool checkedAgain);

    /// <summary>The deadline passed while the item was pending; <paramref name="latest"/> is what its last check saw.</summary>
    void TimedOut(string id, T? latest);

    /// <summary>After each round that does not end at the deadline.</summary>
    void Progress(PollProgress<T> progress);
}

/// <summary>Where a poll stands after a round.</summary>
internal sealed class PollProgress<T> where T : class
{
    private readonly Func<string, T?, string> _describe;

    public PollProgress(int total, IReadOnlyList<KeyValuePair<string, T?>> pending, TimeSpan elapsed, TimeSpan? timeout, Func<string, T?, string> describe)
    {
        Total = total;
        Pending = pending;
        Elapsed = elapsed;
        Timeout = timeout;
        _describe = describe;
    }

    public int Total { get; }
    public int Done => Total - Pending.Count;

    /// <summary>The ids still pending, in input order, each with what its last check saw (null when none succeeded).</summary>
    public IReadOnlyList<KeyValuePair<string, T?>> Pending { get; }
    public TimeSpan Elapsed { get; }
    public TimeSpan? Timeout { get; }

    public int PercentComplete => Total == 0 ? 100 : Done * 100 / Total;

    /// <summary>Seconds to the deadline; null without one (or with a zero one).</summary>
    public int? SecondsRemaining => Timeout is { } t && t > TimeSpan.Zero ? Math.Max(0, (int)(t.TotalSeconds - Elapsed.TotalSeconds)) : null;

    /// <summary>"2 of 5 finished; waiting for a, b, c and 1 more; 30 s", with each pending item as the poller's describe callback names it.</summary>
    public string Text
    {
        get
        {
            if (Pending.Count == 0) return $"{Done} of {Total} finished";
            var waiting = string.Join(", ", Pending.Take(3).Select(p => _describe(p.Key, p.Value)));
            if (Pending.Count > 3) waiting += $" and {Pending.Count - 3} more";
            return $"{Done} of {Total} finished; waiting for {waiting}; {Elapsed.TotalSeconds:0} s";
        }
    }
}

/// <summary>
/// Waits for many long-running things at once, in one loop: each round checks every pending id, a
/// few at a time, and reports in input order what reached a terminal state; between rounds it waits
/// on the <see cref="IClock"/> (so the sandbox's Accelerated and Manual modes, and tests, skip the
/// waits). The deadline holds even when a check is slow: a check still running at the deadline is
/// cut short (after at least half a second) and every pending id times out.
/// </summary>
internal sealed class Poller<T> where T : class
{
    /// <summary>The longest delay CancelAfter takes on every runtime (int.MaxValue milliseconds).</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(int.MaxValue);
    private static readonly TimeSpan ShortestCheck = TimeSpan.FromMilliseconds(500);

    private readonly Func<string, IRequestLog, CancellationToken, Task<T>> _get;
    private readonly Func<T, bool> _isTerminal;
    private readonly IClock _clock;
    private readonly PollSettings _settings;

    /// <param name="get">Gets the current state of one id.</param>
    /// <param name="isTerminal">Whether the state is final (success or failure alike).</param>
    /// <param name="clock">The clock every wait goes through.</param>
    /// <param name="settings">Deadline, interval and concurrency.</param>
    public Poller(Func<string, IRequestLog, CancellationToken, Task<T>> get, Func<T, bool> isTerminal, IClock clock, PollSettings settings)
    {
        if (settings.Concurrency < 1) throw new ArgumentOutOfRangeException(nameof(settings), "The concurrency must be at least 1.");
        _get = get;
        _isTerminal = isTerminal;
        _clock = clock;
        _settings = settings;
    }

    /// <summary>Which failed checks are worth checking again (the item stays pending); the others give the item up. Transient API failures by default.</summary>
    public Func<Exception, bool> KeepWaitingThrough { get; init; } = PollFailures.IsTransient;

    /// <summary>
    /// Observes many ids with one request (a list the API can give), so that a round costs one
    /// request however many ids are pending. It returns what it saw, by id; the ids it does not show
    /// are checked one by one, as without it. When it fails, the round checks every id one by one.
    /// </summary>
    public Func<IReadOnlyList<string>, IRequestLog, CancellationToken, Task<IReadOnlyDictionary<string, T>>>? ObserveMany { get; init; }

    /// <summary>From how many pending ids a round uses <see cref="ObserveMany"/> rather than one request per id.</summary>
    public int ObserveManyFrom { get; init; } = 2;

    /// <summary>The progress-text callback: how a pending item is named in <see cref="PollProgress{T}.Text"/>.</summary>
    public Func<string, T?, string> DescribePending { get; init; } = (id, _) => id;

    /// <summary>Polls <paramref name="ids"/> (duplicates are checked once) until none is pending or the deadline passes.</summary>
    public async Task RunAsync(IReadOnlyList<string> ids, IPollObserver<T> observer, IRequestLog log, CancellationToken cancellationToken)
    {
        var pending = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var total = pending.Count;
        if (total == 0) return;
        var started = _clock.UtcNow;
        var latest = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            var round = await RoundAsync(pending, started, log, cancellationToken).ConfigureAwait(false);
            foreach (var check in round)
            {
                if (check.Failure is { } e)
                {
                    var again = KeepWaitingThrough(e);
                    if (!again) pending.Remove(check.Id);
                    observer.Failed(check.Id, e, again);
                }
                else if (check.Item is { } item)
                {
                    latest[check.Id] = item;
                    if (_isTerminal(item))
                    {
                        pending.Remove(check.Id);
                        observer.Finished(check.Id, item);
                    }
                }
            }

            if (round.Any(c => c.DeadlinePassed))
            {
                // The deadline passed during a check (a slow or retried request): it holds anyway.
                TimeOut(pending, latest, observer);
                return;
            }
            var elapsed = _clock.UtcNow - started;
            observer.Progress(new PollProgress<T>(total, pending.Select(id => new KeyValuePair<string, T?>(id, latest.TryGetValue(id, out var x) ? x : null)).ToList(),
                elapsed, _settings.Timeout, DescribePending));
            if (pending.Count == 0) return;
            if (_settings.Timeout is { } deadline && elapsed >= deadline)
            {
                TimeOut(pending, latest, observer);
                return;
            }
            var wait = _settings.Interval;
            if (_settings.Timeout is { } limit && elapsed + wait > limit) wait = limit - elapsed;
            await _clock.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void TimeOut(List<string> pending, Dictionary<string, T> latest, IPollObserver<T> observer)
    {
        foreach (var id in pending) observer.TimedOut(id, latest.TryGetValue(id, out var item) ? item : null);
    }

    private sealed class Check
    {
        public Check(string id) => Id = id;
        public string Id { get; }
        public T? Item { get; set; }
        public Exception? Failure { get; set; }
        public bool DeadlinePassed { get; set; }
    }

    /// <summary>
    /// Checks every pending id: with one list request when <see cref="ObserveMany"/> is given and
    /// enough are pending, and one by one (a few at a time, so a batch of a hundred takes a quarter
    /// of the time without flooding the API) for the rest; one check that fails does not stop the
    /// others. Results come back in input order.
    /// </summary>
    private async Task<List<Check>> RoundAsync(List<string> pending, DateTime started, IRequestLog log, CancellationToken stop)
    {
        IReadOnlyDictionary<string, T>? seen = null;
        if (ObserveMany is { } many && pending.Count >= Math.Max(1, ObserveManyFrom))
        {
            try
            {
                seen = await WithinDeadline(ct => many(pending, log, ct), started, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                return pending.Select(id => new Check(id) { DeadlinePassed = true }).ToList();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.Verbose($"The list that shows every pending item at once could not be read ({e.Message}); each one is checked on its own this round.");
            }
        }

        var one = pending.Where(id => seen is null || !seen.ContainsKey(id)).ToList();
        using var slots = new SemaphoreSlim(_settings.Concurrency);
        var checks = one.Select(async id =>
        {
            var check = new Check(id);
            await slots.WaitAsync(stop).ConfigureAwait(false);
            try
            {
                check.Item = await WithinDeadline(ct => _get(id, log, ct), started, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                check.DeadlinePassed = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                check.Failure = e;
            }
            finally
            {
                slots.Release();
            }
            return check;
        }).ToList();
        var byId = (await Task.WhenAll(checks).ConfigureAwait(false)).ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        return pending.Select(id => byId.TryGetValue(id, out var c) ? c : new Check(id) { Item = seen![id] }).ToList();
    }

    /// <summary>One request, cut short when the deadline passes, so a slow API cannot stretch the wait.</summary>
    private async Task<TResult> WithinDeadline<TResult>(Func<CancellationToken, Task<TResult>> request, DateTime started, CancellationToken stop)
    {
        // A deadline further away than a timer can count (about 24.8 days) is no practical limit for
        // one request: the loop still keeps it.
        var left = _settings.Timeout is { } timeout ? timeout - (_clock.UtcNow - started) : (TimeSpan?)null;
        if (left is null || left > LongestTimer) return await request(stop).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(left.Value > ShortestCheck ? left.Value : ShortestCheck);
        return await request(deadline.Token).ConfigureAwait(false);
    }
}
