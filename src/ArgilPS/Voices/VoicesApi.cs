using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Paging;

namespace ArgilPS.Voices;

/// <summary>
/// The voice operations of the Argil API (argil-api.md §4), typed. Every call goes through the one
/// <see cref="ArgilHttpClient"/> path; failures say what happened, and the cmdlets say what to do.
/// </summary>
internal sealed class VoicesApi
{
    /// <summary>The resource's name in requests and errors: a 404 is a VoiceNotFound.</summary>
    public const string Resource = "Voice";

    public VoicesApi(ArgilHttpClient http)
    {
        Http = http;
    }

    public ArgilHttpClient Http { get; }

    /// <summary>GET /voices: one unpaged array, through the pager like every list.</summary>
    public Pager<Voice> ListVoices(VoiceListFilter filter) => new(Http,
        () => new ApiRequest(Resource, HttpMethod.Get, "voices")
            .WithQuery("language", filter.Language)
            .WithQuery("gender", filter.Gender)
            .WithQuery("visibility", filter.Visibility),
        PagingStyle.Unpaged,
        (item, index, log) => VoiceMapper.ReadListItem(item, index, log.Debug));

    public Task<IReadOnlyList<Voice>> ListVoicesAsync(VoiceListFilter filter, IRequestLog log, CancellationToken cancellationToken) =>
        ListVoices(filter).ReadAllAsync(log, cancellationToken);

    /// <summary>GET /voices/{id}; a 404 says which id was not found.</summary>
    public async Task<Voice> GetVoiceAsync(string id, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Get, "voices/" + RequestPath.Segment(id, Resource, Http.Settings.ApiKey));
        try
        {
            return await Http.SendAsync(request, body => VoiceMapper.ReadVoice(body, log.Debug), log, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgilApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            throw e.Rephrase(Redactor.Redact($"No voice with id '{id}' was found (HTTP 404: {e.ApiMessage ?? "not found"}).", Http.Settings.ApiKey),
                remedy: FailureRemedy.ListExisting);
        }
    }

    /// <summary>
    /// POST /voices: clones a voice from audio, which Argil bills. A failure after the server may
    /// have acted on it says so (<see cref="ArgilApiException.MayHaveSucceeded"/>); it is never sent twice.
    /// </summary>
    public Task<Voice> CreateVoiceAsync(NewVoiceRequest body, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Post, "voices", body.ToJson());
        return Http.SendAsync(request, json => VoiceMapper.ReadVoice(json, log.Debug), log, cancellationToken);
    }

    /// <summary>POST /voices/sync: the body names the provider only when one is given (all connected providers otherwise).</summary>
    public async Task<IReadOnlyList<VoiceProviderSync>> SyncVoicesAsync(string? provider, IRequestLog log, CancellationToken cancellationToken)
    {
        var body = provider is null ? null : SyncBody(provider);
        var request = new ApiRequest(Resource, HttpMethod.Post, "voices/sync", body);
        return await Http.SendAsync(request, json => VoiceMapper.ReadProviderSyncs(json, log.Debug), log, cancellationToken).ConfigureAwait(false);
    }

    private static string SyncBody(string provider)
    {
        using var stream = new System.IO.MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("providerName", provider);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
