using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ArgilPS.Sandbox;

namespace ArgilPS.Tests.Sandbox;

/// <summary>A sandbox on the Manual clock and raw HTTP to it: what the video and subtitle tests share.</summary>
public abstract class SandboxRawTests : IDisposable
{
    /// <summary>Argil's first public avatar as the sandbox seeds it (landscape).</summary>
    protected const string PublicAvatar = "00000000-0000-4000-8000-000000000001";

    /// <summary>The second public avatar (portrait, 1080x1920).</summary>
    protected const string PortraitAvatar = "00000000-0000-4000-8000-000000000002";

    internal readonly SandboxServer Server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);
    protected readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public virtual void Dispose()
    {
        Http.Dispose();
        Server.Dispose();
    }

    /// <summary>A request to the API (relative to /v1/), with the key unless told otherwise.</summary>
    protected async Task<Answer> Send(HttpMethod method, string path, string? body = null, bool key = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(Server.BaseUri, path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (key) request.Headers.Add("x-api-key", Server.ApiKey);
        using var response = await Http.SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(), headers);
    }

    protected Task<Answer> Get(string path) => Send(HttpMethod.Get, path);

    protected Task<Answer> Post(string path, string? body) => Send(HttpMethod.Post, path, body);

    protected sealed class Answer
    {
        public Answer(int status, string body, Dictionary<string, string> headers)
        {
            Status = status;
            Body = body;
            Headers = headers;
        }

        public int Status { get; }
        public string Body { get; }
        public Dictionary<string, string> Headers { get; }
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";
    }

    protected static string Moment(string transcript, string avatar = PublicAvatar) =>
        $"{{\"avatarId\":\"{avatar}\",\"transcript\":{JsonSerializer.Serialize(transcript)}}}";

    protected static string VideoBody(string name = "Weekly update", string? moments = null, string more = "") =>
        $"{{\"name\":{JsonSerializer.Serialize(name)},\"moments\":[{moments ?? Moment("Hello and welcome to the weekly update.")}]{more}}}";

    /// <summary>Creates a video through the API and returns it.</summary>
    protected async Task<JsonElement> Create(string? body = null)
    {
        var answer = await Post("videos", body ?? VideoBody());
        if (answer.Status != 201) throw new InvalidOperationException(answer.Status + " " + answer.Body);
        return answer.Json;
    }

    /// <summary>Creates, renders and runs a video to its end on the Manual clock.</summary>
    protected async Task<JsonElement> Rendered(string? body = null)
    {
        var id = (await Create(body)).GetProperty("id").GetString()!;
        var render = await Post($"videos/{id}/render", null);
        if (render.Status != 200) throw new InvalidOperationException(render.Body);
        Server.Clock.Advance(Server.Options.GeneratingAudioDuration + Server.Options.GeneratingVideoDuration);
        return (await Get("videos/" + id)).Json;
    }

    protected static string Status(JsonElement video) => video.GetProperty("status").GetString()!;
}
