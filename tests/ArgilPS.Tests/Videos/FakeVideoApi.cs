using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Tests.Infrastructure;

namespace ArgilPS.Tests.Videos;

/// <summary>One request the fake received: method, path under /v1, query and body.</summary>
internal sealed record FakeRequest(string Method, string Path, string Query, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>One query parameter's value, unescaped; null when absent.</summary>
    public string? QueryValue(string name) => Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2)).Where(p => Uri.UnescapeDataString(p[0]) == name)
        .Select(p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : "")).FirstOrDefault();
}

/// <summary>
/// A fake of the video endpoints on 127.0.0.1, written for these tests only (the sandbox is
/// another helper's): it keeps videos in memory, pages GET /videos in the documented envelope
/// with page/limit, records every request with its body, and lets a test answer a request its own
/// way (a status, a dropped connection) through <see cref="Override"/>.
/// </summary>
internal sealed class FakeVideoApi : IDisposable
{
    public const string Key = "fake-video-key-0123456789abcdef";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly List<FakeRequest> _requests = new();
    private readonly List<JsonObject> _videos = new();
    private readonly List<TcpClient> _clients = new();
    private int _nextId;

    public FakeVideoApi()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }
    public string BaseUri => $"http://127.0.0.1:{Port}/v1";

    /// <summary>Answers a request instead of the fake's own handling when it returns a value: (status, body), or status 0 to drop the connection.</summary>
    public Func<FakeRequest, (int Status, string Body)?>? Override { get; set; }

    public IReadOnlyList<FakeRequest> Requests
    {
        get { lock (_gate) return _requests.ToList(); }
    }

    public IEnumerable<FakeRequest> Sent(string method, string pathPrefix = "/videos") =>
        Requests.Where(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    /// <summary>The script that connects a runspace to this fake (no retries unless asked).</summary>
    public string ConnectScript(int retries = 0) =>
        $"Connect-Argil -ApiKey (ConvertTo-SecureString '{Key}' -AsPlainText -Force) -BaseUri '{BaseUri}' -Scope Runspace -MaximumRetryCount {retries} -RetryIntervalSec 1";

    /// <summary>A host connected to this fake.</summary>
    public PowerShellHost Host(int retries = 0)
    {
        var host = new PowerShellHost();
        host.Run(ConnectScript(retries)).ThrowIfTerminated();
        return host;
    }

    /// <summary>Adds a stored video (as GET /videos lists it) and returns its id.</summary>
    public string AddVideo(string name, string status = "IDLE", string? avatarId = null, JsonObject? extras = null, string? id = null)
    {
        lock (_gate)
        {
            id ??= NewId();
            _videos.Add(new JsonObject
            {
                ["id"] = id,
                ["name"] = name,
                ["status"] = status,
                ["aspectRatio"] = "16:9",
                ["moments"] = new JsonArray(new JsonObject { ["transcript"] = "Hello.", ["avatarId"] = avatarId ?? "avatar-1" }),
                ["extras"] = extras ?? new JsonObject(),
                ["createdAt"] = "2026-01-01T10:00:00.000Z",
                ["updatedAt"] = "2026-01-01T10:00:00.000Z",
            });
            return id;
        }
    }

    private string NewId() => $"00000000-0000-4000-a000-{++_nextId:D12}";

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or InvalidOperationException or OperationCanceledException)
            {
                return;
            }
            lock (_clients) _clients.Add(client);
            _ = ServeAsync(client);
        }
    }

    /// <summary>HTTP/1.1 by hand, so that a test can drop a connection before any byte of the answer.</summary>
    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                while (!_stop.IsCancellationRequested)
                {
                    var head = await ReadHeadAsync(stream).ConfigureAwait(false);
                    if (head is null) return;
                    var lines = head.Split("\r\n");
                    var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                        .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
                    var length = headers.TryGetValue("Content-Length", out var l) ? int.Parse(l) : 0;
                    var body = new byte[length];
                    for (var read = 0; read < length;)
                    {
                        var n = await stream.ReadAsync(body.AsMemory(read), _stop.Token).ConfigureAwait(false);
                        if (n == 0) return;
                        read += n;
                    }
                    var parts = lines[0].Split(' ');
                    var target = new Uri("http://fake" + parts[1]);
                    var path = target.AbsolutePath.StartsWith("/v1", StringComparison.Ordinal) ? target.AbsolutePath.Substring(3) : target.AbsolutePath;
                    var request = new FakeRequest(parts[0], Uri.UnescapeDataString(path), target.Query.TrimStart('?'), Encoding.UTF8.GetString(body));
                    (int Status, string Body) answer;
                    if (!headers.TryGetValue("x-api-key", out var key) || key != Key) answer = (401, "{\"code\":401,\"message\":\"Invalid API key\"}");
                    else
                    {
                        lock (_gate) _requests.Add(request);
                        answer = Override?.Invoke(request) ?? Route(request);
                    }
                    if (answer.Status == 0)
                    {
                        client.Client.Shutdown(SocketShutdown.Both);
                        return;
                    }
                    var bytes = Encoding.UTF8.GetBytes(answer.Body);
                    var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {answer.Status} X\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n");
                    await stream.WriteAsync(response.Concat(bytes).ToArray(), _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or the test is over.
        }
    }

    private async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var n = await stream.ReadAsync(one.AsMemory(), _stop.Token).ConfigureAwait(false);
            if (n == 0) return null;
            bytes.Add(one[0]);
            var c = bytes.Count;
            if (c >= 4 && bytes[c - 4] == '\r' && bytes[c - 3] == '\n' && bytes[c - 2] == '\r' && bytes[c - 1] == '\n')
                return Encoding.ASCII.GetString(bytes.ToArray(), 0, c - 4);
            if (c > 64 * 1024) return null;
        }
    }

    private (int, string) Route(FakeRequest r)
    {
        lock (_gate)
        {
            var segments = r.Path.Trim('/').Split('/');
            if (segments[0] != "videos") return (404, "{\"code\":404,\"message\":\"Not found\"}");
            if (segments.Length == 1 && r.Method == "GET") return (200, Page(r));
            if (segments.Length == 1 && r.Method == "POST")
            {
                var video = JsonNode.Parse(r.Body)!.AsObject();
                video["id"] = NewId();
                video["status"] = "IDLE";
                video["createdAt"] = "2026-01-01T10:00:00.000Z";
                video["updatedAt"] = "2026-01-01T10:00:00.000Z";
                _videos.Add(video);
                return (201, video.ToJsonString());
            }
            var found = _videos.FirstOrDefault(v => (string?)v["id"] == segments[1]);
            if (found is null) return (404, "{\"code\":404,\"message\":\"Video not found\"}");
            if (segments.Length == 2 && r.Method == "GET") return (200, found.ToJsonString());
            if (segments.Length == 2 && r.Method == "DELETE")
            {
                _videos.Remove(found);
                return (200, "{\"message\":\"Video deleted successfully\"}");
            }
            if (segments.Length == 3 && segments[2] == "render" && r.Method == "POST")
            {
                found["status"] = "GENERATING_AUDIO";
                return (200, found.ToJsonString());
            }
            return (404, "{\"code\":404,\"message\":\"Not found\"}");
        }
    }

    private string Page(FakeRequest r)
    {
        var page = int.Parse(r.QueryValue("page") ?? "1");
        var limit = int.Parse(r.QueryValue("limit") ?? "10");
        IEnumerable<JsonObject> all = _videos;
        if (r.QueryValue("nameSearchQuery") is { } search)
            all = all.Where(v => ((string?)v["name"] ?? "").Contains(search, StringComparison.OrdinalIgnoreCase));
        if (r.QueryValue("avatarId") is { } avatar)
            all = all.Where(v => v["moments"]!.AsArray().Any(m => (string?)m!["avatarId"] == avatar));
        if (r.QueryValue("extrasFilter") is { } extras)
        {
            var wanted = JsonNode.Parse(extras)!.AsObject();
            all = all.Where(v => wanted.All(p => (string?)v["extras"]?[p.Key] == (string?)p.Value));
        }
        var list = all.ToList();
        var items = new JsonArray(list.Skip((page - 1) * limit).Take(limit).Select(v => (JsonNode)v.DeepClone()).ToArray());
        return new JsonObject
        {
            ["totalItems"] = list.Count,
            ["totalPages"] = (list.Count + limit - 1) / limit,
            ["currentPage"] = page,
            ["itemsPerPage"] = limit,
            ["videos"] = items,
        }.ToJsonString();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients) foreach (var c in _clients) c.Dispose();
    }
}
