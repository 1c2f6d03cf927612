using System;
using System.Collections.Generic;
using System.Linq;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Assets;

/// <summary>How Wait-ArgilAsset observes a round: one GET /assets?status=PROCESSING, and a get of each asset that left it.</summary>
public class WaitArgilAssetListTests
{
    private static bool IsList(SandboxRequest r) => r.Method == "GET" && r.Path == "/assets";
    private static bool IsGet(SandboxRequest r) => r.Method == "GET" && r.Path.StartsWith("/assets/", StringComparison.Ordinal);

    /// <summary>The GET requests of the journal as "list" (with its query) and "one".</summary>
    private static List<string> Requests(SandboxHost s) =>
        s.Sandbox.Journal.Where(r => r.Method == "GET").Select(r => IsList(r) ? "list" : "one").ToList();

    [Fact]
    public void TwentyPendingAssetsCostOneListARoundPlusOneGetPerAssetThatFinishes()
    {
        using var s = new SandboxHost();
        // Four uploads every 2 s: the last four finish 10 s after the first wait round, the first four 2 s after it.
        var ids = new List<string>();
        for (var group = 0; group < 5; group++)
        {
            if (group > 0) s.Sandbox.Clock.Advance(TimeSpan.FromSeconds(2));
            ids.AddRange(Enumerable.Range(1, 4).Select(i => s.UploadAsset($"Asset {group}.{i}")));
        }
        s.Sandbox.ClearJournal();

        var r = s.Run($"'{string.Join("','", ids)}' | Wait-ArgilAsset -PollingInterval 1");

        Assert.Empty(r.Errors);
        Assert.Equal(ids.OrderBy(x => x), r.Objects<Asset>().Select(a => a.Id).OrderBy(x => x));
        Assert.All(r.Objects<Asset>(), a => Assert.Equal("READY", a.Status));
        // Rounds at 0, 1, ... 10 s: eleven rounds, each one list request; each asset is got once, when
        // it has left PROCESSING. One get per asset per round would have been 4*11+4*9+4*7+4*5+4*3 = 140.
        var rounds = 11;
        Assert.Equal(rounds, s.Sandbox.Journal.Count(IsList));
        Assert.Equal(ids.Count, s.Sandbox.Journal.Count(IsGet));
        Assert.True(s.Sandbox.Journal.Count(r => r.Method == "GET") <= rounds + ids.Count);
        Assert.All(s.Sandbox.Journal.Where(IsList), l => Assert.Contains("status=PROCESSING", l.Query));
        Assert.All(ids, id => Assert.Equal(1, s.Sandbox.Journal.Count(j => j.Path == "/assets/" + id)));
    }

    [Fact]
    public void AFailedListFallsBackToOneGetPerAssetForThatRound()
    {
        using var s = new SandboxHost();
        var ids = Enumerable.Range(1, 3).Select(i => s.UploadAsset("Fallback " + i)).ToList();
        s.Sandbox.ClearJournal();
        s.Run("Add-ArgilSandboxFault Status -Method GET -Path /assets -StatusCode 400 -Count 1").ThrowIfTerminated();

        var r = s.Run($"'{string.Join("','", ids)}' | Wait-ArgilAsset -PollingInterval 5");

        Assert.Empty(r.Errors);
        Assert.Equal(ids, r.Objects<Asset>().Select(a => a.Id));
        // At 0 s the list fails (400): all three are got; at 5 s the list shows all three still
        // processing; at 10 s it shows none, so the three that left it are got.
        Assert.Equal(new[] { "list", "one", "one", "one", "list", "list", "one", "one", "one" }, Requests(s));
    }

    [Fact]
    public void AnAssetTheListNeverShowsIsGotOnItsOwnEveryRound()
    {
        using var s = new SandboxHost();
        // Two assets processing for ever, then a hundred newer ones: the first page (100, newest
        // first) never shows the two, and two pending ids are worth one page a round.
        var hidden = Enumerable.Range(1, 2).Select(i => s.UploadAsset("Hidden " + i, outcome: "PROCESSING")).ToList();
        for (var i = 0; i < 100; i++) s.UploadAsset("Newer " + i, outcome: "PROCESSING");
        s.Sandbox.ClearJournal();

        var r = s.Run($"'{string.Join("','", hidden)}' | Wait-ArgilAsset -Timeout 10 -PollingInterval 5");

        Assert.Equal(new[] { "AssetWaitTimeout,ArgilPS.Commands.WaitArgilAssetCommand", "AssetWaitTimeout,ArgilPS.Commands.WaitArgilAssetCommand" },
            r.Errors.Select(e => e.FullyQualifiedErrorId));
        // Rounds at 0, 5 and 10 s: one page of the list, then each hidden asset on its own.
        Assert.Equal(new[] { "list", "one", "one", "list", "one", "one", "list", "one", "one" }, Requests(s));
        Assert.All(s.Sandbox.Journal.Where(IsList), l => Assert.Contains("page=1", l.Query));
    }

    [Fact]
    public void PagesAreReadUntilEveryPendingAssetIsSeen()
    {
        using var s = new SandboxHost();
        var ids = Enumerable.Range(1, 20).Select(i => s.UploadAsset("Deep " + i)).ToList();
        for (var i = 0; i < 100; i++) s.UploadAsset("Newer " + i, outcome: "PROCESSING");
        s.Sandbox.ClearJournal();

        var r = s.Run($"'{string.Join("','", ids)}' | Wait-ArgilAsset -PollingInterval 5");

        Assert.Empty(r.Errors);
        Assert.Equal(20, r.Objects<Asset>().Count());
        // At 0 and 5 s: page 1 (the hundred newer ones) and page 2 (the twenty); at 10 s the twenty
        // have left PROCESSING, the list is one page long, and each is got once.
        var lists = s.Sandbox.Journal.Where(IsList).Select(l => l.Query.Contains("page=2") ? 2 : 1).ToList();
        Assert.Equal(new[] { 1, 2, 1, 2, 1 }, lists);
        Assert.Equal(20, s.Sandbox.Journal.Count(IsGet));
    }
}
