using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Core;
using Xunit;
using ArgilPS.Tests.Avatars;

namespace ArgilPS.Tests.Sandbox;

public class SandboxClockTests
{
    [Fact]
    public async Task ManualTimeStandsStillUntilAWaitOrAnAdvance()
    {
        var clock = new SandboxClock(SandboxTimeMode.Manual);
        var t0 = clock.UtcNow;
        Assert.Equal(t0, clock.UtcNow);
        await clock.Delay(TimeSpan.FromMinutes(5), default); // returns at once
        Assert.Equal(t0 + TimeSpan.FromMinutes(5), clock.UtcNow);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(t0 + TimeSpan.FromSeconds(301), clock.UtcNow);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
        await clock.Delay(TimeSpan.FromSeconds(-3), default);
        Assert.Equal(t0 + TimeSpan.FromSeconds(301), clock.UtcNow);
    }

    [Fact]
    public async Task AcceleratedWaitsSkipAheadOfTheWallClock()
    {
        var clock = new SandboxClock(SandboxTimeMode.Accelerated);
        var wall = DateTime.UtcNow;
        await clock.Delay(TimeSpan.FromHours(1), default).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.InRange(clock.UtcNow - wall, TimeSpan.FromHours(1), TimeSpan.FromHours(1) + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ChangingTheModeKeepsTheClockContinuous()
    {
        var clock = new SandboxClock(SandboxTimeMode.Manual);
        clock.Advance(TimeSpan.FromDays(1));
        var before = clock.UtcNow;
        clock.Mode = SandboxTimeMode.Accelerated;
        Assert.InRange(clock.UtcNow - before, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        clock.Mode = SandboxTimeMode.Manual;
        var frozen = clock.UtcNow;
        Assert.InRange(frozen - before, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(frozen, clock.UtcNow);
    }

    [Fact]
    public async Task RealtimeWaitsReallyWaitAndCanBeCancelled()
    {
        var clock = new SandboxClock(SandboxTimeMode.Realtime);
        using var cts = new CancellationTokenSource();
        var wait = clock.Delay(TimeSpan.FromMinutes(10), cts.Token);
        Assert.False(wait.IsCompleted);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SandboxClock(SandboxTimeMode.Manual).Delay(TimeSpan.FromSeconds(1), cts.Token));
    }
}

public class SandboxFaultTests
{
    [Theory]
    [InlineData("*", "*", "GET", "/avatars/1", true)]
    [InlineData("GET", "/avatars", "GET", "/avatars", true)]
    [InlineData("GET", "/avatars", "GET", "/avatars/", true)]
    [InlineData("GET", "/avatars", "GET", "/avatars/1", false)]
    [InlineData("get", "avatars/*", "GET", "/avatars/1", true)]
    [InlineData("POST", "/avatars", "GET", "/avatars", false)]
    [InlineData("*", "/AVATARS/*", "POST", "/avatars/x", true)]
    [InlineData("*", "/videos/*", "GET", "/avatars/1", false)]
    [InlineData("*", "/a.b", "GET", "/axb", false)] // a dot is a dot, not a regex wildcard
    public void FaultsMatchMethodAndPathWithWildcards(string method, string path, string requestMethod, string requestPath, bool matches)
    {
        Assert.Equal(matches, new SandboxFault { Method = method, Path = path }.Matches(requestMethod, requestPath));
    }
}

public sealed class SandboxServerTests : IDisposable
{
    private readonly SandboxServer _server = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);

    public void Dispose() => _server.Dispose();

    [Fact]
    public void AFaultMustApplyToARequest()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _server.AddFault(new SandboxFault { Count = 0 }));
        Assert.Empty(_server.Faults);
    }

    [Fact]
    public async Task FaultsAreUsedUpInOrderAndCountHits()
    {
        var twice = new SandboxFault { Method = "GET", Path = "/avatars", StatusCode = 502, Count = 2 };
        _server.AddFault(twice);
        _server.AddFault(new SandboxFault { Method = "GET", Path = "/avatars", StatusCode = 504 });
        _server.AddFault(new SandboxFault { Method = "POST", Path = "/avatars", StatusCode = 500 });
        var client = ClientFactory.For(_server);

        await client.ListAvatarsAsync(new AvatarListFilter(), NullRequestLog.Instance, default);

        var journal = await ClientFactory.JournalAtLeast(_server, 4, TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { 502, 502, 504, 200 }, journal.OrderBy(r => r.Sequence).Select(r => r.StatusCode));
        Assert.Equal(new[] { 1, 2, 3, 4 }, journal.Select(r => r.Sequence).OrderBy(s => s));
        Assert.Equal(2, twice.Hits);
        Assert.Equal("POST /avatars: Status 500 (1 left)", Assert.Single(_server.Faults).ToString());
        _server.ClearFaults();
        Assert.Empty(_server.Faults);
        _server.ClearJournal();
        Assert.Empty(_server.Journal);
    }

    [Fact]
    public async Task TheJournalKeepsTheRequestButNeverTheKey()
    {
        var handled = new TaskCompletionSource<SandboxRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.RequestHandled += r => handled.TrySetResult(r);
        var client = ClientFactory.For(_server);

        await client.ListAvatarsAsync(new AvatarListFilter { Orientation = "ASPECT_RATIO_9_16", Model = "ARGIL_V1" }, NullRequestLog.Instance, default);

        var entry = await handled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("GET", "/avatars", "orientation=ASPECT_RATIO_9_16&model=ARGIL_V1", "valid", 200), (entry.Method, entry.Path, entry.Query, entry.KeyCheck, entry.StatusCode));
        Assert.Equal(_server.Clock.UtcNow, entry.Time);
        var everything = string.Join("|", entry.ToString(), entry.Body, entry.Query, entry.Path, entry.Fault, entry.KeyCheck);
        Assert.DoesNotContain(_server.ApiKey, everything);
    }

    [Fact]
    public async Task TheListFiltersAndRejectsUnknownValues()
    {
        var client = ClientFactory.For(_server);
        var portrait = await client.ListAvatarsAsync(new AvatarListFilter { Orientation = "ASPECT_RATIO_9_16" }, NullRequestLog.Instance, default);
        Assert.Equal("Sandbox Street Reporter", Assert.Single(portrait).Name);
        Assert.Equal(2, (await client.ListAvatarsAsync(new AvatarListFilter { Model = "ARGIL_V1" }, NullRequestLog.Instance, default)).Count);
        Assert.Empty(await client.ListAvatarsAsync(new AvatarListFilter { Visibility = "private" }, NullRequestLog.Instance, default));

        var e = await Assert.ThrowsAsync<ArgilApiException>(() => client.ListAvatarsAsync(new AvatarListFilter { Model = "GPT" }, NullRequestLog.Instance, default));
        Assert.Equal(ApiFailureKind.InvalidRequest, e.Kind);
        Assert.Contains("model must be one of", e.ApiMessage);
    }

    [Fact]
    public async Task AnAvatarTrainsOnTheSandboxClock()
    {
        var client = ClientFactory.For(_server);
        var created = await client.CreateAvatarAsync(new NewAvatarRequest
        {
            Name = "Trainee", ImageUrl = "https://example.com/me.png",
            Extras = new Dictionary<string, string> { [SandboxAvatars.OutcomeExtra] = "REFUSED", ["team"] = "qa" },
        }, NullRequestLog.Instance, default);
        Assert.Equal("TRAINING", created.Status);
        Assert.Equal("qa", created.Extras["team"]);

        _server.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("TRAINING", (await client.GetAvatarAsync(created.Id, NullRequestLog.Instance, default)).Status);
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        var done = await client.GetAvatarAsync(created.Id, NullRequestLog.Instance, default);
        Assert.Equal("REFUSED", done.Status);
        Assert.True(AvatarStatus.IsTerminal(done.Status));
        Assert.Equal(created.CreatedAt + TimeSpan.FromSeconds(30), done.UpdatedAt);

        Assert.True(_server.Avatars.ForceStatus(created.Id, "SOMETHING_NEW"));
        Assert.Equal("SOMETHING_NEW", (await client.GetAvatarAsync(created.Id, NullRequestLog.Instance, default)).Status);
        Assert.False(_server.Avatars.ForceStatus("no-such-id", "IDLE"));
    }

    [Theory]
    [InlineData("{\"type\":\"IMAGE\",\"name\":\"n\"}", "datasetImage is required")]
    [InlineData("{\"type\":\"IMAGE\",\"name\":\"n\",\"datasetImage\":{\"url\":\"http://x.example/a.png\"}}", "https URL")]
    [InlineData("{\"type\":\"IMAGE\",\"name\":\"n\",\"datasetImage\":{\"url\":\"https://x.example/a.png\"},\"color\":\"red\"}", "'color' is not allowed")]
    [InlineData("{\"type\":\"IMAGE\",\"name\":\"\",\"datasetImage\":{\"url\":\"https://x.example/a.png\"}}", "1 to 256 characters")]
    [InlineData("{\"type\":\"IMAGE\",\"name\":\"n\",\"datasetImage\":{\"base64\":\"data:image/png;base64,QUJD\"}}", "not a PNG, JPEG or WEBP")]
    [InlineData("{\"name\":\"n\"}", "datasetVideo is required")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("{", "not valid JSON")]
    public async Task TheSandboxValidatesBodiesAsTheApiDocuments(string body, string problem)
    {
        var client = ClientFactory.For(_server);
        var e = await Assert.ThrowsAsync<ArgilApiException>(() =>
            client.Http.SendAsync(new ApiRequest("Avatar", System.Net.Http.HttpMethod.Post, "avatars", body), NullRequestLog.Instance, default));
        Assert.Equal(ApiFailureKind.InvalidRequest, e.Kind);
        Assert.Equal(400, e.StatusCode);
        Assert.Contains(problem, e.ApiMessage);
        Assert.Equal(1, e.Attempts); // a 400 is never retried
    }

    [Fact]
    public async Task AnUploadedImageIsCheckedAndItsSizeKept()
    {
        var client = ClientFactory.For(_server);
        var small = "data:image/png;base64," + Convert.ToBase64String(ImageInspectorTests.Png(1024, 576));
        var e = await Assert.ThrowsAsync<ArgilApiException>(() =>
            client.CreateAvatarAsync(new NewAvatarRequest { Name = "s", ImageDataUri = small }, NullRequestLog.Instance, default));
        Assert.Contains("at least 720p", e.ApiMessage);

        var portrait = "data:image/webp;base64," + Convert.ToBase64String(ImageInspectorTests.WebpVp8X(1080, 1920));
        var avatar = await client.CreateAvatarAsync(new NewAvatarRequest { Name = "p", ImageDataUri = portrait }, NullRequestLog.Instance, default);
        Assert.Equal((1080, 1920, "ASPECT_RATIO_9_16"), (avatar.Width!.Value, avatar.Height!.Value, avatar.Orientation!));
    }

    [Fact]
    public async Task TheLegacyCreateAtSpellingReachesTheClientIntact()
    {
        using var legacy = SandboxServer.Start(timeMode: SandboxTimeMode.Manual, options: new SandboxOptions { LegacyTimestampSpelling = true });
        var client = ClientFactory.For(legacy);
        var avatar = await client.GetAvatarAsync(ClientFactory.PublicAvatarId, NullRequestLog.Instance, default);
        Assert.NotNull(avatar.CreatedAt);
        Assert.Equal(legacy.Clock.UtcNow - TimeSpan.FromDays(90), avatar.CreatedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.True(legacy.State.LegacyTimestampSpelling);
        Assert.Equal(legacy.BaseUri, legacy.State.BaseUri);
    }

    [Fact]
    public async Task UnknownRoutesAreNotFoundAndAMissingKeyIsUnauthorized()
    {
        var client = ClientFactory.For(_server);
        var e = await Assert.ThrowsAsync<ArgilApiException>(() =>
            client.Http.SendAsync(new ApiRequest("Avatar", System.Net.Http.HttpMethod.Delete, "avatars/x"), NullRequestLog.Instance, default));
        Assert.Equal(ApiFailureKind.NotFound, e.Kind);

        using var raw = new System.Net.Http.HttpClient();
        var response = await raw.GetAsync(new Uri(_server.BaseUri, "avatars"));
        Assert.Equal(401, (int)response.StatusCode);
        // Only the keyed request is journalled: a keyless one is refused before anything else.
        var only = Assert.Single(_server.Journal);
        Assert.Equal(("DELETE", 404, "valid"), (only.Method, only.StatusCode, only.KeyCheck));
    }
}
