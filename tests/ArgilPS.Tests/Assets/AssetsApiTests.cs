using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ArgilPS.Assets;
using ArgilPS.Core;
using ArgilPS.Tests.Core.Paging;
using Xunit;

namespace ArgilPS.Tests.Assets;

/// <summary>GET /assets through the one pager, against a fake endpoint that answers each page as a test says (argil-api.md §6.2).</summary>
public sealed class AssetsApiTests
{
    /// <summary>Assets asset-1… of a list of <paramref name="total"/>, page <paramref name="number"/> of size <paramref name="size"/>, as the API's bare array.</summary>
    private static string Page(int number, int size, int total) => JsonSerializer.Serialize(
        Enumerable.Range((number - 1) * size + 1, Math.Max(0, Math.Min(size, total - (number - 1) * size)))
            .Select(i => new { id = "asset-" + i, name = "Asset " + i, type = "IMAGE", status = "READY", fileUrl = (string?)null, createdAt = "2026-01-02T03:04:05Z" }));

    private static AssetsApi Api(FakeListEndpoint endpoint) => new(endpoint.Client());

    private static async Task<List<Asset>> All(AssetsApi api, AssetListFilter? filter = null) =>
        (await api.ListAssetsAsync(filter ?? new AssetListFilter(), NullRequestLog.Instance, default)).ToList();

    [Fact]
    public async Task ReadsEveryPageAsTheHeadersSayAskingForPagesOf100()
    {
        var endpoint = new FakeListEndpoint(n => (Page(n, 100, 250), FakeListEndpoint.PageHeaders(n, 100, 250)));
        var assets = await All(Api(endpoint));

        Assert.Equal(Enumerable.Range(1, 250).Select(i => "asset-" + i), assets.Select(a => a.Id));
        Assert.Equal(new[] { "page=1&pageSize=100", "page=2&pageSize=100", "page=3&pageSize=100" }, endpoint.Queries);
    }

    [Fact]
    public async Task TheHeadersDecideWhereTheListEndsEvenAfterAFullPage()
    {
        // 200 assets: the second page is full, and X-Total-Pages says it is the last.
        var endpoint = new FakeListEndpoint(n => (Page(n, 100, 200), FakeListEndpoint.PageHeaders(n, 100, 200)));
        Assert.Equal(200, (await All(Api(endpoint))).Count);
        Assert.Equal(2, endpoint.Requests);
    }

    [Fact]
    public async Task WithoutTheHeadersAPageThatIsNotFullIsTheLast()
    {
        var endpoint = new FakeListEndpoint(n => (Page(n, 100, 230), null));
        Assert.Equal(230, (await All(Api(endpoint))).Count);
        Assert.Equal(3, endpoint.Requests);
    }

    [Fact]
    public async Task GarbledHeadersAreReadAsUnknown()
    {
        var garbled = new Dictionary<string, string>
        {
            ["X-Total-Count"] = "-5", ["X-Page"] = "one", ["X-Page-Size"] = "1e2", ["X-Total-Pages"] = "2.5",
        };
        var endpoint = new FakeListEndpoint(n => (Page(n, 100, 150), garbled));
        var api = Api(endpoint);
        var first = await api.ListAssets(new AssetListFilter()).GetPageAsync(1, NullRequestLog.Instance, default);
        Assert.Null(first.TotalCount);
        Assert.True(first.HasNext); // a full page, and nothing readable says it is the last
        Assert.Equal(150, (await All(api)).Count);
        Assert.Equal(new[] { "page=1&pageSize=100", "page=1&pageSize=100", "page=2&pageSize=100" }, endpoint.Queries);
    }

    [Fact]
    public async Task SeveralTypesRepeatTheTypeKeyAndAStatusIsSentOnlyWhenGiven()
    {
        var endpoint = new FakeListEndpoint(n => ("[]", FakeListEndpoint.PageHeaders(n, 100, 0)));
        var api = Api(endpoint);
        await All(api, new AssetListFilter { Types = new[] { "IMAGE", "VIDEO" }, Status = "PROCESSING" });
        await All(api, new AssetListFilter { Types = new[] { "AUDIO" } });
        await All(api);
        Assert.Equal(new[]
        {
            "type=IMAGE&type=VIDEO&status=PROCESSING&page=1&pageSize=100",
            "type=AUDIO&page=1&pageSize=100",
            "page=1&pageSize=100",
        }, endpoint.Queries);
    }

    [Fact]
    public void ARequestCarriesEveryValueOfARepeatedKeyInOrder()
    {
        var request = new ApiRequest("Asset", HttpMethod.Get, "assets").WithQueryValues("type", new[] { "IMAGE", "", "VIDEO" }).WithQueryValues("x", null);
        Assert.Equal("assets?type=IMAGE&type=VIDEO", request.PathAndQuery);
    }

    [Fact]
    public void TheMapperToleratesNullsUnknownValuesAndFieldsOfTheWrongType()
    {
        var wrong = new List<string>();
        var assets = AssetMapper.ReadAssets("""
            [
              {"id":"a1","name":null,"type":"HOLOGRAM","status":"UPSCALING","fileUrl":null,"thumbnailUrl":null,"createAt":"2026-01-02T03:04:05Z","size":{"mb":3}},
              null,
              {"id":"a2","name":42,"type":"AUDIO","status":"READY","fileUrl":"https://cdn.example/m.mp3","createdAt":7}
            ]
            """, wrong.Add)!;
        Assert.Equal(2, assets.Count);
        Assert.Null(assets[0].Name);
        Assert.Equal("HOLOGRAM", assets[0].Type);
        Assert.Equal("UPSCALING", assets[0].Status);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), assets[0].CreatedAt);
        Assert.Null(assets[1].Name);
        Assert.Null(assets[1].CreatedAt);
        Assert.Equal("https://cdn.example/m.mp3", assets[1].FileUrl);
        Assert.Equal(2, wrong.Count);
        Assert.Contains(wrong, w => w.Contains("'name'", StringComparison.Ordinal));
        Assert.Throws<FormatException>(() => AssetMapper.ReadAsset("""{"name":"no id"}""", wrong.Add));
        Assert.Throws<JsonException>(() => AssetMapper.ReadAssets("""{"items":[]}""", wrong.Add));
    }

    [Fact]
    public void TheUploadBodyHasExactlyTheThreeDocumentedFields()
    {
        var json = new NewAssetRequest { Name = "Intro \"b-roll\" +", Type = "VIDEO", Url = "https://cdn.example/a.mp4" }.ToJson();
        Assert.Equal("""{"name":"Intro \"b-roll\" +","type":"VIDEO","url":"https://cdn.example/a.mp4"}""", json);
    }
}
