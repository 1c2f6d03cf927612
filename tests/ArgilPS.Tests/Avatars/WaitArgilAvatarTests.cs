using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Avatars;

public class WaitArgilAvatarTests
{
    [Fact]
    public void NewThenWaitOutputsTheTrainedAvatar()
    {
        using var s = new SandboxHost();
        var started = s.Sandbox.Clock.UtcNow;
        var r = s.Run("New-ArgilAvatar -Name 'Pipe' -ImageUrl 'https://example.com/p.png' | Wait-ArgilAvatar -PollingInterval 10");
        Assert.Empty(r.Errors);
        var avatar = r.Objects<Avatar>().Single();
        Assert.Equal("IDLE", avatar.Status);
        // Training takes 30 s on the sandbox clock: polled at 0, 10, 20 and 30 s.
        Assert.Equal(4, s.RequestCount("GET"));
        Assert.Equal(TimeSpan.FromSeconds(30), s.Sandbox.Clock.UtcNow - started);
    }

    [Fact]
    public void WaitsForEveryPipedAvatarAndReportsFailuresPerAvatar()
    {
        using var s = new SandboxHost();
        var ok1 = s.CreateAvatar("Ok one");
        var failed = s.CreateAvatar("Broken", "TRAINING_FAILED");
        var refused = s.CreateAvatar("Refused", "REFUSED");
        var ok2 = s.CreateAvatar("Ok two");
        var r = s.Run($"'{ok1}','{failed}','{refused}','{ok2}' | Wait-ArgilAvatar -PollingInterval 15 -ErrorAction SilentlyContinue -ErrorVariable bad; $bad.Count");
        Assert.Equal(new[] { "Ok one", "Ok two" }, r.Objects<Avatar>().Select(a => a.Name));
        Assert.Equal(2, r.Output.Last().BaseObject);
        var errors = s.Run($"'{failed}','{refused}' | Wait-ArgilAvatar").Errors;
        Assert.Equal(new[] { "AvatarTrainingFailed,ArgilPS.Commands.WaitArgilAvatarCommand", "AvatarRefused,ArgilPS.Commands.WaitArgilAvatarCommand" },
            errors.Select(e => e.FullyQualifiedErrorId));
        Assert.Equal(new[] { ErrorCategory.InvalidResult, ErrorCategory.PermissionDenied }, errors.Select(e => e.CategoryInfo.Category));
        Assert.Equal(new[] { failed, refused }, errors.Select(e => ((Avatar)e.TargetObject).Id));
    }

    [Fact]
    public void PollsAllPendingAvatarsInOneLoop()
    {
        using var s = new SandboxHost();
        var ids = Enumerable.Range(1, 3).Select(i => s.CreateAvatar("Batch " + i)).ToList();
        s.Run($"'{string.Join("','", ids)}' | Wait-ArgilAvatar -PollingInterval 30").ThrowIfTerminated();
        // One list request before the wait, one after: not three requests a round.
        Assert.Equal(2, s.RequestCount("GET"));
        Assert.Equal(2, s.Sandbox.Journal.Count(r => r.Method == "GET" && r.Path == "/avatars"));
    }

    [Fact]
    public void FiftyAvatarsCostOneRequestARoundAndComeOutInInputOrder()
    {
        using var s = new SandboxHost();
        var ids = Enumerable.Range(1, 50).Select(i => s.CreateAvatar("Many " + i)).ToList();
        var r = s.Run($"'{string.Join("','", ids)}' | Wait-ArgilAvatar -PollingInterval 6");
        Assert.Empty(r.Errors);
        Assert.Equal(ids, r.Objects<Avatar>().Select(a => a.Id));
        // Trained after 30 s, polled every 6 s: rounds at 0, 6, 12, 18, 24 and 30 s, one request each.
        Assert.Equal(6, s.RequestCount("GET"));
    }

    [Fact]
    public void AnAvatarTheListDoesNotShowIsGotOnItsOwnAndAFailedListIsNoFailure()
    {
        using var s = new SandboxHost();
        var mine = Enumerable.Range(1, 2).Select(i => s.CreateAvatar("Mine " + i)).ToList();
        var publicId = s.Run("(Get-ArgilAvatar -Visibility public | Select-Object -First 1).Id").Output.Single().BaseObject.ToString()!;
        s.Sandbox.ClearJournal();
        s.Run("Add-ArgilSandboxFault Status -Method GET -Path /avatars -StatusCode 400 -Count 1").ThrowIfTerminated();
        var r = s.Run($"'{mine[0]}','{publicId}','{mine[1]}' | Wait-ArgilAvatar -PollingInterval 30");
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { mine[0], publicId, mine[1] }.OrderBy(x => x), r.Objects<Avatar>().Select(a => a.Id).OrderBy(x => x));
        // Round 1: the list fails (400), so all three are got one by one; round 2: the list, nothing else.
        var paths = s.Sandbox.Journal.Where(j => j.Method == "GET").Select(j => j.Path == "/avatars" ? "list" : "one").ToList();
        Assert.Equal(new[] { "list", "one", "one", "one", "list" }, paths);
    }

    [Fact]
    public void ObjectsWithAnAvatarIdPropertyBindAndDuplicatesAreWaitedOnOnce()
    {
        using var s = new SandboxHost();
        var id = s.CreateAvatar("Dup");
        var r = s.Run($"[pscustomobject]@{{ AvatarId = '{id}' }}, [pscustomobject]@{{ Id = '{id}' }} | Wait-ArgilAvatar");
        Assert.Single(r.Objects<Avatar>());
    }

    [Fact]
    public void ATimeoutIsAnOperationTimeoutErrorPerPendingAvatar()
    {
        using var s = new SandboxHost();
        var stuck = s.CreateAvatar("Stuck", "TRAINING");
        var done = s.CreateAvatar("Done");
        var started = s.Sandbox.Clock.UtcNow;
        var r = s.Run($"'{stuck}','{done}' | Wait-ArgilAvatar -Timeout 60 -PollingInterval 25");
        Assert.Equal(new[] { "Done" }, r.Objects<Avatar>().Select(a => a.Name));
        var error = Assert.Single(r.Errors);
        Assert.Equal("AvatarWaitTimeout,ArgilPS.Commands.WaitArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Equal(stuck, ((Avatar)error.TargetObject).Id);
        Assert.Contains("-Timeout", error.ErrorDetails.RecommendedAction);
        // The deadline is kept exactly: waits of 25, 25 and then the 10 s left.
        Assert.Equal(TimeSpan.FromSeconds(60), s.Sandbox.Clock.UtcNow - started);
        // One list request for both at 0, 25 and 50 s (Done trains for 30 s), a get of Stuck alone at 60 s, and none after the deadline.
        Assert.Equal(4, s.RequestCount("GET"));
    }

    [Fact]
    public void TimeoutZeroChecksOnceAndStops()
    {
        using var s = new SandboxHost();
        var stuck = s.CreateAvatar("Stuck", "TRAINING");
        var started = s.Sandbox.Clock.UtcNow;
        var r = s.Run($"Wait-ArgilAvatar -Id '{stuck}' -Timeout 0 -PollingInterval 5");
        Assert.Equal("AvatarWaitTimeout,ArgilPS.Commands.WaitArgilAvatarCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
        Assert.Equal(1, s.RequestCount("GET"));
        Assert.Equal(started, s.Sandbox.Clock.UtcNow);
    }

    [Theory]
    [InlineData("4294968")] // one second more than CancelAfter takes on .NET
    [InlineData("([int]::MaxValue)")] // the largest value validation allows
    public void ATimeoutTooLargeForATimerIsNoPracticalLimit(string timeout)
    {
        using var s = new SandboxHost();
        var r = s.Run($"New-ArgilAvatar -Name 'Patient' -ImageUrl 'https://example.com/p.png' | Wait-ArgilAvatar -Timeout {timeout} -PollingInterval 10");
        Assert.Null(r.Terminating);
        Assert.Empty(r.Errors);
        Assert.Equal("IDLE", r.Objects<Avatar>().Single().Status);
        Assert.Equal(4, s.RequestCount("GET"));
    }

    [Fact]
    public void ShowsProgressAndCompletesIt()
    {
        using var s = new SandboxHost();
        var id = s.CreateAvatar("Progress");
        var r = s.Run($"Wait-ArgilAvatar -Id {id} -PollingInterval 10");
        Assert.Contains(r.Progress, p => p.Activity == "Waiting for Argil avatars" && p.StatusDescription.Contains("Progress (TRAINING)"));
        Assert.Equal(ProgressRecordType.Completed, r.Progress.Last().RecordType);
    }

    [Fact]
    public void AMissingAvatarIsAnErrorAndTheOthersAreStillWaitedFor()
    {
        using var s = new SandboxHost();
        var id = s.CreateAvatar("Real");
        var r = s.Run($"'nope','{id}' | Wait-ArgilAvatar");
        Assert.Equal("AvatarNotFound,ArgilPS.Commands.WaitArgilAvatarCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
        Assert.Single(r.Objects<Avatar>());
    }

    [Fact]
    public void ABriefOutageDuringTheWaitIsWaitedThrough()
    {
        using var s = new SandboxHost();
        s.Run("Set-ArgilSandbox -TrainingSeconds 5").ThrowIfTerminated();
        var id = s.CreateAvatar("Flaky");
        s.Sandbox.AddFault(new SandboxFault { Method = "GET", Path = "/avatars/*", StatusCode = 503, Count = 6 });
        var r = s.Run($"Wait-ArgilAvatar -Id {id} -PollingInterval 5");
        // The first poll fails after its 4 retries (5 requests), the next poll's first request
        // gets the sixth 503 and its retry succeeds.
        Assert.Empty(r.Errors);
        Assert.Equal("IDLE", r.Objects<Avatar>().Single().Status);
        Assert.Contains(r.Warnings, w => w.Contains("checked again at the next poll"));
        Assert.Equal(6, s.Sandbox.Journal.Count(j => j.StatusCode == 503));
    }

    [Fact]
    public async Task CtrlCStopsAWaitAtOnce()
    {
        using var s = new SandboxHost(timeMode: "Realtime");
        var id = s.CreateAvatar("Slow");
        var firstPoll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Sandbox.RequestHandled += r => { if (r.Method == "GET") firstPoll.TrySetResult(); };
        using var run = s.Host.Start($"Wait-ArgilAvatar -Id {id} -PollingInterval 3600");
        await firstPoll.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Stop must not have to sit out the hour-long polling interval (it fails the test past TimeLimit.ForStop).
        await Task.Run(run.Stop);
        Assert.Throws<PipelineStoppedException>(() => run.End());
    }
}

public class StopTests
{
    private static async Task StopsPromptly(SandboxHost s, string script, Func<TaskCompletionSource, Action<SandboxRequest>> hook, bool onReceive)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (onReceive) s.Sandbox.RequestReceived += hook(reached);
        else s.Sandbox.RequestHandled += hook(reached);
        using var run = s.Host.Start(script);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Run(run.Stop);
        Assert.Throws<PipelineStoppedException>(() => run.End());
    }

    [Fact]
    public async Task CtrlCStopsARequestInFlight()
    {
        using var s = new SandboxHost(timeMode: "Realtime");
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Delay, Method = "GET", Path = "/avatars", Delay = TimeSpan.FromSeconds(60) });
        await StopsPromptly(s, "Get-ArgilAvatar", tcs => r => tcs.TrySetResult(), onReceive: true);
    }

    [Fact]
    public async Task CtrlCStopsARetryBackoff()
    {
        using var s = new SandboxHost(timeMode: "Realtime");
        s.Sandbox.AddFault(new SandboxFault { Method = "GET", Path = "/avatars", StatusCode = 503, RetryAfter = "100" });
        await StopsPromptly(s, "Get-ArgilAvatar", tcs => r => { if (r.StatusCode == 503) tcs.TrySetResult(); }, onReceive: false);
        Assert.Single(s.Sandbox.Journal); // stopped in the 100 s back-off, before the retry
    }
}

public class ConcurrentPollTests
{
    [Fact]
    public async Task APollRoundChecksSeveralAvatarsAtOnce()
    {
        using var s = new SandboxHost(timeMode: "Realtime");
        var ids = Enumerable.Range(1, 6).Select(i => s.CreateAvatar("Batch " + i)).ToList();
        // The list that shows them all at once fails, so the round checks each avatar on its own.
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Status, Method = "GET", Path = "/avatars", StatusCode = 400 });
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Delay, Method = "GET", Path = "/avatars/*", Delay = TimeSpan.FromSeconds(60), Count = 6 });
        var arrived = 0;
        var fourInFlight = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Sandbox.RequestReceived += r => { if (r.Path.StartsWith("/avatars/", StringComparison.Ordinal) && Interlocked.Increment(ref arrived) == 4) fourInFlight.TrySetResult(s.Sandbox.Journal.Count); };
        using var run = s.Host.Start($"'{string.Join("','", ids)}' | Wait-ArgilAvatar");
        // Four requests arrived while none of them had been answered (the journal holds only the failed list): they are in flight together.
        Assert.Equal(1, await fourInFlight.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await Task.Run(run.Stop);
        Assert.Throws<PipelineStoppedException>(() => run.End());
    }
}
