using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Paging;

namespace ArgilPS.Avatars;

/// <summary>
/// The avatar operations of the Argil API, typed. Every call goes through the one
/// <see cref="ArgilHttpClient"/> path; failures say what happened, and the cmdlets say what to do.
/// </summary>
internal sealed class AvatarsApi
{
    /// <summary>The resource's name in requests and errors: a 404 is an AvatarNotFound.</summary>
    public const string Resource = "Avatar";

    public AvatarsApi(ArgilHttpClient http)
    {
        Http = http;
    }

    public ArgilHttpClient Http { get; }

    /// <summary>GET /avatars: one unpaged array, through the pager like every list.</summary>
    public Pager<Avatar> ListAvatars(AvatarListFilter filter) => new(Http,
        () => new ApiRequest(Resource, HttpMethod.Get, "avatars")
            .WithQuery("orientation", filter.Orientation)
            .WithQuery("model", filter.Model)
            .WithQuery("visibility", filter.Visibility),
        PagingStyle.Unpaged,
        (item, index, log) => AvatarMapper.ReadListItem(item, index, log.Debug));

    public Task<IReadOnlyList<Avatar>> ListAvatarsAsync(AvatarListFilter filter, IRequestLog log, CancellationToken cancellationToken) =>
        ListAvatars(filter).ReadAllAsync(log, cancellationToken);

    /// <summary>
    /// What one list request shows of <paramref name="ids"/> (a wait's round costs one request, not
    /// one per avatar): the workspace's own avatars, which is where avatars being trained are.
    /// The ids it does not show are left out, for the caller to get one by one.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Avatar>> ObserveAvatarsAsync(IReadOnlyList<string> ids, IRequestLog log, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(ids, System.StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, Avatar>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var avatar in await ListAvatarsAsync(new AvatarListFilter { Visibility = "private" }, log, cancellationToken).ConfigureAwait(false))
        {
            // The first of two entries with one id counts, as a get would show one avatar.
            if (avatar.Id is { Length: > 0 } id && wanted.Contains(id) && !seen.ContainsKey(id)) seen[id] = avatar;
        }
        return seen;
    }

    public async Task<Avatar> GetAvatarAsync(string id, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Get, "avatars/" + RequestPath.Segment(id, Resource, Http.Settings.ApiKey));
        try
        {
            return await Http.SendAsync(request, body => AvatarMapper.ReadAvatar(body, log.Debug), log, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgilApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            throw e.Rephrase(Redactor.Redact($"No avatar with id '{id}' was found (HTTP 404: {e.ApiMessage ?? "not found"}).", Http.Settings.ApiKey),
                remedy: FailureRemedy.ListExisting);
        }
    }

    /// <summary>
    /// Creates an avatar. A failure after the server may have acted on it (and billed it) says so
    /// (<see cref="ArgilApiException.MayHaveSucceeded"/>); it is never sent twice.
    /// </summary>
    public Task<Avatar> CreateAvatarAsync(NewAvatarRequest body, IRequestLog log, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(Resource, HttpMethod.Post, "avatars", body.ToJson());
        return Http.SendAsync(request, json => AvatarMapper.ReadAvatar(json, log.Debug), log, cancellationToken);
    }
}
