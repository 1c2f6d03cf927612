using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Paging;
using Xunit;

namespace ArgilPS.Tests.Core.Paging;

/// <summary>The one paging abstraction, against each of the API's styles (argil-api.md §1).</summary>
public sealed class PagerTests
{
    private static readonly IReadOnlyList<string> Five = Enumerable.Range(1, 5).Select(i => "item-" + i).ToList();

    [Fact]
    public async Task VideosStyleAsksForPageAndLimitAndStopsAtTheLastPage()
    {
        var api = new FakeListEndpoint(n => (FakeListEndpoint.Envelope("videos", n, 2, 5), null));
        var all = await api.Pager(PagingStyle.BodyEnvelope("videos", "limit", 2)).ReadAllAsync(NullRequestLog.Instance, default);

        Assert.Equal(Five, all);
        Assert.Equal(new[] { "page=1&limit=2", "page=2&limit=2", "page=3&limit=2" }, api.Queries);
    }

    [Fact]
    public async Task SubtitlesStyleReadsItemsAndAsksWithPageSize()
    {
        var api = new FakeListEndpoint(n => (FakeListEndpoint.Envelope("items", n, 3, 5), null));
        var cursor = api.Pager(PagingStyle.BodyEnvelope("items", "pageSize", 3)).Open();

        var first = await cursor.NextAsync(NullRequestLog.Instance, default);
        Assert.Equal(new[] { "item-1", "item-2", "item-3" }, first!.Items);
        Assert.Equal(5, first.TotalCount);
        Assert.True(first.HasNext);
        var second = await cursor.NextAsync(NullRequestLog.Instance, default);
        Assert.Equal(new[] { "item-4", "item-5" }, second!.Items);
        Assert.False(second.HasNext);
        Assert.Null(await cursor.NextAsync(NullRequestLog.Instance, default));

        Assert.Equal(new[] { "page=1&pageSize=3", "page=2&pageSize=3" }, api.Queries); // no request after the last page
    }

    [Fact]
    public async Task AssetsStyleReadsABareArrayAndTheCountsFromTheHeaders()
    {
        var api = new FakeListEndpoint(n => (FakeListEndpoint.Slice(n, 2, 5), FakeListEndpoint.PageHeaders(n, 2, 5)));
        var pager = api.Pager(PagingStyle.HeaderPaged("pageSize", 2), "assets");

        var first = await pager.GetPageAsync(1, NullRequestLog.Instance, default);
        Assert.Equal(5, first.TotalCount);
        Assert.True(first.HasNext);
        Assert.Equal(Five, await pager.ReadAllAsync(NullRequestLog.Instance, default));
        Assert.Equal(new[] { "page=1&pageSize=2", "page=1&pageSize=2", "page=2&pageSize=2", "page=3&pageSize=2" }, api.Queries);
    }

    [Fact]
    public async Task AServerThatIgnoresThePageNumberEndsTheListWithAWarningInsteadOfRepeatingIt()
    {
        // Always page 1, always full, no counts: every page looks like there is more.
        var api = new FakeListEndpoint(_ => (FakeListEndpoint.Slice(1, 2, 5), null));
        var log = new RecordingLog();
        var cursor = api.Pager(PagingStyle.HeaderPaged("pageSize", 2), "assets").Open();
        var all = new List<string>();
        for (var i = 0; i < 5 && await cursor.NextAsync(log, default) is { } page; i++) all.AddRange(page.Items); // bounded, should the guard fail

        Assert.Equal(new[] { "item-1", "item-2" }, all);
        Assert.Equal(2, api.Requests);
        Assert.Contains(log.Warnings, w => w.Contains("seems to ignore paging", System.StringComparison.Ordinal));
    }

    private sealed class RecordingLog : IRequestLog
    {
        public List<string> Warnings { get; } = new();
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) => Warnings.Add(message);
    }

    [Fact]
    public async Task WithoutCountsAShortPageIsTheLast()
    {
        // Headers missing (a proxy dropped them): the page that is not full ends the list.
        var api = new FakeListEndpoint(n => (FakeListEndpoint.Slice(n, 2, 5), null));
        var pager = api.Pager(PagingStyle.HeaderPaged("pageSize", 2), "assets");

        Assert.Equal(Five, await pager.ReadAllAsync(NullRequestLog.Instance, default));
        Assert.Null((await pager.GetPageAsync(1, NullRequestLog.Instance, default)).TotalCount);
        Assert.Equal(4, api.Requests);
    }

    [Fact]
    public async Task AConsumerThatStopsCausesNoFurtherRequest()
    {
        var api = new FakeListEndpoint(n => (FakeListEndpoint.Envelope("videos", n, 2, 100), null));
        var cursor = api.Pager(PagingStyle.BodyEnvelope("videos", "limit", 2)).Open();

        var page = await cursor.NextAsync(NullRequestLog.Instance, default);

        Assert.True(page!.HasNext);
        Assert.Equal(1, api.Requests); // the other 49 pages are asked for only when wanted
    }

    [Theory]
    [InlineData("videos")]
    [InlineData("items")]
    [InlineData("headers")]
    public async Task AnEmptyListIsOneRequestAndNoItems(string style)
    {
        var api = new FakeListEndpoint(n => style == "headers"
            ? ("[]", FakeListEndpoint.PageHeaders(n, 10, 0))
            : (FakeListEndpoint.Envelope(style, n, 10, 0), null));
        var pager = api.Pager(style == "headers" ? PagingStyle.HeaderPaged("pageSize", 10) : PagingStyle.BodyEnvelope(style, "limit", 10));

        var page = await pager.GetPageAsync(1, NullRequestLog.Instance, default);

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
        Assert.False(page.HasNext);
        Assert.Empty(await pager.ReadAllAsync(NullRequestLog.Instance, default));
        Assert.Equal(2, api.Requests);
    }

    [Fact]
    public async Task AnUnpagedListIsOneRequestWithoutPageParametersAndItsCountIsTheTotal()
    {
        var api = new FakeListEndpoint(_ => (FakeListEndpoint.Slice(1, 5, 5), null));
        var cursor = api.Pager(PagingStyle.Unpaged).Open();

        var page = await cursor.NextAsync(NullRequestLog.Instance, default);

        Assert.Equal(Five, page!.Items);
        Assert.Equal(5, page.TotalCount);
        Assert.Null(await cursor.NextAsync(NullRequestLog.Instance, default));
        Assert.Equal(new[] { "" }, api.Queries);
    }

    [Theory]
    [InlineData("videos", "[\"item-1\"]")]                  // a bare array where an envelope is documented
    [InlineData("videos", "{\"items\":[\"item-1\"]}")]      // the other envelope
    [InlineData("videos", "{\"videos\":{\"a\":1}}")]        // items not a list
    [InlineData("videos", "{\"videos\":[1,2]}")]            // items not of the item type
    [InlineData("items", "null")]
    [InlineData("headers", "{\"items\":[]}")]               // an envelope where a bare array is documented
    [InlineData("unpaged", "{\"avatars\":[]}")]
    [InlineData("unpaged", "<html>busy</html>")]
    public async Task APageOfTheWrongShapeIsAnUnexpectedResponse(string style, string body)
    {
        var api = new FakeListEndpoint(_ => (body, null));
        var pager = api.Pager(style switch
        {
            "headers" => PagingStyle.HeaderPaged("pageSize", 10),
            "unpaged" => PagingStyle.Unpaged,
            _ => PagingStyle.BodyEnvelope(style, "limit", 10),
        });

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => pager.GetPageAsync(1, NullRequestLog.Instance, default));

        Assert.Equal(ApiFailureKind.UnexpectedResponse, e.Kind);
        Assert.Contains("/things", e.Message);
    }

    [Fact]
    public async Task AnEmptyPageEndsTheListWhateverTheCountsSay()
    {
        // A server whose totals overstate the list: the empty page ends it instead of looping on.
        var api = new FakeListEndpoint(n => ($"{{\"videos\":{FakeListEndpoint.Slice(n, 2, 3)},\"totalPages\":1000}}", null));

        var all = await api.Pager(PagingStyle.BodyEnvelope("videos", "limit", 2)).ReadAllAsync(NullRequestLog.Instance, default);

        Assert.Equal(new[] { "item-1", "item-2", "item-3" }, all);
        Assert.Equal(3, api.Requests);
    }

    [Fact]
    public async Task TheHeaderStyleWorksOverTheRealHttpPath()
    {
        // The production handler, over a socket: the X-* headers reach the page reader.
        using var server = new LoopbackServer(x =>
        {
            var number = int.Parse(System.Text.RegularExpressions.Regex.Match(x.RequestLine, "[?&]page=(\\d+)").Groups[1].Value);
            var headers = string.Concat(FakeListEndpoint.PageHeaders(number, 2, 3).Select(h => $"{h.Key}: {h.Value}\r\n"));
            return x.AnswerAsync(200, FakeListEndpoint.Slice(number, 2, 3), extraHeaders: headers);
        });
        var settings = new ArgilClientSettings(server.BaseUri, new ApiKey("paging-test-key-0123456789"), 30, 0, 1);
        var http = new ArgilHttpClient(settings, new ArgilPS.Sandbox.SandboxClock(ArgilPS.Sandbox.SandboxTimeMode.Manual));
        var pager = new Pager<string>(http, () => new ApiRequest("Asset", System.Net.Http.HttpMethod.Get, "assets"), PagingStyle.HeaderPaged("pageSize", 2),
            (json, _) => System.Text.Json.JsonSerializer.Deserialize<List<string>>(json));

        var first = await pager.GetPageAsync(1, NullRequestLog.Instance, default);
        var all = await pager.ReadAllAsync(NullRequestLog.Instance, default);

        Assert.Equal(3, first.TotalCount);
        Assert.Equal(new[] { "item-1", "item-2", "item-3" }, all);
        Assert.Equal(new[] { "GET /v1/assets?page=1&pageSize=2 HTTP/1.1", "GET /v1/assets?page=1&pageSize=2 HTTP/1.1", "GET /v1/assets?page=2&pageSize=2 HTTP/1.1" }, server.RequestLines);
    }

    [Fact]
    public void AWindowSkipsThenTakesAcrossPages()
    {
        var window = new PageWindow(skip: 3, first: 3);

        Assert.Empty(window.Take(new[] { 1, 2 }));
        Assert.False(window.Satisfied);
        Assert.Equal(new[] { 4 }, window.Take(new[] { 3, 4 }));
        Assert.Equal(new[] { 5, 6 }, window.Take(new[] { 5, 6, 7, 8 }));
        Assert.True(window.Satisfied);
        Assert.Empty(window.Take(new[] { 9 }));
        Assert.True(new PageWindow(first: 0).Satisfied);
    }
}
