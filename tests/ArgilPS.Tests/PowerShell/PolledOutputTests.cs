using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Commands;
using ArgilPS.Core;
using ArgilPS.Core.Polling;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>A clock whose first wait moves on at once and whose later waits end only when cancelled; it says when that happens.</summary>
internal sealed class OneRoundClock : IClock
{
    private int _waits;
    public DateTime UtcNow { get; private set; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public TaskCompletionSource<bool> WaitCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        UtcNow += delay;
        if (Interlocked.Increment(ref _waits) == 1) return Task.CompletedTask;
        var never = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        cancellationToken.Register(() =>
        {
            WaitCancelled.TrySetResult(true);
            never.TrySetCanceled(cancellationToken);
        });
        return never.Task;
    }
}

/// <summary>
/// A test-only cmdlet that polls "a" (done at once), "b" (done at the second check) and "c" (never
/// done, unless -Timeout) through the cmdlet base's RunPoller. Not public, see TestArgilPagedOutputCommand.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ArgilPolledOutput")]
internal sealed class TestArgilPolledOutputCommand : ArgilCmdlet
{
    [Parameter(Mandatory = true)]
    public object Clock { get; set; } = null!;

    [Parameter]
    public int Timeout { get; set; } = -1;

    protected override void EndProcessing()
    {
        var checks = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var poller = new Poller<string>((id, log, ct) =>
        {
            var n = checks.AddOrUpdate(id, 1, (_, x) => x + 1);
            log.Verbose($"check {n} of {id}");
            return Task.FromResult(id == "a" || id == "b" && n >= 2 ? "done " + id : "running " + id);
        }, s => s.StartsWith("done", StringComparison.Ordinal), (IClock)Clock, new PollSettings
        {
            Timeout = Timeout < 0 ? null : TimeSpan.FromSeconds(Timeout),
            Interval = TimeSpan.FromSeconds(10),
        });
        RunPoller(poller, new[] { "a", "b", "c" }, 99, "Testing the poller",
            (id, item) => WriteObject(item),
            (id, e, again) => WriteWarning($"{id} failed"),
            (id, latest) => WriteError(new ErrorRecord(new TimeoutException($"{id} still {latest}"), "Late", ErrorCategory.OperationTimeout, id)));
    }
}

/// <summary>The cmdlet base's RunPoller: results, log lines and progress on the pipeline thread, in order; stopped with the pipeline.</summary>
public sealed class PolledOutputTests : IDisposable
{
    private readonly PowerShellHost _host = new(importModule: false, state => state.Commands.Add(
        new SessionStateCmdletEntry("Test-ArgilPolledOutput", typeof(TestArgilPolledOutputCommand), null)));

    [Fact]
    public void ResultsLogLinesAndProgressAreWrittenAsThePollGoes()
    {
        var r = _host.Run("Test-ArgilPolledOutput -Clock $clock -Timeout 10 -Verbose",
            new System.Collections.Generic.Dictionary<string, object?> { ["clock"] = new OneRoundClock() }).ThrowIfTerminated();

        Assert.Equal(new[] { "done a", "done b" }, r.Output.Select(o => o.BaseObject));
        Assert.Equal(new[] { "check 1 of a", "check 1 of b", "check 1 of c", "check 2 of b", "check 2 of c" }, r.Verbose.OrderBy(v => v, StringComparer.Ordinal));
        Assert.Equal("c still running c", Assert.Single(r.Errors).Exception.Message);
        Assert.Equal(new[] { "1 of 3 finished; waiting for b, c; 0 s", "2 of 3 finished; waiting for c; 10 s", "Done" }, r.Progress.Select(p => p.StatusDescription));
        Assert.All(r.Progress, p => Assert.Equal("Testing the poller", p.Activity));
        Assert.Equal(ProgressRecordType.Completed, r.Progress.Last().RecordType);
        Assert.Equal(new[] { 33, 66 }, r.Progress.Take(2).Select(p => p.PercentComplete));
    }

    [Fact]
    public async Task APipelineThatWantsNoMoreStopsThePoll()
    {
        var clock = new OneRoundClock();

        var r = _host.Run("Test-ArgilPolledOutput -Clock $clock | Select-Object -First 2",
            new System.Collections.Generic.Dictionary<string, object?> { ["clock"] = clock }).ThrowIfTerminated();

        Assert.Equal(new[] { "done a", "done b" }, r.Output.Select(o => o.BaseObject));
        // "c" is never done and there is no deadline: only the stop ends the wait the poll is in.
        Assert.Same(clock.WaitCancelled.Task, await Task.WhenAny(clock.WaitCancelled.Task, Task.Delay(TimeSpan.FromSeconds(30))));
    }

    public void Dispose() => _host.Dispose();
}
