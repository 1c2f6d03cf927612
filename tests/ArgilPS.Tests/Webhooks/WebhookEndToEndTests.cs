using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Core.Downloads;
using ArgilPS.Tests.Infrastructure;
using ArgilPS.Tests.Videos;
using Xunit;

namespace ArgilPS.Tests.Webhooks;

/// <summary>
/// The whole webhook story as a user lives it, in the hosted engine on the Manual clock: a webhook
/// registered with New-ArgilWebhook to a loopback receiver the test owns, a video made and rendered
/// with New-ArgilVideo -Render, the clock moved, the event received and read by
/// ConvertFrom-ArgilWebhookEvent, the video saved by Save-ArgilVideo from the event, and the
/// sandbox's delivery journal. Waits go through <see cref="SandboxDeliveries.WhenSettledAsync"/>.
/// </summary>
public sealed class WebhookEndToEndTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly SandboxHost _s = new();
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _s.Dispose();
        _folder.Dispose();
    }

    private Task Settled() => _s.Sandbox.Deliveries.WhenSettledAsync().WaitAsync(Bound);

    private TimeSpan RenderTime => _s.Sandbox.Options.GeneratingAudioDuration + _s.Sandbox.Options.GeneratingVideoDuration;

    private string Register(string url, string events) =>
        _s.Run($"(New-ArgilWebhook -CallbackUrl '{url}' -Event {events} -ErrorAction Stop).Id").ThrowIfTerminated().Output.Single().ToString();

    /// <summary>New-ArgilVideo -Render from a short script, with the given extras and options; returns the video's id.</summary>
    private string RenderVideo(string name, string? outcome = null, string options = "")
    {
        var extras = outcome is null ? "@{ team = 'hr' }" : $"@{{ team = 'hr'; 'sandbox-outcome' = '{outcome}' }}";
        var r = _s.Run($"(New-ArgilVideo -Name '{name}' -AvatarId '{SandboxVideoSupport.PublicAvatar}' -Script 'Hello team. This is the weekly update.' -Extras {extras} -Render {options} -ErrorAction Stop).Id");
        r.ThrowIfTerminated();
        Assert.Empty(r.Errors);
        return r.Output.Single().ToString();
    }

    private WebhookEvent Parse(string body)
    {
        var parsed = _s.Host.Run("ConvertFrom-ArgilWebhookEvent -Body $b", new Dictionary<string, object?> { ["b"] = body });
        Assert.Empty(parsed.Errors);
        return Assert.Single(parsed.Objects<WebhookEvent>());
    }

    [Fact]
    public async Task ARenderedVideoIsAnnouncedReceivedParsedAndSavedFromTheEvent()
    {
        using var receiver = new WebhookReceiver();
        var hook = Register(receiver.Url, "VIDEO_GENERATION_SUCCESS, VIDEO_GENERATION_FAILED");
        var id = RenderVideo("Weekly update");

        await Settled();
        Assert.Empty(receiver.Received); // still generating: the clock has not moved

        _s.Run($"Set-ArgilSandbox -AdvanceSeconds {RenderTime.TotalSeconds}").ThrowIfTerminated();
        await Settled();

        var (method, body, _) = Assert.Single(receiver.Received);
        Assert.Equal("POST", method);
        var e = Parse(body);
        Assert.Equal(("VIDEO_GENERATION_SUCCESS", id, "Weekly update"), (e.Event, e.VideoId, e.VideoName));
        Assert.True(e.IsSuccess);
        Assert.Equal("hr", e.Extras["team"]);
        Assert.StartsWith(_s.Sandbox.FilesUri.AbsoluteUri, e.VideoUrl);
        Assert.Equal(_s.Run($"(Get-ArgilVideo -Id '{id}').VideoUrl").Output.Single().ToString(), e.VideoUrl);

        // The event goes down the pipeline to Save-ArgilVideo, as a receiver would send it.
        var folder = _folder.Path.Replace("'", "''");
        var saved = _s.Host.Run($"ConvertFrom-ArgilWebhookEvent -Body $b | Save-ArgilVideo -Path '{folder}'", new Dictionary<string, object?> { ["b"] = body });
        Assert.Empty(saved.Errors);
        var file = Assert.Single(saved.Objects<FileInfo>());
        Assert.Equal(Path.Combine(_folder.Path, $"Weekly update-{id}.mp4"), file.FullName);
        var bytes = File.ReadAllBytes(file.FullName);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));

        var delivery = Assert.Single(_s.Run("Get-ArgilSandboxDelivery -Wait").Objects<SandboxDelivery>());
        Assert.Equal(("VIDEO_GENERATION_SUCCESS", "Delivered", 200, 1, hook, receiver.Url), (delivery.Event, delivery.Outcome, delivery.StatusCode, delivery.Attempt, delivery.WebhookId, delivery.Url));

        // Time going on does not announce the same render again.
        _s.Run("Set-ArgilSandbox -AdvanceSeconds 3600").ThrowIfTerminated();
        await Settled();
        Assert.Single(receiver.Received);
    }

    [Theory]
    [InlineData("FAILED")]
    [InlineData("CONTENT_MODERATED")]
    public async Task ARenderThatFailsIsVideoGenerationFailedWithoutAVideoUrl(string outcome)
    {
        using var receiver = new WebhookReceiver();
        using var successOnly = new WebhookReceiver();
        Register(receiver.Url, "VIDEO_GENERATION_FAILED");
        Register(successOnly.Url, "VIDEO_GENERATION_SUCCESS");
        var id = RenderVideo("Doomed", outcome);
        RenderVideo("Fine"); // succeeds: announced only to the other receiver

        _s.Sandbox.Clock.Advance(RenderTime);
        await Settled();

        var e = Parse(Assert.Single(receiver.Bodies));
        Assert.Equal(("VIDEO_GENERATION_FAILED", id, "Doomed", null), (e.Event, e.VideoId, e.VideoName, e.VideoUrl));
        Assert.False(e.IsSuccess);
        Assert.Equal("Fine", Parse(Assert.Single(successOnly.Bodies)).VideoName);
        Assert.Equal(new[] { "Delivered", "Delivered" }, _s.Sandbox.Deliveries.Journal.Select(d => d.Outcome));
    }

    [Fact]
    public async Task ARendersOwnLoopbackCallbackUrlGetsTheEventExactlyOnce()
    {
        using var callback = new WebhookReceiver();
        using var subscriber = new WebhookReceiver();
        var hook = Register(subscriber.Url, "VIDEO_GENERATION_SUCCESS");
        var id = RenderVideo("Called back", options: $"-CallbackUrl '{callback.Url}'");
        var other = RenderVideo("Not called back"); // no callbackUrl of its own

        _s.Sandbox.Clock.Advance(RenderTime);
        await Settled();
        _s.Sandbox.Clock.Advance(TimeSpan.FromDays(1));
        await Settled();

        var e = Parse(Assert.Single(callback.Bodies));
        Assert.Equal(("VIDEO_GENERATION_SUCCESS", id), (e.Event, e.VideoId));
        Assert.Equal(new[] { id, other }.OrderBy(x => x), subscriber.Bodies.Select(b => Parse(b).VideoId).OrderBy(x => x));
        var journal = _s.Sandbox.Deliveries.Journal;
        Assert.Equal(3, journal.Count);
        var oneShot = Assert.Single(journal, d => d.WebhookId is null);
        Assert.Equal((callback.Url, "Delivered", 1), (oneShot.Url, oneShot.Outcome, oneShot.Attempt));
        Assert.All(journal.Where(d => d.WebhookId is not null), d => Assert.Equal(hook, d.WebhookId));
    }

    [Fact]
    public async Task StartArgilVideoRenderTakesALoopbackCallbackUrlFromTheSandbox()
    {
        using var callback = new WebhookReceiver();
        var id = _s.CreateVideo("Started later");
        var started = _s.Run($"Start-ArgilVideoRender -Id '{id}' -CallbackUrl '{callback.Url}'");
        Assert.Empty(started.Errors);
        Assert.Equal(callback.Url, System.Text.Json.JsonDocument.Parse(_s.Sandbox.Journal.Last(r => r.Method == "POST").Body).RootElement.GetProperty("callbackUrl").GetString());

        _s.Sandbox.Clock.Advance(RenderTime);
        await Settled();

        Assert.Equal(id, Parse(Assert.Single(callback.Bodies)).VideoId);
    }
}
