using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Webhooks;

/// <summary>
/// The sandbox really calls the registered webhooks: end to end, from New-ArgilWebhook and
/// New-ArgilAvatar to a receiver on loopback, on the Manual clock; waits go through
/// <see cref="SandboxDeliveries.WhenSettledAsync"/>, never a sleep.
/// </summary>
public class WebhookDeliveryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static async Task Settled(SandboxServer server) => await server.Deliveries.WhenSettledAsync().WaitAsync(Bound);

    private static string Register(SandboxHost s, string url, string events) =>
        s.Run($"(New-ArgilWebhook -CallbackUrl '{url}' -Event {events} -ErrorAction Stop).Id").ThrowIfTerminated().Output.Single().ToString();

    private static string NewAvatar(SandboxHost s, string name, string outcome = "IDLE") =>
        s.Run($"(New-ArgilAvatar -Name '{name}' -ImageUrl 'https://example.com/{name}.png' -VoiceId 'voice-7' -Extras @{{ 'sandbox-outcome' = '{outcome}'; team = 'hr' }} -ErrorAction Stop).Id")
            .ThrowIfTerminated().Output.Single().ToString();

    [Fact]
    public async Task AnAvatarThatTrainsOnTheManualClockIsAnnouncedToItsSubscribersAndParsed()
    {
        using var receiver = new WebhookReceiver();
        using var videosOnly = new WebhookReceiver();
        using var s = new SandboxHost();
        var hook = Register(s, receiver.Url, "AVATAR_TRAINING_SUCCESS, AVATAR_TRAINING_FAILED");
        Register(s, videosOnly.Url, "VIDEO_GENERATION_SUCCESS");
        var avatar = NewAvatar(s, "Jane");

        await Settled(s.Sandbox);
        Assert.Empty(receiver.Received); // still TRAINING: time has not moved

        var advanced = s.Run("Set-ArgilSandbox -AdvanceSeconds 30");
        Assert.Empty(advanced.Errors);
        await Settled(s.Sandbox);

        var (method, body, headers) = Assert.Single(receiver.Received);
        Assert.Equal("POST", method);
        Assert.StartsWith("application/json", headers["Content-Type"]);
        Assert.Null(headers["x-api-key"]); // the sandbox's key never goes to a receiver
        Assert.DoesNotContain(s.ApiKey, headers.ToString());
        Assert.Empty(videosOnly.Received);

        var parsed = s.Host.Run("ConvertFrom-ArgilWebhookEvent -Body $b", new Dictionary<string, object?> { ["b"] = body });
        Assert.Empty(parsed.Errors);
        var e = Assert.Single(parsed.Objects<WebhookEvent>());
        Assert.Equal(("AVATAR_TRAINING_SUCCESS", avatar, "Jane", "voice-7"), (e.Event, e.AvatarId, e.AvatarName, e.VoiceId));
        Assert.Equal("hr", e.Extras["team"]);

        var delivery = Assert.Single(s.Sandbox.Deliveries.Journal);
        Assert.Equal(("Delivered", 200, 1, hook), (delivery.Outcome, delivery.StatusCode, delivery.Attempt, delivery.WebhookId));
        var webhook = s.Run($"Get-ArgilWebhook -Id '{hook}'").Objects<Webhook>().Single();
        Assert.Equal(s.Sandbox.Clock.UtcNow, webhook.LastTriggeredAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Null(s.Run("Get-ArgilWebhook").Objects<Webhook>().Single(w => w.Id != hook).LastTriggeredAt);

        // Time going on does not announce the same training again.
        s.Run("Set-ArgilSandbox -AdvanceSeconds 3600").ThrowIfTerminated();
        await Settled(s.Sandbox);
        Assert.Single(receiver.Received);
    }

    [Theory]
    [InlineData("TRAINING_FAILED")]
    [InlineData("REFUSED")]
    public async Task AFailedOrRefusedTrainingIsAvatarTrainingFailed(string outcome)
    {
        using var receiver = new WebhookReceiver();
        using var s = new SandboxHost();
        Register(s, receiver.Url, "AVATAR_TRAINING_FAILED");
        var avatar = NewAvatar(s, "Bad", outcome);
        NewAvatar(s, "Good"); // succeeds: not subscribed
        NewAvatar(s, "Forever", "TRAINING"); // never ends: never announced
        s.Sandbox.Clock.Advance(TimeSpan.FromDays(1));
        await Settled(s.Sandbox);
        var e = s.Host.Run("ConvertFrom-ArgilWebhookEvent -Body $b", new Dictionary<string, object?> { ["b"] = Assert.Single(receiver.Bodies) }).Objects<WebhookEvent>().Single();
        Assert.Equal(("AVATAR_TRAINING_FAILED", avatar, "Bad", null), (e.Event, e.AvatarId, e.AvatarName, e.VoiceId));
        Assert.DoesNotContain("voiceId", receiver.Bodies[0]);
    }

    [Fact]
    public async Task AFailingReceiverIsRetriedAfterABackOffOnTheSandboxClockAndEveryAttemptIsJournalled()
    {
        using var receiver = new WebhookReceiver(500);
        using var s = new SandboxHost();
        var hook = Register(s, receiver.Url, "AVATAR_TRAINING_SUCCESS");
        NewAvatar(s, "Retry me");
        var user = s.Run("Set-ArgilSandbox -AdvanceSeconds 30");
        await Settled(s.Sandbox);

        var first = Assert.Single(s.Sandbox.Deliveries.Journal);
        Assert.Equal(("Retrying", 500, 1), (first.Outcome, first.StatusCode, first.Attempt));
        Assert.Contains("HTTP 500", first.Error);
        Assert.Equal(first.Time + TimeSpan.FromSeconds(1), first.NextAttemptAt);
        Assert.Single(receiver.Received);
        Assert.Equal(1, s.Sandbox.Deliveries.Pending);
        // The failure is the sandbox's business: the user's command saw nothing of it.
        Assert.Empty(user.Errors);
        Assert.Empty(user.Warnings);

        s.Sandbox.Clock.Advance(TimeSpan.FromSeconds(1));
        await Settled(s.Sandbox);
        Assert.Equal(new[] { ("Retrying", 500, 1), ("Delivered", 200, 2) }, s.Sandbox.Deliveries.Journal.Select(d => (d.Outcome, d.StatusCode, d.Attempt)));
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(receiver.Bodies[0], receiver.Bodies[1]);
        Assert.Equal(0, s.Sandbox.Deliveries.Pending);

        var journal = s.Run("Get-ArgilSandboxDelivery").Objects<SandboxDelivery>().ToList();
        Assert.Equal(new[] { 1, 2 }, journal.Select(d => d.Attempt));
        Assert.All(journal, d => Assert.Equal(hook, d.WebhookId));
        Assert.DoesNotContain(s.Sandbox.Journal, r => r.Path.Contains("hook/")); // deliveries are not requests to the API
    }

    [Fact]
    public async Task AReceiverThatKeepsFailingIsGivenUpAfterTheLastAttempt()
    {
        using var receiver = new WebhookReceiver(503, 502, 500, 500);
        using var s = new SandboxHost();
        Register(s, receiver.Url, "AVATAR_TRAINING_SUCCESS");
        NewAvatar(s, "Never heard");
        s.Sandbox.Clock.Advance(TimeSpan.FromSeconds(30));
        await Settled(s.Sandbox);
        foreach (var wait in new[] { 1, 4, 16 })
        {
            s.Sandbox.Clock.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromTicks(1));
            await Settled(s.Sandbox);
            var before = receiver.Received.Count;
            s.Sandbox.Clock.Advance(TimeSpan.FromTicks(1));
            await Settled(s.Sandbox);
            Assert.Equal(before + 1, receiver.Received.Count);
        }
        Assert.Equal(new[] { "Retrying", "Retrying", "Retrying", "GaveUp" }, s.Sandbox.Deliveries.Journal.Select(d => d.Outcome));
        Assert.Null(s.Sandbox.Deliveries.Journal.Last().NextAttemptAt);
        s.Sandbox.Clock.Advance(TimeSpan.FromDays(1));
        await Settled(s.Sandbox);
        Assert.Equal(4, receiver.Received.Count);
    }

    [Fact]
    public async Task AnUnreachableReceiverIsJournalledAsSuch()
    {
        string url;
        using (var closed = new WebhookReceiver()) url = closed.Url; // nothing listens there any more
        using var s = new SandboxHost();
        s.Sandbox.Options.DeliveryAttempts = 1;
        Register(s, url, "AVATAR_TRAINING_SUCCESS");
        NewAvatar(s, "Nobody home");
        s.Sandbox.Clock.Advance(TimeSpan.FromSeconds(30));
        await Settled(s.Sandbox);
        var delivery = Assert.Single(s.Sandbox.Deliveries.Journal);
        Assert.Equal(("GaveUp", 0), (delivery.Outcome, delivery.StatusCode));
        Assert.Contains("could not be reached", delivery.Error);
    }

    [Fact]
    public async Task PublishDeliversToSubscribersAndOnceToAOneShotUrl()
    {
        using var subscriber = new WebhookReceiver();
        using var oneShot = new WebhookReceiver();
        using var s = new SandboxHost();
        var hook = Register(s, subscriber.Url, "VIDEO_GENERATION_SUCCESS");
        var queued = s.Sandbox.Events.Publish("VIDEO_GENERATION_SUCCESS",
            new Dictionary<string, object?> { ["videoId"] = "v1", ["videoName"] = "Demo", ["videoUrl"] = "https://cdn.example.com/v1.mp4", ["extras"] = new Dictionary<string, string> { ["k"] = "v" } },
            oneShot.Url);
        Assert.Equal(2, queued);
        await Settled(s.Sandbox);
        Assert.Equal("{\"event\":\"VIDEO_GENERATION_SUCCESS\",\"data\":{\"videoId\":\"v1\",\"videoName\":\"Demo\",\"videoUrl\":\"https://cdn.example.com/v1.mp4\",\"extras\":{\"k\":\"v\"}}}", Assert.Single(subscriber.Bodies));
        Assert.Equal(subscriber.Bodies[0], Assert.Single(oneShot.Bodies));
        Assert.Equal(new[] { hook, null }, s.Sandbox.Deliveries.Journal.OrderBy(d => d.WebhookId is null).Select(d => d.WebhookId));
        var e = s.Host.Run("ConvertFrom-ArgilWebhookEvent -Body $b", new Dictionary<string, object?> { ["b"] = oneShot.Bodies[0] }).Objects<WebhookEvent>().Single();
        Assert.Equal(("v1", "https://cdn.example.com/v1.mp4", "v"), (e.VideoId, e.VideoUrl, e.Extras["k"]));
    }

    [Fact]
    public async Task InRealTimeTheSandboxsOwnTimerNoticesTheEndOfTraining()
    {
        using var receiver = new WebhookReceiver();
        using var server = SandboxServer.Start(timeMode: SandboxTimeMode.Realtime, options: new SandboxOptions { TrainingDuration = TimeSpan.FromMilliseconds(200) });
        server.Webhooks.Create($"{{\"callbackUrl\":\"{receiver.Url}\",\"events\":[\"AVATAR_TRAINING_SUCCESS\"]}}");
        var delivered = new TaskCompletionSource<SandboxDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Deliveries.Attempted += d => delivered.TrySetResult(d);
        var created = server.Avatars.Create("{\"type\":\"IMAGE\",\"name\":\"Timer\",\"datasetImage\":{\"url\":\"https://example.com/t.png\"}}");
        Assert.Equal(201, created.Status);
        // Nobody moves the clock or asks: the end of training is noticed by the timer.
        var delivery = await delivered.Task.WaitAsync(Bound);
        Assert.Equal(("AVATAR_TRAINING_SUCCESS", "Delivered"), (delivery.Event, delivery.Outcome));
        Assert.Contains("\"avatarName\":\"Timer\"", Assert.Single(receiver.Bodies));
    }

    [Fact]
    public async Task StoppingTheSandboxStopsItsDeliveries()
    {
        using var receiver = new WebhookReceiver(500);
        var s = new SandboxHost();
        var server = s.Sandbox;
        Register(s, receiver.Url, "AVATAR_TRAINING_SUCCESS");
        NewAvatar(s, "Stopped");
        server.Clock.Advance(TimeSpan.FromSeconds(30));
        await Settled(server);
        Assert.Equal(1, server.Deliveries.Pending); // a retry waits for the clock
        s.Dispose(); // Disconnect-Argil
        Assert.Equal(0, server.Deliveries.Pending);
        server.Clock.Advance(TimeSpan.FromDays(1));
        server.Events.Publish("AVATAR_TRAINING_SUCCESS", new Dictionary<string, object?> { ["avatarId"] = "late" });
        await Settled(server);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task RemovingTheModuleStopsTheDeliveriesAndTheMonitor()
    {
        using var receiver = new WebhookReceiver(500);
        using var s = new SandboxHost();
        var server = s.Sandbox;
        Register(s, receiver.Url, "AVATAR_TRAINING_SUCCESS");
        NewAvatar(s, "Removed");
        server.Clock.Advance(TimeSpan.FromSeconds(30));
        await Settled(server);
        Assert.Equal(1, server.Deliveries.Pending);
        NewAvatar(s, "Second");
        s.Run("Remove-Module ArgilPS").ThrowIfTerminated();
        Assert.Equal(0, server.Deliveries.Pending);
        server.Clock.Advance(TimeSpan.FromDays(1)); // the second avatar's training ends unannounced, the retry never comes
        await Settled(server);
        Assert.Single(receiver.Received);
    }
}
