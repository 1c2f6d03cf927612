using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

using ArgilPS.Core;
using ArgilPS.Core.Paging;

namespace ArgilPS.Avatars;

/// <summary>The Argil API's operations, typed. Every call goes through the one <see cref="ArgilHttpClient"/> path.</summary>
internal sealed class AvatarsApi
{
    public AvatarsApi(ArgilHttpClient http)
    {
        Http = http;
    }

    public ArgilHttpClient Http { get; }

    /// <summary>GET /avatars: one unpaged array, through the pager like every list.</summary>
    public Pager<Avatar> ListAvatars(AvatarListFilter filter) => new(Http,
        () => new ApiRequest(HttpMethod.Get, "avatars")
            .WithQuery("orientation", filter.Orientation)
            .WithQuery("model", filter.Model)
            .WithQuery("visibility", filter.Visibility),
        PagingStyle.Unpaged,
        (json, log) => AvatarMapper.ReadAvatars(json, log.Debug));

    public Task<IReadOnlyList<Avatar>> ListAvatarsAsync(AvatarListFilter filter, IRequestLog log, CancellationToken cancellationToken) =>
        ListAvatars(filter).ReadAllAsync(log, cancellationToken);

    public async Task<Avatar> GetAvatarAsync(string id, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(HttpMethod.Get, "avatars/" + RequestPath.Segment(id, "Avatar", Http.Settings.ApiKey));
        ApiResponse response;
        try
        {
            response = await Http.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgilApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            throw e.Rephrase(Redactor.Redact($"No avatar with id '{id}' was found (HTTP 404: {e.ApiMessage ?? "not found"}).", Http.Settings.ApiKey),
                "List the avatars you can use with Get-ArgilAvatar.");
        }
        return ReadAvatar(request, response, log);
    }

    public async Task<Avatar> CreateAvatarAsync(NewAvatarRequest body, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(HttpMethod.Post, "avatars", body.ToJson());
        ApiResponse response;
        try
        {
            response = await Http.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgilApiException e) when (e.MayHaveSucceeded)
        {
            var key = Http.Settings.ApiKey;
            var check = Redactor.Redact($"Get-ArgilAvatar -Name '{System.Management.Automation.WildcardPattern.Escape(body.Name).Replace("'", "''")}'", key);
            throw e.Rephrase(Redactor.Redact($"{e.Message} The avatar '{body.Name}' may have been created (and billed); check with {check} before creating it again.", key),
                $"Run {check} to see whether it exists before running New-ArgilAvatar again.", mayHaveSucceeded: true);
        }
        return ReadAvatar(request, response, log);
    }

    private Avatar ReadAvatar(ApiRequest request, ApiResponse response, IRequestLog log) =>
        Http.ReadJson(request, response, body => AvatarMapper.ReadAvatar(body, log.Debug));
}
