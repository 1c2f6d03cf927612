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

    /// <summary>The whole body of GET /avatars as one string (the large-list baseline).</summary>
    public static string GetListText()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, "avatars"));
        request.Headers.TryAddWithoutValidation("x-api-key", BenchServer.Key);
        using var response = Http.Send(request);
        response.EnsureSuccessStatusCode();
        return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    public static HttpClient Shared => Http;
}
