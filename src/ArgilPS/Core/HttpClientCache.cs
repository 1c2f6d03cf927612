using System;
using System.Net.Http;
using System.Threading;

namespace ArgilPS.Core;

/// <summary>
/// One HttpClient per handler configuration for the whole process, so connections are reused
/// (a client per call costs a TLS handshake each time). Timeouts are applied per request, so
/// changing -TimeoutSec never needs a new client.
/// </summary>
internal static class HttpClientCache
{
    private static readonly Lazy<HttpClient> ThroughProxy = new(() => Create(useProxy: true), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<HttpClient> Direct = new(() => Create(useProxy: false), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loopback (the sandbox) never goes through a proxy: a corporate proxy would not reach it.</summary>
    public static HttpClient For(Uri baseUri) => baseUri.IsLoopback ? Direct.Value : ThroughProxy.Value;

    private static HttpClient Create(bool useProxy)
    {
        var handler = new HttpClientHandler { UseProxy = useProxy, AllowAutoRedirect = false };
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return client;
    }

    public static readonly string UserAgent =
        $"ArgilPS/{typeof(HttpClientCache).Assembly.GetName().Version?.ToString(3) ?? "0"}";
}
