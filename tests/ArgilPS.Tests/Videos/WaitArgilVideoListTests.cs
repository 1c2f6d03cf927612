using System;
using System.Collections.Generic;
using System.Linq;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Videos;

/// <summary>How Wait-ArgilVideo observes a round: the first pages of GET /videos, and a get of each video they did not show.</summary>
public sealed class WaitArgilVideoListTests : IDisposable
{
    private readonly SandboxHost _s = new();

    public void Dispose() => _s.Dispose();

    private static bool IsList(SandboxRequest r) => r.Method == "GET" && r.Path == "/videos";
    private static bool IsGet(SandboxRequest r) => r.Method == "GET" && r.Path.StartsWith("/videos/", StringComparison.Ordinal);

    private List<string> Requests() => _s.Sandbox.Journal.Where(r => r.Method == "GET").Select(r => IsList(r) ? "list" : "one").ToList();

    [Fact]
    public void TwentyRenderingVideosCostOneListARound()
    {
        // Four renders started every minute: the first four end a minute into the wait, the last four five minutes in.
        var ids = new List<string>();
        for (var group = 0; group < 5; group++)
        {
            if (group > 0) _s.Sandbox.Clock.Advance(TimeSpan.FromMinutes(1));
            var batch = Enumerable.Range(1, 4).Select(i => _s.CreateVideo($"Video {group}.{i}")).ToList();
            batch.ForEach(_s.Render);
            ids.AddRange(batch);
        }
        _s.Sandbox.ClearJournal();

        var r = _s.Run($"'{string.Join("','", ids)}' | Wait-ArgilVideo -PollingInterval 60");

        Assert.Empty(r.Errors);
        Assert.Equal(ids.OrderBy(x => x), r.Objects<Video>().Select(v => v.Id).OrderBy(x => x));
        Assert.All(r.Objects<Video>(), v => Assert.Equal("DONE", v.Status));
        // Rounds at 0, 1, ... 5 minutes, each one list request that shows every pending video (DONE
        // ones too: the list has no status filter), so no video is got on its own. One get per
        // video per round would have been 4*2+4*3+4*4+4*5+4*6 = 80.
        var rounds = 6;
        Assert.Equal(rounds, _s.Sandbox.Journal.Count(IsList));
        Assert.Equal(0, _s.Sandbox.Journal.Count(IsGet));
        Assert.True(_s.Sandbox.Journal.Count(j => j.Method == "GET") <= rounds + ids.Count);
        Assert.All(_s.Sandbox.Journal.Where(IsList), l => Assert.Contains("limit=100", l.Query));
    }

    [Fact]
    public void AFailedListFallsBackToOneGetPerVideoForThatRound()
    {
        var ids = Enumerable.Range(1, 3).Select(i => _s.CreateVideo("Fallback " + i)).ToList();
        ids.ForEach(_s.Render);
        _s.Sandbox.ClearJournal();
        _s.Run("Add-ArgilSandboxFault Status -Method GET -Path /videos -StatusCode 400 -Count 1").ThrowIfTerminated();

        var r = _s.Run($"'{string.Join("','", ids)}' | Wait-ArgilVideo -PollingInterval 60");

        Assert.Empty(r.Errors);
        Assert.Equal(ids, r.Objects<Video>().Select(v => v.Id));
        // At 0 s the list fails (400): the three are got one by one; the five rounds after, the list alone.
        Assert.Equal(new[] { "list", "one", "one", "one", "list", "list", "list", "list", "list" }, Requests());
    }

    [Fact]
    public void AVideoTheListNeverShowsIsGotOnItsOwnEveryRound()
    {
        // Two renders that never end, then a hundred newer videos: the first page (100, newest
        // first) never shows the two, and two pending ids are worth one page a round.
        var hidden = Enumerable.Range(1, 2).Select(i => _s.CreateVideo("Hidden " + i, "GENERATING_VIDEO")).ToList();
        hidden.ForEach(_s.Render);
        for (var i = 0; i < 100; i++) _s.CreateVideo("Newer " + i);
        _s.Sandbox.ClearJournal();

        var r = _s.Run($"'{string.Join("','", hidden)}' | Wait-ArgilVideo -Timeout 120 -PollingInterval 60");

        Assert.Equal(new[] { "VideoWaitTimeout,ArgilPS.Commands.WaitArgilVideoCommand", "VideoWaitTimeout,ArgilPS.Commands.WaitArgilVideoCommand" },
            r.Errors.Select(e => e.FullyQualifiedErrorId));
        // Rounds at 0, 60 and 120 s: one page of the list, then each hidden video on its own.
        Assert.Equal(new[] { "list", "one", "one", "list", "one", "one", "list", "one", "one" }, Requests());
    }

    [Fact]
    public void PagesAreReadUntilEveryPendingVideoIsSeen()
    {
        var ids = Enumerable.Range(1, 20).Select(i => _s.CreateVideo("Deep " + i)).ToList();
        ids.ForEach(_s.Render);
        for (var i = 0; i < 100; i++) _s.CreateVideo("Newer " + i);
        _s.Sandbox.ClearJournal();

        var r = _s.Run($"'{string.Join("','", ids)}' | Wait-ArgilVideo -PollingInterval 60");

        Assert.Empty(r.Errors);
        Assert.Equal(20, r.Objects<Video>().Count());
        // Six rounds (0 to 5 minutes), each page 1 (the hundred newer videos) and page 2 (the twenty); no gets.
        var lists = _s.Sandbox.Journal.Where(IsList).Select(l => l.Query.Contains("page=2") ? 2 : 1).ToList();
        Assert.Equal(Enumerable.Repeat(new[] { 1, 2 }, 6).SelectMany(x => x), lists);
        Assert.Equal(0, _s.Sandbox.Journal.Count(IsGet));
    }
}
