using System;
using System.Collections.Generic;
using System.Linq;
using ArgilPS.Sandbox;
using Xunit;

namespace ArgilPS.Tests.Sandbox;

/// <summary>The stored collection and its clock-driven lifecycle, on the Manual clock.</summary>
public class SandboxCollectionTests
{
    private sealed class Thing : SandboxItem
    {
        public Thing(SandboxLifecycle lifecycle) : base(lifecycle) { }
    }

    private readonly SandboxClock _clock = new(SandboxTimeMode.Manual);

    private static readonly SandboxLifecycle Video = new("IDLE",
        new[] { new SandboxStage("GENERATING_AUDIO", () => TimeSpan.FromMinutes(2)), new SandboxStage("GENERATING_VIDEO", () => TimeSpan.FromMinutes(8)) },
        new[] { "DONE", "FAILED", "CONTENT_MODERATED" });

    private (string, DateTime) Now(SandboxCollection<Thing> things, Thing t)
    {
        var p = things.ProgressOf(t);
        return (p.Status, p.Since);
    }

    [Fact]
    public void AVideoWaitsUntilStartedThenMovesThroughItsStagesToItsOutcome()
    {
        var things = new SandboxCollection<Thing>(() => _clock.UtcNow);
        var t0 = _clock.UtcNow;
        var video = things.Add(new Thing(Video), start: false);
        Assert.Equal(t0, video.CreatedAt);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(("IDLE", t0), Now(things, video)); // not rendered: idle for ever

        var rendered = _clock.UtcNow;
        Assert.True(things.Start(video.Id));
        Assert.Equal(("GENERATING_AUDIO", rendered), Now(things, video));
        _clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1));
        Assert.Equal(("GENERATING_AUDIO", rendered), Now(things, video));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(("GENERATING_VIDEO", rendered + TimeSpan.FromMinutes(2)), Now(things, video));
        _clock.Advance(TimeSpan.FromMinutes(8));
        Assert.Equal(("DONE", rendered + TimeSpan.FromMinutes(10)), Now(things, video));
        _clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(("DONE", rendered + TimeSpan.FromMinutes(10)), Now(things, video));
        Assert.False(things.Start("no-such-id"));
    }

    [Theory]
    [InlineData(null, "DONE")]
    [InlineData("FAILED", "FAILED")]
    [InlineData("CONTENT_MODERATED", "CONTENT_MODERATED")]
    public void TheSandboxOutcomeExtraChoosesTheEnd(string? wanted, string end)
    {
        var extras = new Dictionary<string, string>();
        if (wanted is not null) extras[SandboxLifecycle.OutcomeExtra] = wanted;
        Assert.Null(Video.ChooseOutcome(extras, out var outcome));
        var things = new SandboxCollection<Thing>(() => _clock.UtcNow);
        var video = things.Add(new Thing(Video) { Outcome = outcome });
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(end, things.ProgressOf(video).Status);
    }

    [Fact]
    public void AnUnknownOutcomeIsRefusedNamingTheKnownOnes()
    {
        var problem = Video.ChooseOutcome(new Dictionary<string, string> { ["sandbox-outcome"] = "EXPLODE" }, out var outcome);
        Assert.Equal("the sandbox knows the sandbox-outcome values DONE, FAILED, CONTENT_MODERATED", problem);
        Assert.Equal("DONE", outcome);
    }

    [Fact]
    public void AnAssetIsProcessingFromItsCreationAndDurationsAreReadWhenAsked()
    {
        var processing = TimeSpan.FromSeconds(20);
        var asset = new SandboxLifecycle("PROCESSING", new[] { new SandboxStage("PROCESSING", () => processing) }, new[] { "READY", "FAILED" });
        var things = new SandboxCollection<Thing>(() => _clock.UtcNow);
        var t0 = _clock.UtcNow;
        var item = things.Add(new Thing(asset));
        Assert.Equal(("PROCESSING", t0), Now(things, item)); // the stage's status is its waiting status: updatedAt stays the creation

        processing = TimeSpan.FromSeconds(5); // a change of the sandbox's options applies to stored items
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(("READY", t0 + TimeSpan.FromSeconds(5)), Now(things, item));
    }

    [Fact]
    public void AnOutcomeEqualToTheLastStageNeverMovesOn()
    {
        var avatar = new SandboxLifecycle("TRAINING", new[] { new SandboxStage("TRAINING", () => TimeSpan.FromSeconds(30)) }, new[] { "IDLE", "TRAINING" });
        var things = new SandboxCollection<Thing>(() => _clock.UtcNow);
        var t0 = _clock.UtcNow;
        var stuck = things.Add(new Thing(avatar) { Outcome = "TRAINING" });
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(("TRAINING", t0), Now(things, stuck));
    }

    [Fact]
    public void AForcedStatusHoldsUntilClearedOrRestarted()
    {
        var things = new SandboxCollection<Thing>(() => _clock.UtcNow);
        var video = things.Add(new Thing(Video));
        _clock.Advance(TimeSpan.FromSeconds(7));
        var forcedAt = _clock.UtcNow;
        Assert.True(things.Force(video.Id, "SOMETHING_NEW"));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(("SOMETHING_NEW", forcedAt), Now(things, video));
        Assert.True(things.Force(video.Id, null));
        Assert.Equal("DONE", things.ProgressOf(video).Status);
        Assert.True(things.Force(video.Id, "FAILED"));
        Assert.True(things.Start(video.Id)); // a new render
        Assert.Equal("GENERATING_AUDIO", things.ProgressOf(video).Status);
        Assert.False(things.Force("no-such-id", "IDLE"));
    }

    [Fact]
    public void ItemsAreKeptInOrderWithUniqueIdsAndSelectedWithTheirProgress()
    {
        var things = new SandboxCollection<Thing>(() => _clock.UtcNow);
        var first = things.Add(new Thing(Video) { Id = "a" }, start: false);
        var second = things.Add(new Thing(Video) { Id = "b" });
        Assert.Throws<InvalidOperationException>(() => things.Add(new Thing(Video) { Id = "a" }));
        Assert.Same(second, things.Find("b"));
        Assert.Null(things.Find("c"));
        Assert.Equal(new[] { "a", "b" }, things.Select((_, _) => true).Select(p => p.Item.Id));
        Assert.Equal("b", things.Select((_, p) => p.Status == "GENERATING_AUDIO").Single().Item.Id);
        Assert.NotEqual(new Thing(Video).Id, new Thing(Video).Id);
        Assert.Equal("a", first.Id);
    }
}
