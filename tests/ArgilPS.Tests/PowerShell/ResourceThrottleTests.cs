using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using ArgilPS.Tests.Infrastructure;
using Xunit;
using GatedServer = ArgilPS.Tests.Commands.ThrottleTests.GatedServer;

namespace ArgilPS.Tests.Commands;

/// <summary>
/// -ThrottleLimit on the resources after avatars: piped creations (New-ArgilVideo with its -Render
/// step, New-ArgilVoice, New-ArgilAsset, New-ArgilWebhook) and gets by id overlap, and their
/// outputs and errors keep the input order. The gated server (see <see cref="ThrottleTests"/>)
/// holds each group of requests until all are in flight and answers the later ones first.
/// </summary>
[Collection(nameof(ProcessStateCollection))]
public sealed class ResourceThrottleTests : CleanArgilEnvironment
{
    private const string Key = "resource-throttle-key-0123456789";

    /// <summary>Each output as "name status", each error as "error &lt;target&gt;", in pipeline order.</summary>
    private const string AsLines = " 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error ' + $_.TargetObject } else { $_.Name + ' ' + $_.Status } }";

    private static PowerShellHost ConnectedTo(Uri baseUri)
    {
        var host = new PowerShellHost();
        var secure = new SecureString();
        foreach (var c in Key) secure.AppendChar(c);
        host.Run($"Connect-Argil -ApiKey $secure -BaseUri '{baseUri}' -Scope Runspace -MaximumRetryCount 2 -RetryIntervalSec 1",
            new Dictionary<string, object?> { ["secure"] = secure }).ThrowIfTerminated();
        return host;
    }

    private static string Video(int n, string status) => $"{{\"id\":\"id-{n}\",\"name\":\"n{n}\",\"status\":\"{status}\",\"moments\":[]}}";

    private const string EightVideos = "1..8 | ForEach-Object { [pscustomobject]@{ Name = \"n$_\"; AvatarId = 'avatar-1'; Script = 'Hello there.' } }";

    [Fact]
    public void PipedVideosAreCreatedAndRenderedFourAtATimeInInputOrder()
    {
        // The first request about n is its creation, the second its render.
        var seen = new ConcurrentDictionary<int, int>();
        using var server = new GatedServer(4, n => seen.AddOrUpdate(n, 1, (_, c) => c + 1) == 1 ? (201, Video(n, "IDLE")) : (200, Video(n, "GENERATING_AUDIO")), 16);
        using var host = ConnectedTo(server.Server.BaseUri);
        var r = host.Run(EightVideos + " | New-ArgilVideo -Render" + AsLines);
        Assert.Null(r.Terminating);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"n{i} GENERATING_AUDIO"), r.Output.Select(o => o.ToString()));
        Assert.Equal(4, server.MaxInFlight);
        Assert.Equal(16, server.Server.Requests);
        lock (server.Server.RequestLines)
        {
            Assert.Equal(8, server.Server.RequestLines.Count(l => l.StartsWith("POST /v1/videos ", StringComparison.Ordinal)));
            for (var i = 1; i <= 8; i++) Assert.Single(server.Server.RequestLines, $"POST /v1/videos/id-{i}/render HTTP/1.1");
        }
    }

    [Fact]
    public void AFailedRenderAndAFailedCreationKeepTheirPlaceAndNothingIsSentTwice()
    {
        // n3's render is refused (400): the video exists, and the error says so, with its id as target.
        // n6's creation fails with a 500: it may exist, so it is neither sent again nor rendered.
        var seen = new ConcurrentDictionary<int, int>();
        using var server = new GatedServer(4, n =>
        {
            var first = seen.AddOrUpdate(n, 1, (_, c) => c + 1) == 1;
            if (n == 6) return (500, "{\"code\":500,\"message\":\"boom\"}");
            if (n == 3 && !first) return (400, "{\"code\":400,\"message\":\"Not enough credits\"}");
            return first ? (201, Video(n, "IDLE")) : (200, Video(n, "GENERATING_AUDIO"));
        }, 16);
        using var host = ConnectedTo(server.Server.BaseUri);
        var r = host.Run(EightVideos + " | New-ArgilVideo -Render -ErrorVariable e" + AsLines + "; $e | ForEach-Object { 'message ' + $_.ToString() }");
        var lines = r.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(new[]
        {
            "n1 GENERATING_AUDIO", "n2 GENERATING_AUDIO", "error id-3", "n4 GENERATING_AUDIO",
            "n5 GENERATING_AUDIO", "error n6", "n7 GENERATING_AUDIO", "n8 GENERATING_AUDIO",
        }, lines.Where(l => !l.StartsWith("message ", StringComparison.Ordinal)));
        Assert.Equal(15, server.Server.Requests); // 8 creations, 7 renders: no retry, no render of n6
        Assert.Equal(1, seen[6]);
        var messages = lines.Where(l => l.StartsWith("message ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains("was created (id id-3)", messages[0]);
        Assert.Contains("Start-ArgilVideoRender", messages[0]);
        Assert.Contains("may have been created", messages[1]);
        Assert.Contains("It was not rendered", messages[1]);
    }

    [Fact]
    public void PipedVideoIdsAreGotFourAtATimeInInputOrderWithNotFoundInPlace()
    {
        using var server = new GatedServer(4, n => n == 2 ? (404, "{\"code\":404,\"message\":\"Video not found\"}") : (200, Video(n, "DONE")), 8);
        using var host = ConnectedTo(server.Server.BaseUri);
        var r = host.Run("1..8 | ForEach-Object { \"id-$_\" } | Get-ArgilVideo" + AsLines);
        Assert.Equal(new[] { "n1 DONE", "error id-2", "n3 DONE", "n4 DONE", "n5 DONE", "n6 DONE", "n7 DONE", "n8 DONE" }, r.Output.Select(o => o.ToString()));
        Assert.Equal(4, server.MaxInFlight);
    }

    [Fact]
    public void PipedVoiceIdsOverlapUpToTheThrottleLimit()
    {
        using var server = new GatedServer(2, n => (200, $"{{\"id\":\"id-{n}\",\"name\":\"n{n}\",\"status\":\"IDLE\"}}"), 6);
        using var host = ConnectedTo(server.Server.BaseUri);
        var r = host.Run("1..6 | ForEach-Object { \"id-$_\" } | Get-ArgilVoice -ThrottleLimit 2" + AsLines);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"n{i} IDLE"), r.Output.Select(o => o.ToString()));
        Assert.Equal(2, server.MaxInFlight);
    }

    [Fact]
    public void PipedAssetIdsWithFirstSendNoRequestFirstDoesNotNeed()
    {
        // Four at a time, but only three assets are wanted: the fourth id is never asked for.
        using var server = new GatedServer(3, n => (200, $"{{\"id\":\"id-{n}\",\"name\":\"n{n}\",\"type\":\"IMAGE\",\"status\":\"READY\"}}"), 3);
        using var host = ConnectedTo(server.Server.BaseUri);
        var r = host.Run("1..8 | ForEach-Object { \"id-$_\" } | Get-ArgilAsset -First 3" + AsLines);
        Assert.Equal(new[] { "n1 READY", "n2 READY", "n3 READY" }, r.Output.Select(o => o.ToString()));
        Assert.Equal(3, server.MaxInFlight);
        Assert.Equal(3, server.Server.Requests);
    }

    [Fact]
    public void PipedAssetsVoicesAndWebhooksAreCreatedConcurrentlyInInputOrder()
    {
        using (var server = new GatedServer(4, n => (201, $"{{\"id\":\"id-{n}\",\"name\":\"n{n}\",\"type\":\"IMAGE\",\"status\":\"PROCESSING\"}}"), 8))
        using (var host = ConnectedTo(server.Server.BaseUri))
        {
            var r = host.Run("1..8 | ForEach-Object { [pscustomobject]@{ Name = \"n$_\"; Type = 'IMAGE'; Url = 'https://example.com/p.png' } } | New-ArgilAsset" + AsLines);
            Assert.Equal(Enumerable.Range(1, 8).Select(i => $"n{i} PROCESSING"), r.Output.Select(o => o.ToString()));
            Assert.Equal(4, server.MaxInFlight);
        }
        using (var server = new GatedServer(4, n => (201, $"{{\"id\":\"id-{n}\",\"name\":\"n{n}\",\"status\":\"IDLE\"}}"), 8))
        using (var host = ConnectedTo(server.Server.BaseUri))
        {
            var r = host.Run("1..8 | ForEach-Object { [pscustomobject]@{ Name = \"n$_\"; AudioUrl = 'https://example.com/a.mp3' } } | New-ArgilVoice" + AsLines);
            Assert.Equal(Enumerable.Range(1, 8).Select(i => $"n{i} IDLE"), r.Output.Select(o => o.ToString()));
            Assert.Equal(4, server.MaxInFlight);
        }
        using (var server = new GatedServer(4, n => n == 3
            ? (500, "{\"code\":500,\"message\":\"boom\"}")
            : (201, $"{{\"id\":\"id-{n}\",\"callbackUrl\":\"https://example.com/id-{n}\",\"events\":[\"VIDEO_GENERATION_SUCCESS\"]}}"), 8))
        using (var host = ConnectedTo(server.Server.BaseUri))
        {
            var r = host.Run("1..8 | ForEach-Object { [pscustomobject]@{ CallbackUrl = \"https://example.com/id-$_\"; Event = 'VIDEO_GENERATION_SUCCESS' } } | New-ArgilWebhook" +
                " 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error ' + $_.TargetObject } else { $_.Id } }");
            Assert.Equal(new[] { "id-1", "id-2", "error https://example.com/id-3", "id-4", "id-5", "id-6", "id-7", "id-8" }, r.Output.Select(o => o.ToString()));
            Assert.Equal(4, server.MaxInFlight);
            Assert.Equal(8, server.Server.Requests); // the webhook that may exist is not created again
        }
    }

    [Theory]
    [InlineData("New-ArgilVideo -Name x -AvatarId a -Script 'Hi.' -ThrottleLimit 0")]
    [InlineData("New-ArgilVoice -Name x -AudioUrl 'https://example.com/a.mp3' -ThrottleLimit 33")]
    [InlineData("New-ArgilAsset -Name x -Type IMAGE -Url 'https://example.com/p.png' -ThrottleLimit 0")]
    [InlineData("New-ArgilWebhook -CallbackUrl 'https://example.com/h' -Event VIDEO_GENERATION_SUCCESS -ThrottleLimit 0")]
    [InlineData("Get-ArgilVoice -Id a -ThrottleLimit 0")]
    [InlineData("Get-ArgilVideo -Id a -ThrottleLimit 33")]
    [InlineData("Get-ArgilAsset -Id a -ThrottleLimit 0")]
    public void AThrottleLimitOutOfRangeIsRefusedBeforeAnyRequest(string command)
    {
        using var server = new GatedServer(1, n => (201, Video(n, "IDLE")), 1);
        using var host = ConnectedTo(server.Server.BaseUri);
        var r = host.Run(command);
        var refusal = r.Terminating?.Message ?? Assert.Single(r.Errors).ToString();
        Assert.Contains("ThrottleLimit", refusal);
        Assert.Equal(0, server.Server.Requests);
    }
}
