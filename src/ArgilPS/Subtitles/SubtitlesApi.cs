using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Paging;

namespace ArgilPS.Subtitles;

/// <summary>
/// The subtitle operations of the Argil API (argil-api.md §7), on the one <see cref="ArgilHttpClient"/>
/// path: the styles (GET /subtitles, the <c>items</c> envelope) and a video's subtitles as a file.
/// </summary>
internal sealed class SubtitlesApi
{
    /// <summary>The resource of the style list's requests.</summary>
    public const string StyleResource = "SubtitleStyle";

    /// <summary>An export is about a video: its 404 is a VideoNotFound.</summary>
    public const string VideoResource = "Video";

    /// <summary>The largest page the API serves (pageSize 1–100): the fewest requests for the whole list.</summary>
    public const int PageSize = 100;

    public SubtitlesApi(ArgilHttpClient http)
    {
        Http = http;
    }

    public ArgilHttpClient Http { get; }

    /// <summary>GET /subtitles: <c>{ items: [{id, name}], totalItems, totalPages, currentPage, itemsPerPage }</c>, page by page.</summary>
    public Pager<SubtitleStyle> ListStyles() => new(Http,
        () => new ApiRequest(StyleResource, HttpMethod.Get, "subtitles"),
        PagingStyle.BodyEnvelope("items", "pageSize", PageSize),
        (item, index, log) => SubtitleStyleMapper.ReadListItem(item, index, log.Debug));

    public Task<IReadOnlyList<SubtitleStyle>> ListStylesAsync(IRequestLog log, CancellationToken cancellationToken) =>
        ListStyles().ReadAllAsync(log, cancellationToken);

    /// <summary>
    /// GET /subtitles/videos/{id}/export?format=vtt|ass&amp;includeStyling=true|false: the file's text (not
    /// JSON) and the name its Content-Disposition suggests. An unknown video is a NotFound of the video.
    /// </summary>
    public async Task<SubtitleExport> ExportAsync(string videoId, string format, bool includeStyling, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(VideoResource, HttpMethod.Get,
                "subtitles/videos/" + RequestPath.Segment(videoId, VideoResource, Http.Settings.ApiKey) + "/export")
            .WithQuery("format", format)
            .WithQuery("includeStyling", includeStyling ? "true" : "false");
        try
        {
            var response = await Http.SendForTextAsync(request, log, cancellationToken).ConfigureAwait(false);
            return new SubtitleExport(videoId, format, response.Body, response.Header("Content-Type"),
                SubtitleFileName.FromContentDisposition(response.Header("Content-Disposition")));
        }
        catch (ArgilApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            throw e.Rephrase(Redactor.Redact($"No video with id '{videoId}' was found, so it has no subtitles to export (HTTP 404: {e.ApiMessage ?? "not found"}).", Http.Settings.ApiKey),
                remedy: FailureRemedy.ListExisting);
        }
    }
}
