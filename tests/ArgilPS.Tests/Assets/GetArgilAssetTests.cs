using System.Linq;
using System.Management.Automation;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Assets;

public class GetArgilAssetTests
{
    private const int Seeded = SandboxAssets.SeededAudio + SandboxAssets.SeededImages + SandboxAssets.SeededVideos;

    [Fact]
    public void ListsReadyAssetsSendingNoStatusAndPagesOf100()
    {
        using var s = new SandboxHost();
        s.UploadAsset("Still processing");
        var assets = s.Run("Get-ArgilAsset").Objects<Asset>().ToList();
        Assert.Equal(Seeded, assets.Count);
        Assert.All(assets, a => Assert.Equal("READY", a.Status));
        Assert.Equal("page=1&pageSize=100", Assert.Single(s.Sandbox.Journal).Query);
    }

    [Fact]
    public void SeveralTypesRepeatTheTypeKeyOnTheWire()
    {
        using var s = new SandboxHost();
        var r = s.Run("Get-ArgilAsset -Type image, VIDEO, IMAGE -Status READY");
        Assert.Equal(SandboxAssets.SeededImages + SandboxAssets.SeededVideos, r.Objects<Asset>().Count());
        Assert.All(r.Objects<Asset>(), a => Assert.Contains(a.Type, new[] { "IMAGE", "VIDEO" }));
        Assert.Equal("type=IMAGE&type=VIDEO&status=READY&page=1&pageSize=100", s.Sandbox.Journal.Last().Query);
    }

    [Fact]
    public void ReadsEveryPageAndStopsAskingOnceFirstIsSatisfied()
    {
        using var s = new SandboxHost();
        for (var i = 1; i <= 250; i++) s.UploadAsset($"Upload {i:D3}");
        Assert.Equal(250, s.Run("Get-ArgilAsset -Status PROCESSING").Objects<Asset>().Count());
        Assert.Equal(new[] { "page=1", "page=2", "page=3" }, s.Sandbox.Journal.Select(j => j.Query.Split('&')[1]));

        s.Sandbox.ClearJournal();
        var first = s.Run("Get-ArgilAsset -Status PROCESSING -First 5").Objects<Asset>().ToList();
        Assert.Equal(new[] { "Upload 250", "Upload 249", "Upload 248", "Upload 247", "Upload 246" }, first.Select(a => a.Name)); // newest first
        Assert.Equal(1, s.RequestCount("GET", "/assets"));

        s.Sandbox.ClearJournal();
        Assert.Equal(150, s.Run("Get-ArgilAsset -Status PROCESSING -First 150").Objects<Asset>().Count());
        Assert.Equal(2, s.RequestCount("GET", "/assets"));

        s.Sandbox.ClearJournal();
        var r = s.Run("Get-ArgilAsset -Status PROCESSING -Skip 245 -IncludeTotalCount | ForEach-Object { if ($_ -is [ArgilPS.Asset]) { $_.Name } else { $_.ToString() } }");
        Assert.Equal(new[] { "Total count: 250", "Upload 005", "Upload 004", "Upload 003", "Upload 002", "Upload 001" }, r.Output.Select(o => o.ToString()));
        Assert.Equal(3, s.RequestCount("GET", "/assets"));
    }

    [Fact]
    public void IncludeTotalCountWritesTheHeadersCountFirst()
    {
        using var s = new SandboxHost();
        var r = s.Run("Get-ArgilAsset -Type AUDIO -IncludeTotalCount -First 2 | ForEach-Object { $_.ToString() }");
        Assert.Equal(new[] { $"Total count: {SandboxAssets.SeededAudio}", SandboxAssets.SeedId(12), SandboxAssets.SeedId(11) }, r.Output.Select(o => o.ToString()));
        Assert.Equal("Unknown total count", s.Run("Get-ArgilAsset -Name '*a*' -IncludeTotalCount -First 1 | ForEach-Object { $_.ToString() }").Output.First().ToString());
    }

    [Fact]
    public void FiltersByNameWithWildcardsAndAnExactNameThatMatchesNothingIsAssetNotFound()
    {
        using var s = new SandboxHost();
        Assert.Equal(new[] { "Calm Piano" }, s.Run("Get-ArgilAsset -Name '*piano*'").Objects<Asset>().Select(a => a.Name));
        Assert.Equal(new[] { "Calm Piano" }, s.Run("Get-ArgilAsset -Name 'calm piano'").Objects<Asset>().Select(a => a.Name));
        var r = s.Run("Get-ArgilAsset -Name 'Nothing like it'");
        var error = Assert.Single(r.Errors);
        Assert.Equal("AssetNotFound,ArgilPS.Commands.GetArgilAssetCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("Nothing like it", error.TargetObject);
        Assert.Contains("-Status", error.ErrorDetails.RecommendedAction);
        Assert.Empty(s.Run("Get-ArgilAsset -Name 'Nothing*'").Errors);
    }

    [Fact]
    public void GetsByIdFromParametersAndThePipelineInAnyStatus()
    {
        using var s = new SandboxHost();
        var upload = s.UploadAsset("Fresh");
        var music = SandboxAssets.SeedId(1);
        Assert.Equal(new[] { "Fresh", "Calm Piano" }, s.Run($"Get-ArgilAsset '{upload}', '{music}'").Objects<Asset>().Select(a => a.Name));
        Assert.Equal("PROCESSING", s.Run($"'{upload}' | Get-ArgilAsset").Objects<Asset>().Single().Status);
        Assert.Equal(new[] { "Fresh", "Calm Piano" },
            s.Run($"[pscustomobject]@{{ AssetId = '{upload}' }}, [pscustomobject]@{{ Id = '{music}' }} | Get-ArgilAsset").Objects<Asset>().Select(a => a.Name));
        Assert.Equal(2, s.Run("Get-ArgilAsset -Type AUDIO -First 2 | Get-ArgilAsset").Objects<Asset>().Count());
        s.Sandbox.ClearJournal();
        Assert.Single(s.Run($"'{upload}', '{music}' | Get-ArgilAsset -First 1").Objects<Asset>());
        Assert.Equal(1, s.RequestCount("GET", "/assets"));
    }

    [Fact]
    public void AMissingIdIsANonTerminatingAssetNotFound()
    {
        using var s = new SandboxHost();
        var r = s.Run($"Get-ArgilAsset -Id 'nope', '{SandboxAssets.SeedId(2)}'");
        Assert.Single(r.Objects<Asset>());
        var error = Assert.Single(r.Errors);
        Assert.Equal("AssetNotFound,ArgilPS.Commands.GetArgilAssetCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("nope", error.TargetObject);
        Assert.Contains("Asset not found", error.ToString());
        Assert.Contains("Get-ArgilAsset", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void AFaultOnTheAssetsRouteIsRetried()
    {
        using var s = new SandboxHost();
        s.Run("Add-ArgilSandboxFault -Kind Status -StatusCode 503 -Method GET -Path /assets -Count 2").ThrowIfTerminated();
        var r = s.Run("Get-ArgilAsset -Type VIDEO");
        Assert.Empty(r.Errors);
        Assert.Equal(SandboxAssets.SeededVideos, r.Objects<Asset>().Count());
        Assert.Equal(new[] { 503, 503, 200 }, s.Sandbox.Journal.Select(j => j.StatusCode));
    }

    [Fact]
    public void TheTableFits80ColumnsWithTheStatusAnd120WithTheDate()
    {
        using var s = new SandboxHost();
        s.Run("$PSStyle.OutputRendering = 'PlainText'").ThrowIfTerminated();
        var narrow = string.Concat(s.Run("Get-ArgilAsset -Type AUDIO -First 3 | Format-Table | Out-String -Width 80").Output.Select(o => o.ToString()));
        var lines = narrow.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        // A header, its underline and three rows: no column squeezed and wrapped one character a line.
        Assert.Equal(5, lines.Count);
        Assert.Matches(@"^Id\s+Name\s+Type\s+Status$", lines[0]);
        Assert.Contains(lines, l => l.Contains(SandboxAssets.SeedId(12)) && l.Contains("Retro Synthwave") && l.Contains("AUDIO") && l.Contains("READY"));
        var wide = string.Concat(s.Run("Get-ArgilAsset -Type AUDIO -First 3 | Format-Table | Out-String -Width 120").Output.Select(o => o.ToString()));
        Assert.Matches(@"(?m)^Id\s+Name\s+Type\s+Status\s+CreatedAt\s*$", wide);
        Assert.All(wide.Split('\n'), l => Assert.True(l.TrimEnd('\r').Length <= 120, l));
    }

    [Fact]
    public void ControlCharactersInNamesAreShownVisiblyInTheViews()
    {
        using var s = new SandboxHost();
        s.UploadAsset("Evil\u001b[2J name", outcome: "READY");
        s.Sandbox.Clock.Advance(System.TimeSpan.FromMinutes(1));
        s.Run("$PSStyle.OutputRendering = 'PlainText'").ThrowIfTerminated();
        var text = string.Concat(s.Run("Get-ArgilAsset -Name 'Evil*' | Format-Table | Out-String -Width 120").Output.Select(o => o.ToString()));
        Assert.DoesNotContain('\u001b', text); // a char: a culture-aware string search ignores control characters
        Assert.Contains("Evil\u241b[2J name", text);
    }
}
