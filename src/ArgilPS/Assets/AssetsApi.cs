using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Paging;
using ArgilPS.Core.Polling;

namespace ArgilPS.Assets;

/// <summary>
/// The asset operations of the Argil API (argil-api.md §6), typed. Every call goes through the one
/// <see cref="ArgilHttpClient"/> path; failures say what happened, and the cmdlets say what to do.
/// </summary>
internal sealed class AssetsApi
{
    /// <summary>The resource's name in requests and errors: a 404 is an AssetNotFound.</summary>
    public const string Resource = "Asset";

    /// <summary>The largest page GET /assets gives (pageSize 1 to 100): the fewest requests for a whole list.</summary>
    public const int PageSize = 100;

    public AssetsApi(ArgilHttpClient http)
    {
        Http = http;
    }

    public ArgilHttpClient Http { get; }

    /// <summary>
    /// GET /assets: a bare array per page, the counts in the X-Total-Count, X-Page, X-Page-Size and
    /// X-Total-Pages headers. Each type is its own <c>type</c> key (<c>?type=IMAGE&amp;type=VIDEO</c>);
    /// without a status the API lists READY assets only.
    /// </summary>
    public Pager<Asset> ListAssets(AssetListFilter filter) => new(Http,
        () => new ApiRequest(Resource, HttpMethod.Get, "assets")
            .WithQueryValues("type", filter.Types)
            .WithQuery("status", filter.Status),
        PagingStyle.HeaderPaged("pageSize", PageSize),
        (item, index, log) => AssetMapper.ReadListItem(item, index, log.Debug));

    public Task<IReadOnlyList<Asset>> ListAssetsAsync(AssetListFilter filter, IRequestLog log, CancellationToken cancellationToken) =>
        ListAssets(filter).ReadAllAsync(log, cancellationToken);

    /// <summary>
    /// What GET /assets?status=PROCESSING shows of <paramref name="ids"/>, for a wait's round: one
    /// request while every pending asset is on the first page of the assets still processing
    /// (pages of <see cref="PageSize"/>, read until every id is seen, the list ends or the
    /// <see cref="ListObservation.PageBudget"/> is spent). An id it does not show has left
    /// PROCESSING (or is unknown, or further down the list): the caller gets it on its own, which
    /// costs one request per asset that finishes, once.
    /// </summary>
    /// <remarks>
    /// Only the PROCESSING list is asked, not READY or FAILED too: READY is every usable asset of
    /// the workspace (the API's default list, long and of unknown order), so finding a finished
    /// asset in it would cost at least one more request every round, and often several pages,
    /// where the get of an asset that has left PROCESSING costs exactly one request, once.
    /// </remarks>
    public Task<IReadOnlyDictionary<string, Asset>> ObserveProcessingAssetsAsync(IReadOnlyList<string> ids, IRequestLog log, CancellationToken cancellationToken) =>
        ListObservation.ObserveAsync(ListAssets(new AssetListFilter { Status = AssetStatus.Processing }), ids, a => a.Id,
            ListObservation.PageBudget(ids.Count), log, cancellationToken);

    /// <summary>GET /assets/{id}; a 404 says which id was not found.</summary>
    public async Task<Asset> GetAssetAsync(string id, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Get, "assets/" + RequestPath.Segment(id, Resource, Http.Settings.ApiKey));
        try
        {
            return await Http.SendAsync(request, body => AssetMapper.ReadAsset(body, log.Debug), log, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgilApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            throw e.Rephrase(Redactor.Redact($"No asset with id '{id}' was found (HTTP 404: {e.ApiMessage ?? "not found"}).", Http.Settings.ApiKey),
                remedy: FailureRemedy.ListExisting);
        }
    }

    /// <summary>
    /// POST /assets: uploads an image or a video by URL; it starts PROCESSING. A failure after the
    /// server may have acted on it says so (<see cref="ArgilApiException.MayHaveSucceeded"/>); it is
    /// never sent twice.
    /// </summary>
    public Task<Asset> CreateAssetAsync(NewAssetRequest body, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Post, "assets", body.ToJson());
        return Http.SendAsync(request, json => AssetMapper.ReadAsset(json, log.Debug), log, cancellationToken);
    }
}

/// <summary>The query of GET /assets: what is not given is not sent.</summary>
internal sealed class AssetListFilter
{
    /// <summary>AUDIO, IMAGE, VIDEO: one <c>type</c> key each; none for every type.</summary>
    public IReadOnlyList<string> Types { get; set; } = System.Array.Empty<string>();

    /// <summary>PROCESSING, READY or FAILED; null sends none, and the API answers READY assets.</summary>
    public string? Status { get; set; }
}

/// <summary>The body of POST /assets: name, type and url, all three required (additionalProperties: false).</summary>
internal sealed class NewAssetRequest
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string Url { get; set; } = "";

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteString("type", Type);
            json.WriteString("url", Url);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
