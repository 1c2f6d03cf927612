using System;
using System.Net.Http;
using System.Text.Json;
using ArgilPS.Avatars;

namespace ArgilPS.Benchmarks;

/// <summary>
/// The "close to the wire" baseline, callable from a script as [ArgilPS.Benchmarks.RawClient]::GetAvatar($id):
/// one reused HttpClient and System.Text.Json (source-generated) into the module's own wire type,
/// mapped to the same public type. No retries, no checks, no logging.
/// </summary>
public static class RawClient
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

    public static Uri BaseUri { get; set; } = new("http://127.0.0.1/");

    public static Avatar GetAvatar(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, "avatars/" + Uri.EscapeDataString(id)));
        request.Headers.TryAddWithoutValidation("x-api-key", BenchServer.Key);
        using var response = Http.Send(request);
        response.EnsureSuccessStatusCode();
        using var stream = response.Content.ReadAsStream();
        var dto = JsonSerializer.Deserialize(stream, AvatarJsonContext.Default.AvatarDto)!;
        return AvatarMapper.ToAvatar(dto);
    }

    /// <summary>
    /// <see cref="GetAvatar"/> the asynchronous way (SendAsync and DeserializeAsync, awaited by the
    /// calling thread), as the module's client does: what the async path costs over the synchronous one.
    /// </summary>
    public static Avatar GetAvatarAsync(string id) => GetAvatarCoreAsync(id).GetAwaiter().GetResult();

    private static async System.Threading.Tasks.Task<Avatar> GetAvatarCoreAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, "avatars/" + Uri.EscapeDataString(id)));
        request.Headers.TryAddWithoutValidation("x-api-key", BenchServer.Key);
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var dto = (await JsonSerializer.DeserializeAsync(stream, AvatarJsonContext.Default.AvatarDto).ConfigureAwait(false))!;
        return AvatarMapper.ToAvatar(dto);
    }

    /// <summary>The whole body of GET /avatars as one string (the large-list baseline).</summary>
    public static string GetListText()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, "avatars"));
        request.Headers.TryAddWithoutValidation("x-api-key", BenchServer.Key);
        using var response = Http.Send(request);
        response.EnsureSuccessStatusCode();
        return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    /// <summary>GET /avatars read by System.Text.Json into the module's wire type and mapped to <see cref="Avatar"/>.</summary>
    public static System.Collections.Generic.List<Avatar> GetListAvatars()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, "avatars"));
        request.Headers.TryAddWithoutValidation("x-api-key", BenchServer.Key);
        using var response = Http.Send(request);
        response.EnsureSuccessStatusCode();
        using var stream = response.Content.ReadAsStream();
        var dtos = JsonSerializer.Deserialize(stream, AvatarJsonContext.Default.ListAvatarDto)!;
        var avatars = new System.Collections.Generic.List<Avatar>(dtos.Count);
        foreach (var dto in dtos) if (dto is not null) avatars.Add(AvatarMapper.ToAvatar(dto));
        return avatars;
    }

    public static HttpClient Shared => Http;
}

/// <summary>
/// The module's own HTTP path without the cmdlet, callable from a script as
/// [ArgilPS.Benchmarks.ModuleClient]::GetAvatar($id): AvatarsApi.GetAvatarAsync on an ArgilHttpClient
/// (request building, the key, the retry bookkeeping, the size limit, the lenient mapper), awaited on
/// the calling thread. Beside the raw client and the cmdlet it shows where a call's time goes.
/// </summary>
public static class ModuleClient
{
    private static AvatarsApi? _api;

    public static Avatar GetAvatar(string id)
    {
        _api ??= new AvatarsApi(new ArgilPS.Core.ArgilHttpClient(new ArgilPS.Core.ArgilClientSettings(RawClient.BaseUri, new ArgilPS.Core.ApiKey(BenchServer.Key), maximumRetryCount: 0)));
        return _api.GetAvatarAsync(id, ArgilPS.Core.NullRequestLog.Instance, System.Threading.CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// <see cref="GetAvatar"/> with a log that keeps its lines and does not say which levels are on,
    /// as the buffered log of ArgilCmdlet.RunOrdered (piped New-ArgilAvatar, Get-ArgilAvatar -Id) is:
    /// the client then builds its debug lines. Returns how many characters of log it was given.
    /// </summary>
    public static long GetAvatarWithUnleveledLog(string id)
    {
        _api ??= new AvatarsApi(new ArgilPS.Core.ArgilHttpClient(new ArgilPS.Core.ArgilClientSettings(RawClient.BaseUri, new ArgilPS.Core.ApiKey(BenchServer.Key), maximumRetryCount: 0)));
        var log = new KeepingLog();
        _api.GetAvatarAsync(id, log, System.Threading.CancellationToken.None).GetAwaiter().GetResult();
        return log.Characters;
    }

    /// <summary>Allocated bytes per call of <paramref name="call"/>, over <paramref name="calls"/> calls on this thread and the pool's.</summary>
    public static double AllocatedPerCall(Action call, int calls)
    {
        call();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++) call();
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
    }

    private sealed class KeepingLog : ArgilPS.Core.IRequestLog
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();
        public long Characters { get { long n = 0; foreach (var l in _lines) n += l.Length; return n; } }
        public void Verbose(string message) => _lines.Enqueue(message);
        public void Debug(string message) => _lines.Enqueue(message);
        public void Warning(string message) => _lines.Enqueue(message);
    }
}
