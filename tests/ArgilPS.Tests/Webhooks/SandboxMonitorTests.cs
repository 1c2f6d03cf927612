using System;
using System.Collections.Generic;
using System.Linq;
using ArgilPS.Sandbox;
using Xunit;

namespace ArgilPS.Tests.Webhooks;

/// <summary>The generic hook resources use to announce the end of a lifecycle: a video-like collection on the Manual clock.</summary>
public sealed class SandboxMonitorTests : IDisposable
{
    private sealed class Thing : SandboxItem
    {
        public Thing(SandboxLifecycle lifecycle) : base(lifecycle) { }
    }

    private static readonly SandboxLifecycle Render = new("IDLE",
        new[] { new SandboxStage("GENERATING_AUDIO", () => TimeSpan.FromMinutes(2)), new SandboxStage("GENERATING_VIDEO", () => TimeSpan.FromMinutes(8)) },
        new[] { "DONE", "FAILED", "GENERATING_VIDEO" });

    private readonly SandboxClock _clock = new(SandboxTimeMode.Manual);
    private readonly SandboxMonitor _monitor;
    private readonly SandboxCollection<Thing> _things;
    private readonly List<(string Id, string Status)> _ended = new();

    public SandboxMonitorTests()
    {
        _monitor = new SandboxMonitor(_clock);
        _things = new SandboxCollection<Thing>(() => _clock.UtcNow);
    }

    public void Dispose() => _monitor.Dispose();

    private void Watch() => _monitor.Watch(_things, (thing, progress) => _ended.Add((thing.Id, progress.Status)));

    [Fact]
    public void AnItemIsAnnouncedOncePerRunWhenTheClockPassesTheEndOfItsLastStage()
    {
        Watch();
        var video = _things.Add(new Thing(Render), start: false);
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(_ended); // never rendered: it waits, and waiting is no end

        _things.Start(video.Id);
        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.Empty(_ended);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(new[] { (video.Id, "DONE") }, _ended);
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Single(_ended);

        _things.Start(video.Id); // a second render is another run
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(2, _ended.Count);
    }

    [Fact]
    public void ItemsThatEndedBeforeTheWatchOrNeverEndAreNotAnnouncedAndAForcedEndIs()
    {
        var old = _things.Add(new Thing(Render));
        _clock.Advance(TimeSpan.FromHours(1));
        Watch();
        Assert.Empty(_ended);
        var forever = _things.Add(new Thing(Render) { Outcome = "GENERATING_VIDEO" });
        _clock.Advance(TimeSpan.FromDays(30));
        Assert.Empty(_ended);

        var failed = _things.Add(new Thing(Render));
        _things.Force(failed.Id, "FAILED"); // a collection change is noticed without a clock move
        Assert.Equal(new[] { (failed.Id, "FAILED") }, _ended);
        Assert.DoesNotContain(_ended, e => e.Id == old.Id || e.Id == forever.Id);
    }

    [Fact]
    public void AnItemThatEndsAsItIsAddedIsAnnouncedAtOnceAndACallbackThatThrowsStopsNothing()
    {
        var instant = new SandboxLifecycle("IDLE", new[] { new SandboxStage("WORKING", () => TimeSpan.Zero) }, new[] { "DONE" });
        _monitor.Watch(_things, (_, _) => throw new InvalidOperationException("a resource's bug"));
        Watch();
        var thing = _things.Add(new Thing(instant));
        Assert.Equal(new[] { (thing.Id, "DONE") }, _ended);
    }

    [Fact]
    public void AStoppedMonitorAnnouncesNothing()
    {
        Watch();
        var video = _things.Add(new Thing(Render));
        _monitor.Dispose();
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(_ended);
        Assert.Equal("DONE", _things.ProgressOf(video).Status);
    }
}
