using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Benchmarks;

/// <summary>
/// The API as far as the benchmarks need it, on 127.0.0.1 only, with an optional latency added to
/// every answer: GET /avatars/{id}, GET /avatars (the tracked avatars, or a prepared large body),
/// POST /avatars. Every request is handled on its own task, the latency is an await (not a
/// blocked thread), so concurrent requests overlap: <see cref="MaxInFlight"/> shows how many did. A tracked avatar is TRAINING until it has been seen (by a get or in a list)
/// <see cref="ReadyAfter"/> times: per-id polling and one list a round see it after the same rounds.
/// </summary>
public sealed class BenchServer : IDisposable
{
    public const string Key = "bench-key-0123456789abcdef";
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private int _requests;
    private int _created;
    private int _inFlight;
    private int _maxInFlight;

    public BenchServer(TimeSpan latency)
    {
        Latency = latency;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUri = new Uri($"http://127.0.0.1:{port}/v1/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public Uri BaseUri { get; }
    public TimeSpan Latency { get; }
    public int ReadyAfter { get; set; } = 5;

    /// <summary>A prepared answer to GET /avatars (the large list), instead of the tracked avatars.</summary>
    public byte[]? ListBody { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The most requests the server was handling at once since the last reset (its check that it does not serialise them).</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public void ResetRequests()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _maxInFlight, 0);
    }

    /// <summary>Starts tracking <paramref name="count"/> new TRAINING avatars; returns their ids.</summary>
    public string[] Track(int count)
    {
        _seen.Clear();
        var ids = Enumerable.Range(0, count).Select(i => $"wait-{i:D4}-{Guid.NewGuid():N}").ToArray();
        foreach (var id in ids) _seen[id] = 0;
        return ids;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
            if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max) break;
        try
        {
            await HandleOneAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleOneAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            if (Latency > TimeSpan.Zero) await Task.Delay(Latency).ConfigureAwait(false);
            if (request.Headers["x-api-key"] != Key)
            {
                await Answer(response, 401, "{\"code\":401,\"message\":\"Unauthorized\"}").ConfigureAwait(false);
                return;
            }
            var path = request.Url!.AbsolutePath.TrimEnd('/');
            if (request.HttpMethod == "GET" && path == "/v1/avatars")
            {
                if (ListBody is { } body) await Answer(response, 200, body).ConfigureAwait(false);
                else await Answer(response, 200, "[" + string.Join(",", _seen.Keys.Select(id => AvatarJson(id, Observe(id)))) + "]").ConfigureAwait(false);
            }
            else if (request.HttpMethod == "GET" && path.StartsWith("/v1/avatars/", StringComparison.Ordinal))
            {
                var id = Uri.UnescapeDataString(path.Substring("/v1/avatars/".Length));
                await Answer(response, 200, AvatarJson(id, _seen.ContainsKey(id) ? Observe(id) : "IDLE")).ConfigureAwait(false);
            }
            else if (request.HttpMethod == "POST" && path == "/v1/avatars")
            {
                string? name;
                using (var doc = await System.Text.Json.JsonDocument.ParseAsync(request.InputStream).ConfigureAwait(false))
                    name = doc.RootElement.TryGetProperty("name", out var n) ? n.GetString() : null;
                var id = $"new-{Interlocked.Increment(ref _created):D6}";
                await Answer(response, 201, AvatarJson(id, "TRAINING", name: name)).ConfigureAwait(false);
            }
            else
            {
                await Answer(response, 404, "{\"code\":404,\"message\":\"Not found\"}").ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or System.IO.IOException)
        {
            // The client went away.
        }
    }

    private string Observe(string id) => _seen.AddOrUpdate(id, 1, (_, n) => n + 1) >= ReadyAfter ? "IDLE" : "TRAINING";

    private static Task Answer(HttpListenerResponse response, int status, string body) => Answer(response, status, Encoding.UTF8.GetBytes(body));

    private static async Task Answer(HttpListenerResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.Close();
    }

    /// <summary>One avatar with every documented field (about 570 bytes).</summary>
    public static string AvatarJson(string id, string status, int index = 0, string? name = null)
    {
        var n = index.ToString(CultureInfo.InvariantCulture);
        var shown = name is null ? "Avatar " + n : System.Text.Json.JsonEncodedText.Encode(name).ToString();
        var actor = (index % 17).ToString(CultureInfo.InvariantCulture);
        return "{\"id\":\"" + id + "\",\"name\":\"" + shown + "\",\"actorName\":\"Actor " + actor + "\",\"createdAt\":\"2026-01-02T03:04:05.000Z\",\"updatedAt\":\"2026-01-02T03:04:35.000Z\"," +
            "\"gestures\":[{\"label\":\"Wave\",\"slug\":\"wave\",\"startFrame\":0},{\"label\":\"Point\",\"slug\":\"point\",\"startFrame\":120}]," +
            "\"status\":\"" + status + "\",\"width\":1920,\"height\":1080,\"thumbnailUrl\":\"https://cdn.example.com/t.jpg\",\"coverImageUrl\":\"https://cdn.example.com/c.jpg\"," +
            "\"extras\":{\"team\":\"sales\",\"employeeId\":\"4711\"},\"orientation\":\"ASPECT_RATIO_16_9\",\"model\":\"ARGIL_ATOM\"}";
    }

    /// <summary>A JSON array of <paramref name="count"/> IDLE avatars.</summary>
    public static byte[] LargeList(int count)
    {
        var sb = new StringBuilder(count * 600).Append('[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(AvatarJson($"00000000-0000-4000-8000-{i:D12}", "IDLE", i));
        }
        return Encoding.UTF8.GetBytes(sb.Append(']').ToString());
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }
}
