using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Paging;

namespace ArgilPS.Webhooks;

/// <summary>
/// The webhook operations of the Argil API (argil-api.md §8), typed, on the one
/// <see cref="ArgilHttpClient"/> path. The API has no GET /webhooks/{id}: a webhook is found in the list.
/// </summary>
internal sealed class WebhooksApi
{
    /// <summary>The resource's name in requests and errors: a 404 is a WebhookNotFound.</summary>
    public const string Resource = "Webhook";

    public WebhooksApi(ArgilHttpClient http)
    {
        Http = http;
    }

    public ArgilHttpClient Http { get; }

    /// <summary>GET /webhooks (§8.2): one unpaged bare array.</summary>
    public Pager<Webhook> ListWebhooks() => new(Http,
        () => new ApiRequest(Resource, HttpMethod.Get, "webhooks"),
        PagingStyle.Unpaged,
        (item, index, log) => WebhookMapper.ReadListItem(item, index, log.Debug));

    public Task<IReadOnlyList<Webhook>> ListWebhooksAsync(IRequestLog log, CancellationToken cancellationToken) =>
        ListWebhooks().ReadAllAsync(log, cancellationToken);

    /// <summary>POST /webhooks (§8.3): 201 with the webhook. Not sent twice after a failure that may have created it.</summary>
    public Task<Webhook> CreateWebhookAsync(WebhookRequest body, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Post, "webhooks", body.ToJson());
        return Http.SendAsync(request, json => WebhookMapper.ReadWebhook(json, log.Debug), log, cancellationToken);
    }

    /// <summary>PUT /webhooks/{id} (§8.4): only the fields given; 200 with the webhook, 404 for an unknown id.</summary>
    public async Task<Webhook> UpdateWebhookAsync(string id, WebhookRequest body, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Put, "webhooks/" + RequestPath.Segment(id, Resource, Http.Settings.ApiKey), body.ToJson());
        try
        {
            return await Http.SendAsync(request, json => WebhookMapper.ReadWebhook(json, log.Debug), log, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgilApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            throw NotFound(e, id);
        }
    }

    /// <summary>DELETE /webhooks/{id} (§8.5): 204 without a body (any 2xx is success); 404 for an unknown id.</summary>
    public async Task<bool> DeleteWebhookAsync(string id, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Delete, "webhooks/" + RequestPath.Segment(id, Resource, Http.Settings.ApiKey));
        try
        {
            await Http.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ArgilApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            throw NotFound(e, id);
        }
    }

    private ArgilApiException NotFound(ArgilApiException e, string id) =>
        e.Rephrase(Redactor.Redact($"No webhook with id '{id}' was found (HTTP 404: {e.ApiMessage ?? "not found"}).", Http.Settings.ApiKey),
            remedy: FailureRemedy.ListExisting);
}
