using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using ArgilPS.Tests.Infrastructure;
using ArgilPS.Videos;
using Xunit;

namespace ArgilPS.Tests.Videos;

/// <summary>
/// Get-ArgilVideo reads every page of the videos envelope, writes each page as it arrives, and asks
/// for no page more than -First needs.
/// </summary>
public sealed class GetArgilVideoTests : System.IDisposable
{
    private const int PageSize = VideosApi.ListPageSize;
    private readonly FakeVideoApi _api = new();
    private readonly PowerShellHost _host;

    public GetArgilVideoTests()
    {
        // Two full pages and part of a third.
        for (var i = 1; i <= 2 * PageSize + 20; i++) _api.AddVideo($"Video {i:D3}", avatarId: i % 2 == 0 ? "av-even" : "av-odd");
        _host = _api.Host();
    }

    private ScriptResult Run(string script)
    {
        var r = _host.Run(script).ThrowIfTerminated();
        Assert.Empty(r.Errors);
        return r;
    }

    private string[] Pages() => _api.Sent("GET").Select(r => r.QueryValue("page") + "/" + r.QueryValue("limit")).ToArray();

    [Fact]
    public void EveryPageIsReadInOrder()
    {
        var names = Run("Get-ArgilVideo").Output.Select(o => ((ArgilPS.Video)o.BaseObject).Name).ToList();
        Assert.Equal(Enumerable.Range(1, 2 * PageSize + 20).Select(i => $"Video {i:D3}"), names);
        Assert.Equal(new[] { $"1/{PageSize}", $"2/{PageSize}", $"3/{PageSize}" }, Pages());
    }

    [Fact]
    public void FirstStopsAskingForPagesOnceItHasItsVideos()
    {
        Assert.Equal(3, Run("Get-ArgilVideo -First 3").Output.Count);
        Assert.Equal(new[] { $"1/{PageSize}" }, Pages());
        Assert.Equal(PageSize + 1, Run("Get-ArgilVideo -First " + (PageSize + 1)).Output.Count);
        Assert.Equal(new[] { $"1/{PageSize}", $"1/{PageSize}", $"2/{PageSize}" }, Pages());
    }

    [Fact]
    public void SkipAndFirstCountAcrossPages()
    {
        var names = Run($"Get-ArgilVideo -Skip {PageSize + 5} -First 2").Output.Select(o => ((ArgilPS.Video)o.BaseObject).Name);
        Assert.Equal(new[] { $"Video {PageSize + 6:D3}", $"Video {PageSize + 7:D3}" }, names);
        Assert.Equal(new[] { $"1/{PageSize}", $"2/{PageSize}" }, Pages());
    }

    [Fact]
    public void EachPageIsWrittenAsItArrives()
    {
        // Select-Object -First 1 stops the pipeline at the first video: the first page was written
        // before the second was asked for, so the second is never asked for.
        Assert.Single(Run("Get-ArgilVideo | Select-Object -First 1").Output);
        Assert.Equal(new[] { $"1/{PageSize}" }, Pages());
    }

    [Fact]
    public void IncludeTotalCountIsTheApisTotal()
    {
        var r = Run("Get-ArgilVideo -IncludeTotalCount -First 1 | ForEach-Object { $_.ToString() }");
        Assert.Equal($"Total count: {2 * PageSize + 20}", r.Output[0].ToString());
        Assert.Single(Pages());
    }

    [Fact]
    public void FiltersAreSentAsDocumented()
    {
        Run("Get-ArgilVideo -AvatarId av-even -VoiceId vo-1 -Extras ([ordered]@{ campaign = 'spring'; week = 12 })");
        var request = _api.Sent("GET").First();
        Assert.Equal("av-even", request.QueryValue("avatarId"));
        Assert.Equal("vo-1", request.QueryValue("voiceId"));
        NewArgilVideoBodyTests.AssertJson("""{"campaign":"spring","week":"12"}""", request.QueryValue("extrasFilter")!);
    }

    [Fact]
    public void ExtrasFilterFindsTheVideosWithThoseExtras()
    {
        var id = _api.AddVideo("Tagged", extras: new JsonObject { ["campaign"] = "spring" });
        var video = (ArgilPS.Video)Assert.Single(Run("Get-ArgilVideo -Extras @{ campaign = 'spring' }").Output).BaseObject;
        Assert.Equal(id, video.Id);
        Assert.Equal("spring", video.Extras["campaign"]);
    }

    [Theory]
    [InlineData("Video 12*", "Video 12")]
    [InlineData("*deo 0?5", "deo 0")]
    [InlineData("Vid[e]o 100", "o 100")]
    [InlineData("*", null)]
    [InlineData("Video 007", "Video 007")]
    [InlineData("`[x`] *", "[x] ")]
    public void TheLongestLiteralPartOfTheNameIsTheSearch(string pattern, string? search)
    {
        _host.Run($"Get-ArgilVideo -Name '{pattern}' -ErrorAction SilentlyContinue");
        Assert.Equal(search, _api.Sent("GET").First().QueryValue("nameSearchQuery"));
    }

    [Fact]
    public void TheNamePatternIsAppliedToWhatTheSearchReturns()
    {
        // The search is "Video 1", which finds Video 100 to Video 120; the pattern keeps three of them.
        var names = Run("Get-ArgilVideo -Name 'Video 1?0'").Output.Select(o => ((ArgilPS.Video)o.BaseObject).Name);
        Assert.Equal(new[] { "Video 100", "Video 110", "Video 120" }, names);
    }

    [Fact]
    public void ALiteralNameThatMatchesNothingIsAVideoNotFoundError()
    {
        var r = _host.Run("Get-ArgilVideo -Name 'No such video'");
        var error = Assert.Single(r.Errors);
        Assert.Equal("VideoNotFound,ArgilPS.Commands.GetArgilVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("No such video", error.TargetObject);
        Assert.Empty(_host.Run("Get-ArgilVideo -Name 'No such*'").Errors);
    }

    [Fact]
    public void IdsComeFromTheParameterAndThePipeline()
    {
        var first = _api.AddVideo("By id");
        var r = Run($"'{first}' | Get-ArgilVideo; Get-ArgilVideo -VideoId '{first}' | Get-ArgilVideo");
        Assert.Equal(2, r.Output.Count);
        Assert.All(r.Output, o => Assert.Equal(first, ((ArgilPS.Video)o.BaseObject).Id));
        Assert.Equal(3, _api.Sent("GET", "/videos/").Count());
    }

    [Fact]
    public void AnUnknownIdIsAVideoNotFoundErrorNamingIt()
    {
        var r = _host.Run("Get-ArgilVideo -Id 'missing-1', 'missing-2'");
        Assert.Equal(2, r.Errors.Count);
        Assert.All(r.Errors, e =>
        {
            Assert.Equal("VideoNotFound,ArgilPS.Commands.GetArgilVideoCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        });
        Assert.Equal("missing-1", r.Errors[0].TargetObject);
        Assert.Contains("No video with id 'missing-1'", r.Errors[0].Exception.Message);
        Assert.Contains("Get-ArgilVideo", r.Errors[0].ErrorDetails.RecommendedAction);
    }

    public void Dispose()
    {
        _host.Dispose();
        _api.Dispose();
    }
}
