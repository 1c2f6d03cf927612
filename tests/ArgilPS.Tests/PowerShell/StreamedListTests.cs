using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Tests.Core;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>A list's objects reach the pipeline while the answer is still arriving, and -First stops the reading.</summary>
[Collection(nameof(ProcessStateCollection))]
public sealed class StreamedListTests : CleanArgilEnvironment
{
    private const string Key = "streamed-list-key-0123456789";

    private static PowerShellHost ConnectedTo(Uri baseUri)
    {
        var host = new PowerShellHost();
        var secure = new SecureString();
        foreach (var c in Key) secure.AppendChar(c);
        host.Run($"Connect-Argil -ApiKey $secure -BaseUri '{baseUri}' -Scope Runspace -MaximumRetryCount 3 -RetryIntervalSec 1",
            new Dictionary<string, object?> { ["secure"] = secure }).ThrowIfTerminated();
        return host;
    }

    private static string Avatar(int n) => $"{{\"id\":\"id-{n}\",\"name\":\"n{n}\",\"status\":\"IDLE\"}}";

    private static byte[] Chunk(string text)
    {
        var data = System.Text.Encoding.UTF8.GetBytes(text);
        return System.Text.Encoding.ASCII.GetBytes($"{data.Length:X}\r\n").Concat(data).Concat(new byte[] { 13, 10 }).ToArray();
    }

    [Fact]
    public void TheFirstAvatarReachesThePipelineBeforeTheBodyHasFinishedArriving()
    {
        using var seenFirst = new ManualResetEventSlim();
        var restSentAfterFirstWasSeen = false;
        using var server = new LoopbackServer(async x =>
        {
            await x.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            await x.WriteAsync(Chunk("[" + Avatar(1) + ","));
            // The rest waits until the pipeline has the first avatar (bounded: without streaming it never would).
            restSentAfterFirstWasSeen = await Task.Run(() => seenFirst.Wait(TimeSpan.FromSeconds(15)));
            await x.WriteAsync(Chunk(Avatar(2) + "]"));
            await x.WriteAsync("0\r\n\r\n");
        });
        using var host = ConnectedTo(server.BaseUri);
        var r = host.Run("Get-ArgilAvatar | ForEach-Object { $null = $seen.Set(); $_.Name }", new Dictionary<string, object?> { ["seen"] = seenFirst });
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "n1", "n2" }, r.Output.Select(o => o.ToString()));
        Assert.True(restSentAfterFirstWasSeen, "the first avatar was written only after the whole body had arrived");
    }

    [Fact]
    public void FirstStopsReadingTheAnswerOnceItHasItsItems()
    {
        var closedEarly = false;
        using var server = new LoopbackServer(async x =>
        {
            await x.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            await x.WriteAsync(Chunk("[" + Avatar(1) + "," + Avatar(2) + ","));
            // The client hangs up after its two avatars: writing on fails long before the bound.
            try
            {
                for (var i = 3; i < 200_000; i++) await x.WriteAsync(Chunk(Avatar(i) + ","));
            }
            catch (Exception e) when (e is System.IO.IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                closedEarly = true;
            }
        });
        using var host = ConnectedTo(server.BaseUri);
        var r = host.Run("Get-ArgilAvatar -Name n* | Select-Object -First 2 | ForEach-Object Name");
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "n1", "n2" }, r.Output.Select(o => o.ToString()));
        // Within a few more writes, the server saw the connection closed.
        SpinWait.SpinUntil(() => closedEarly, TimeSpan.FromSeconds(20));
        Assert.True(closedEarly, "the client went on reading the list after it had what it wanted");
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public void AnAnswerCutAfterSomeAvatarsKeepsThemAndIsNotAskedForAgain()
    {
        using var server = new LoopbackServer(async x =>
        {
            await x.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            await x.WriteAsync(Chunk("[" + Avatar(1) + "," + Avatar(2) + ","));
            x.Reset();
        });
        using var host = ConnectedTo(server.BaseUri);
        var r = host.Run("Get-ArgilAvatar | ForEach-Object Name");
        Assert.Equal(new[] { "n1", "n2" }, r.Output.Select(o => o.ToString()));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("ConnectionFailed,", error.FullyQualifiedErrorId);
        Assert.Contains("nothing comes out twice", error.ToString());
        Assert.Equal(1, server.Requests); // a retry would have written n1 and n2 again
    }
}
