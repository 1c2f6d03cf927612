using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Polling;
using Xunit;

namespace ArgilPS.Tests.Core.Polling;

/// <summary>The one poller, on its own, with a clock whose waits take no time.</summary>
public sealed class PollerTests
{
    private sealed class Job
    {
        public Job(string id, string status) => (Id, Status) = (id, status);
        public string Id { get; }
        public string Status { get; }
    }

    /// <summary>A clock that moves forward by each wait at once, and keeps the waits.</summary>
    private sealed class SteppingClock : IClock
    {
        private readonly object _gate = new();
        private DateTime _now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        public List<TimeSpan> Waits { get; } = new();
        public Action<int>? OnWait { get; set; }

        public DateTime UtcNow
        {
            get { lock (_gate) return _now; }
        }

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            int count;
            lock (_gate)
            {
                Waits.Add(delay);
                count = Waits.Count;
                _now += delay;
            }
            OnWait?.Invoke(count);
            cancellationToken.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }
    }

    /// <summary>Keeps every report as a line: "done a DONE", "failed b (again)", "timeout c TRAINING", "progress 1/3".</summary>
    private sealed class Recorder : IPollObserver<Job>
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public List<PollProgress<Job>> Rounds { get; } = new();
        public void Finished(string id, Job item) => Lines.Enqueue($"done {id} {item.Status}");
        public void Failed(string id, Exception error, bool checkedAgain) => Lines.Enqueue($"failed {id}{(checkedAgain ? " (again)" : "")}: {error.Message}");
        public void TimedOut(string id, Job? latest) => Lines.Enqueue($"timeout {id} {latest?.Status ?? "-"}");

        public void Progress(PollProgress<Job> progress)
        {
            Rounds.Add(progress);
            Lines.Enqueue($"progress {progress.Done}/{progress.Total}");
        }
    }

    /// <summary>Each id answers its statuses in turn, one per check; the last one repeats.</summary>
    private sealed class Script
    {
        private readonly Dictionary<string, string[]> _statuses;
        private readonly ConcurrentDictionary<string, int> _checks = new();

        public Script(Dictionary<string, string[]> statuses) => _statuses = statuses;

        public int Checks(string id) => _checks.TryGetValue(id, out var n) ? n : 0;

        public Task<Job> Get(string id, IRequestLog log, CancellationToken ct)
        {
            var n = _checks.AddOrUpdate(id, 1, (_, x) => x + 1);
            var statuses = _statuses[id];
            if (statuses[Math.Min(n, statuses.Length) - 1] is var s && s.StartsWith("throw", StringComparison.Ordinal))
                throw new InvalidOperationException($"check {n} of {id} failed");
            return Task.FromResult(new Job(id, s));
        }
    }

    private static bool Terminal(Job job) => job.Status is "DONE" or "FAILED";

    private static Poller<Job> NewPoller(Func<string, IRequestLog, CancellationToken, Task<Job>> get, IClock clock, int? timeoutSec = 600, int intervalSec = 10, int concurrency = 4) =>
        new(get, Terminal, clock, new PollSettings
        {
            Timeout = timeoutSec is { } t ? TimeSpan.FromSeconds(t) : null,
            Interval = TimeSpan.FromSeconds(intervalSec),
            Concurrency = concurrency,
        });

    [Fact]
    public async Task EachItemIsReportedInTheRoundItFinishesAndThePollEndsWithTheLast()
    {
        var script = new Script(new()
        {
            ["a"] = new[] { "RUNNING", "DONE" },
            ["b"] = new[] { "FAILED" },
            ["c"] = new[] { "RUNNING", "RUNNING", "DONE" },
        });
        var clock = new SteppingClock();
        var seen = new Recorder();

        await NewPoller(script.Get, clock).RunAsync(new[] { "a", "b", "c" }, seen, NullRequestLog.Instance, default);

        Assert.Equal(new[] { "done b FAILED", "progress 1/3", "done a DONE", "progress 2/3", "done c DONE", "progress 3/3" }, seen.Lines);
        Assert.Equal(new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10) }, clock.Waits);
        Assert.Equal(new[] { 2, 1, 3 }, new[] { "a", "b", "c" }.Select(script.Checks)); // a finished item is not checked again
    }

    [Fact]
    public async Task WithAListEachRoundCostsOneRequestAndWhatTheListDoesNotShowIsGotOneByOne()
    {
        // a and b are in the list; c never is (another workspace's, say): it is got on its own.
        var script = new Script(new()
        {
            ["a"] = new[] { "RUNNING", "RUNNING", "DONE" },
            ["b"] = new[] { "RUNNING", "DONE" },
            ["c"] = new[] { "RUNNING", "RUNNING", "RUNNING", "DONE" },
        });
        var listed = new List<string[]>();
        Task<IReadOnlyDictionary<string, Job>> List(IReadOnlyList<string> ids, IRequestLog log, CancellationToken ct)
        {
            listed.Add(ids.ToArray());
            var seen = new Dictionary<string, Job>();
            foreach (var id in ids.Where(i => i != "c")) seen[id] = script.Get(id, log, ct).Result;
            return Task.FromResult<IReadOnlyDictionary<string, Job>>(seen);
        }
        var getsOfC = 0;
        Task<Job> Get(string id, IRequestLog log, CancellationToken ct)
        {
            Assert.Equal("c", id);
            getsOfC++;
            return script.Get(id, log, ct);
        }
        var recorder = new Recorder();
        var poller = new Poller<Job>(Get, Terminal, new SteppingClock(), new PollSettings { Timeout = TimeSpan.FromSeconds(600) }) { ObserveMany = List };

        await poller.RunAsync(new[] { "a", "b", "c" }, recorder, NullRequestLog.Instance, default);

        Assert.Equal(new[] { "progress 0/3", "done b DONE", "progress 1/3", "done a DONE", "progress 2/3", "done c DONE", "progress 3/3" }, recorder.Lines);
        // Three rounds with two or more pending: one list each; the fourth has c alone, got directly.
        Assert.Equal(new[] { "a,b,c", "a,b,c", "a,c" }, listed.Select(l => string.Join(",", l)));
        Assert.Equal(4, getsOfC);
    }

    [Fact]
    public async Task AListThatFailsMakesTheRoundCheckEachOneAndTheWaitGoesOn()
    {
        var script = new Script(new() { ["a"] = new[] { "RUNNING", "DONE" }, ["b"] = new[] { "RUNNING", "DONE" } });
        var lists = 0;
        Task<IReadOnlyDictionary<string, Job>> List(IReadOnlyList<string> ids, IRequestLog log, CancellationToken ct)
        {
            lists++;
            throw new InvalidOperationException("the list is broken");
        }
        var recorder = new Recorder();
        var poller = new Poller<Job>(script.Get, Terminal, new SteppingClock(), new PollSettings()) { ObserveMany = List };

        await poller.RunAsync(new[] { "a", "b" }, recorder, NullRequestLog.Instance, default);

        Assert.Equal(new[] { "progress 0/2", "done a DONE", "done b DONE", "progress 2/2" }, recorder.Lines);
        Assert.Equal(2, lists);
        Assert.Equal(new[] { 2, 2 }, new[] { "a", "b" }.Select(script.Checks));
    }

    [Fact]
    public async Task ResultsOfARoundComeInInputOrderWhateverOrderTheChecksEndIn()
    {
        // a's check ends only after c's has started, and b's last.
        var cStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var aDone = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Job> Get(string id, IRequestLog log, CancellationToken ct)
        {
            if (id == "a") await cStarted.Task;
            if (id == "b") await aDone.Task;
            if (id == "c") cStarted.SetResult(true);
            if (id == "a") aDone.SetResult(true);
            return new Job(id, "DONE");
        }
        var seen = new Recorder();

        await NewPoller(Get, new SteppingClock()).RunAsync(new[] { "a", "b", "c" }, seen, NullRequestLog.Instance, default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new[] { "done a DONE", "done b DONE", "done c DONE", "progress 3/3" }, seen.Lines);
    }

    [Fact]
    public async Task NeverMoreChecksInFlightThanTheLimit()
    {
        const int limit = 4;
        var inFlight = 0;
        var most = 0;
        var started = new SemaphoreSlim(0);
        var gates = new ConcurrentDictionary<string, TaskCompletionSource<bool>>();
        async Task<Job> Get(string id, IRequestLog log, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            var gate = gates.GetOrAdd(id, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
            started.Release();
            await gate.Task;
            Interlocked.Decrement(ref inFlight);
            return new Job(id, "DONE");
        }
        var ids = Enumerable.Range(1, 10).Select(i => "job-" + i).ToList();
        var seen = new Recorder();

        var poll = NewPoller(Get, new SteppingClock(), concurrency: limit).RunAsync(ids, seen, NullRequestLog.Instance, default);
        // Let one check end each time one starts: every one of the ten gets its turn.
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(30)), $"check {i + 1} did not start");
            if (i >= limit - 1) gates.Values.First(g => !g.Task.IsCompleted).SetResult(true);
        }
        foreach (var g in gates.Values) g.TrySetResult(true);
        await poll.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(limit, most);
        Assert.Equal(ids.Select(id => $"done {id} DONE").Append("progress 10/10"), seen.Lines);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }

    [Fact]
    public async Task TheDeadlineIsKeptExactlyAndEachPendingItemTimesOutWithItsLastState()
    {
        var script = new Script(new() { ["stuck"] = new[] { "RUNNING" }, ["quick"] = new[] { "DONE" }, ["never"] = new[] { "throw" } });
        var clock = new SteppingClock();
        var seen = new Recorder();
        var poller = new Poller<Job>(script.Get, Terminal, clock, new PollSettings { Timeout = TimeSpan.FromSeconds(60), Interval = TimeSpan.FromSeconds(25) })
        {
            KeepWaitingThrough = _ => true,
        };

        await poller.RunAsync(new[] { "stuck", "quick", "never" }, seen, NullRequestLog.Instance, default);

        // Waits of 25, 25 and then the 10 s left; checks at 0, 25, 50 and 60 s.
        Assert.Equal(new[] { 25.0, 25, 10 }, clock.Waits.Select(w => w.TotalSeconds));
        Assert.Equal(4, script.Checks("stuck"));
        Assert.Equal(new[] { "timeout stuck RUNNING", "timeout never -" }, seen.Lines.Where(l => l.StartsWith("timeout", StringComparison.Ordinal)));
        Assert.Equal("timeout never -", seen.Lines.Last());
        var last = seen.Rounds.Last();
        Assert.Equal(0, last.SecondsRemaining);
        Assert.Equal("1 of 3 finished; waiting for stuck, never; 60 s", last.Text);
    }

    [Fact]
    public async Task AZeroDeadlineChecksOnceAndWaitsNever()
    {
        var script = new Script(new() { ["a"] = new[] { "RUNNING" } });
        var clock = new SteppingClock();
        var seen = new Recorder();

        await NewPoller(script.Get, clock, timeoutSec: 0).RunAsync(new[] { "a" }, seen, NullRequestLog.Instance, default);

        Assert.Empty(clock.Waits);
        Assert.Equal(new[] { "progress 0/1", "timeout a RUNNING" }, seen.Lines);
        Assert.Null(seen.Rounds.Single().SecondsRemaining);
    }

    [Fact]
    public async Task WithoutADeadlineItWaitsUntilTheEnd()
    {
        var script = new Script(new() { ["slow"] = Enumerable.Repeat("RUNNING", 200).Append("DONE").ToArray() });
        var clock = new SteppingClock();
        var seen = new Recorder();

        await NewPoller(script.Get, clock, timeoutSec: null, intervalSec: 3600).RunAsync(new[] { "slow" }, seen, NullRequestLog.Instance, default);

        Assert.Equal(200, clock.Waits.Count);
        Assert.Equal("done slow DONE", seen.Lines.Reverse().Skip(1).First());
        Assert.DoesNotContain(seen.Lines, l => l.StartsWith("timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancellationStopsThePollBetweenRounds()
    {
        var script = new Script(new() { ["a"] = new[] { "RUNNING" } });
        using var cts = new CancellationTokenSource();
        var clock = new SteppingClock { OnWait = n => { if (n == 2) cts.Cancel(); } };
        var seen = new Recorder();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            NewPoller(script.Get, clock).RunAsync(new[] { "a" }, seen, NullRequestLog.Instance, cts.Token));

        Assert.Equal(2, script.Checks("a")); // no check after the cancelled wait
        Assert.DoesNotContain(seen.Lines, l => l.StartsWith("timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancellationStopsChecksInFlight()
    {
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Job> Get(string id, IRequestLog log, CancellationToken ct)
        {
            started.TrySetResult(true);
            await Task.Delay(Timeout.Infinite, ct);
            return new Job(id, "DONE");
        }

        var poll = NewPoller(Get, new SteppingClock(), timeoutSec: null).RunAsync(new[] { "a", "b" }, new Recorder(), NullRequestLog.Instance, cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ACheckThatThrowsForOneItemDoesNotStopTheOthers()
    {
        var script = new Script(new()
        {
            ["ok"] = new[] { "RUNNING", "DONE" },
            ["broken"] = new[] { "throw" },
            ["flaky"] = new[] { "throw", "DONE" },
        });
        var seen = new Recorder();
        var poller = new Poller<Job>(script.Get, Terminal, new SteppingClock(), new PollSettings { Timeout = TimeSpan.FromSeconds(600) })
        {
            KeepWaitingThrough = e => !e.Message.Contains("broken", StringComparison.Ordinal),
        };

        await poller.RunAsync(new[] { "ok", "broken", "flaky" }, seen, NullRequestLog.Instance, default);

        Assert.Equal(new[]
        {
            "failed broken: check 1 of broken failed", "failed flaky (again): check 1 of flaky failed", "progress 1/3",
            "done ok DONE", "done flaky DONE", "progress 3/3",
        }, seen.Lines);
        Assert.Equal(1, script.Checks("broken")); // given up, not checked again
    }

    [Fact]
    public async Task ByDefaultTransientApiFailuresAreWaitedThroughAndOthersGiveTheItemUp()
    {
        var checks = new ConcurrentDictionary<string, int>();
        Task<Job> Get(string id, IRequestLog log, CancellationToken ct)
        {
            var n = checks.AddOrUpdate(id, 1, (_, x) => x + 1);
            if (id == "gone") throw new ArgilApiException(ApiFailureKind.NotFound, "no such job");
            if (n == 1) throw new ArgilApiException(ApiFailureKind.ServerError, "HTTP 503");
            return Task.FromResult(new Job(id, "DONE"));
        }
        var seen = new Recorder();

        await NewPoller(Get, new SteppingClock()).RunAsync(new[] { "busy", "gone" }, seen, NullRequestLog.Instance, default);

        Assert.Equal(new[] { "failed busy (again): HTTP 503", "failed gone: no such job", "progress 1/2", "done busy DONE", "progress 2/2" }, seen.Lines);
        Assert.Equal(1, checks["gone"]);
    }

    [Fact]
    public async Task DuplicateIdsAreCheckedOnceAndTheProgressTextNamesThreePendingItems()
    {
        var script = new Script(Enumerable.Range(1, 5).ToDictionary(i => "j" + i, i => i == 1 ? new[] { "DONE" } : new[] { "RUNNING", "DONE" }));
        var seen = new Recorder();
        var poller = new Poller<Job>(script.Get, Terminal, new SteppingClock(), new PollSettings { Timeout = TimeSpan.FromSeconds(100), Interval = TimeSpan.FromSeconds(30) })
        {
            DescribePending = (id, job) => $"{id} ({job?.Status})",
        };

        await poller.RunAsync(new[] { "j1", "j2", "J1", "j3", "j4", "j5" }, seen, NullRequestLog.Instance, default);

        Assert.Equal(1, script.Checks("j1"));
        var first = seen.Rounds[0];
        Assert.Equal("1 of 5 finished; waiting for j2 (RUNNING), j3 (RUNNING), j4 (RUNNING) and 1 more; 0 s", first.Text);
        Assert.Equal(20, first.PercentComplete);
        Assert.Equal(100, first.SecondsRemaining);
        Assert.Equal("5 of 5 finished", seen.Rounds[1].Text);
    }
}
