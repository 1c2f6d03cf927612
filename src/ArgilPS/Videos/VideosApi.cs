using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Paging;
using ArgilPS.Core.Polling;

namespace ArgilPS.Videos;

/// <summary>
/// The video operations of the Argil API, typed. Every call goes through the one
/// <see cref="ArgilHttpClient"/> path; failures say what happened, and the cmdlets say what to do.
/// </summary>
internal sealed class VideosApi
{
    /// <summary>The resource's name in requests and errors: a 404 is a VideoNotFound.</summary>
    public const string Resource = "Video";

    /// <summary>How many videos one page of GET /videos asks for (the API's default is 10; no maximum is documented).</summary>
    public const int ListPageSize = 50;

    public VideosApi(ArgilHttpClient http)
    {
        Http = http;
    }

    public ArgilHttpClient Http { get; }

    /// <summary>GET /videos: the <c>videos</c> envelope, paged with page and limit.</summary>
    public Pager<Video> ListVideos(VideoListFilter filter) => new(Http,
        () => new ApiRequest(Resource, HttpMethod.Get, "videos")
            .WithQuery("nameSearchQuery", filter.NameSearchQuery)
            .WithQuery("avatarId", filter.AvatarId)
            .WithQuery("voiceId", filter.VoiceId)
            .WithQuery("extrasFilter", filter.ExtrasFilter),
        PagingStyle.BodyEnvelope("videos", "limit", ListPageSize),
        (item, index, log) => VideoMapper.ReadListItem(item, index, log.Debug));

    /// <summary>Every video of every page (for the completers).</summary>
    public Task<IReadOnlyList<Video>> ListVideosAsync(VideoListFilter filter, IRequestLog log, CancellationToken cancellationToken) =>
        ListVideos(filter).ReadAllAsync(log, cancellationToken);

    /// <summary>How many videos one page of GET /videos asks for when a wait looks for the videos it waits for.</summary>
    public const int ObservePageSize = 100;

    /// <summary>
    /// What GET /videos shows of <paramref name="ids"/>, for a wait's round: pages of
    /// <see cref="ObservePageSize"/>, read from the first until every pending video has been seen,
    /// the list ends or the <see cref="ListObservation.PageBudget"/> is spent. The ids it does not
    /// show are left out, for the caller to get one by one.
    /// </summary>
    /// <remarks>
    /// The API has no status filter for videos (argil-api.md §5.4): the list is every video of the
    /// workspace, in an order it does not document (newest first in the sandbox). A round costs one
    /// request while the pending videos are among the first hundred; in a workspace with many more
    /// videos, where they are further down, the pages read (at most five a round, one per four
    /// videos pending) are spent on top of the gets.
    /// </remarks>
    public Task<IReadOnlyDictionary<string, Video>> ObserveVideosAsync(IReadOnlyList<string> ids, IRequestLog log, CancellationToken cancellationToken) =>
        ListObservation.ObserveAsync(
            new Pager<Video>(Http, () => new ApiRequest(Resource, HttpMethod.Get, "videos"), PagingStyle.BodyEnvelope("videos", "limit", ObservePageSize),
                (json, pageLog) => VideoMapper.ReadVideos(json, pageLog.Debug)),
            ids, v => v.Id, ListObservation.PageBudget(ids.Count), log, cancellationToken);

    /// <summary>GET /videos/{id}; a 404 is a VideoNotFound that names the id.</summary>
    public async Task<Video> GetVideoAsync(string id, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Get, "videos/" + RequestPath.Segment(id, Resource, Http.Settings.ApiKey));
        try
        {
            return await Http.SendAsync(request, body => VideoMapper.ReadVideo(body, log.Debug), log, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgilApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            throw NotFound(e, id);
        }
    }

    /// <summary>
    /// POST /videos: creates a video (IDLE, not rendered; creating costs nothing until it is rendered).
    /// It is never sent twice after the server may have acted on it (<see cref="ArgilApiException.MayHaveSucceeded"/>).
    /// </summary>
    public Task<Video> CreateVideoAsync(NewVideoRequest body, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Post, "videos", body.ToJson());
        return Http.SendAsync(request, json => VideoMapper.ReadVideo(json, log.Debug), log, cancellationToken);
    }

    /// <summary>DELETE /videos/{id}: the API answers 200 <c>{ message }</c>; returns the message (empty when there is none).</summary>
    public async Task<string> DeleteVideoAsync(string id, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Delete, "videos/" + RequestPath.Segment(id, Resource, Http.Settings.ApiKey));
        try
        {
            var response = await Http.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
            return VideoMapper.ReadMessage(response.Body);
        }
        catch (ArgilApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            throw NotFound(e, id);
        }
    }

    /// <summary>
    /// POST /videos/{id}/render, with <c>{ callbackUrl }</c> when one is given (else <c>{}</c>): starts
    /// rendering, which spends credits, so it is never sent twice after the server may have acted on it.
    /// Returns the video with its new status.
    /// </summary>
    public async Task<Video> RenderVideoAsync(string id, string? callbackUrl, IRequestLog log, CancellationToken cancellationToken)
    {
        var body = callbackUrl is null ? "{}" : "{\"callbackUrl\":" + JsonString(callbackUrl) + "}";
        var request = new ApiRequest(Resource, HttpMethod.Post, "videos/" + RequestPath.Segment(id, Resource, Http.Settings.ApiKey) + "/render", body);
        try
        {
            return await Http.SendAsync(request, json => VideoMapper.ReadVideo(json, log.Debug), log, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgilApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            throw NotFound(e, id);
        }
    }

    private ArgilApiException NotFound(ArgilApiException e, string id) =>
        e.Rephrase(Redactor.Redact($"No video with id '{id}' was found (HTTP 404: {e.ApiMessage ?? "not found"}).", Http.Settings.ApiKey),
            remedy: FailureRemedy.ListExisting);

    private static string JsonString(string value) =>
        System.Text.Json.JsonSerializer.Serialize(value, VideoJsonContext.Default.String);
}
