using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading;
using ArgilPS.Tests.Core;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>
/// The lists of voices, videos, subtitle styles, assets and webhooks are read item by item as the
/// answer arrives (as avatars, see <see cref="StreamedListTests"/>): what arrived before a cut or a
/// malformed entry is output, followed by one error, the list is not asked for again, and -First
/// stops the reading.
/// </summary>
[Collection(nameof(ProcessStateCollection))]
public sealed class ResourceStreamedListTests : CleanArgilEnvironment
{
    private const string Key = "resource-stream-key-0123456789";

    /// <summary>A list: the command that lists it, what opens and closes its body, and its n-th item.</summary>
    public sealed record Resource(string Command, string Open, string Close, Func<int, string> Item, string FirstTwo)
    {
        public override string ToString() => Command;
    }

    private static readonly Dictionary<string, Resource> Resources = new()
    {
        ["voices"] = new("Get-ArgilVoice", "[", "]", n => $"{{\"id\":\"id-{n}\",\"name\":\"n{n}\",\"status\":\"IDLE\"}}", "Get-ArgilVoice | Select-Object -First 2"),
        ["videos"] = new("Get-ArgilVideo", "{\"videos\":[", "],\"totalCount\":1000000}", n => $"{{\"id\":\"id-{n}\",\"name\":\"n{n}\",\"status\":\"IDLE\",\"moments\":[]}}", "Get-ArgilVideo -First 2"),
        ["styles"] = new("Get-ArgilSubtitleStyle", "{\"items\":[", "],\"totalItems\":1000000}", n => $"{{\"id\":\"id-{n}\",\"name\":\"n{n}\"}}", "Get-ArgilSubtitleStyle -First 2"),
        ["assets"] = new("Get-ArgilAsset", "[", "]", n => $"{{\"id\":\"id-{n}\",\"name\":\"n{n}\",\"type\":\"IMAGE\",\"status\":\"READY\"}}", "Get-ArgilAsset -First 2"),
        ["webhooks"] = new("Get-ArgilWebhook", "[", "]", n => $"{{\"id\":\"id-{n}\",\"callbackUrl\":\"https://example.com/n{n}\",\"events\":[\"VIDEO_GENERATION_SUCCESS\"]}}", "Get-ArgilWebhook | Select-Object -First 2"),
    };

    public static IEnumerable<object[]> Names() => Resources.Keys.Select(k => new object[] { k });

    private static PowerShellHost ConnectedTo(Uri baseUri)
    {
        var host = new PowerShellHost();
        var secure = new SecureString();
        foreach (var c in Key) secure.AppendChar(c);
        host.Run($"Connect-Argil -ApiKey $secure -BaseUri '{baseUri}' -Scope Runspace -MaximumRetryCount 3 -RetryIntervalSec 1",
            new Dictionary<string, object?> { ["secure"] = secure }).ThrowIfTerminated();
        return host;
    }

    private static byte[] Chunk(string text)
    {
        var data = System.Text.Encoding.UTF8.GetBytes(text);
        return System.Text.Encoding.ASCII.GetBytes($"{data.Length:X}\r\n").Concat(data).Concat(new byte[] { 13, 10 }).ToArray();
    }

    private const string ChunkedHead = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

    [Theory]
    [MemberData(nameof(Names))]
    public void AnAnswerCutAfterSomeItemsKeepsThemAndIsNotAskedForAgain(string name)
    {
        var list = Resources[name];
        using var server = new LoopbackServer(async x =>
        {
            await x.WriteAsync(ChunkedHead);
            await x.WriteAsync(Chunk(list.Open + list.Item(1) + "," + list.Item(2) + ","));
            x.Reset();
        });
        using var host = ConnectedTo(server.BaseUri);
        var r = host.Run(list.Command + " | ForEach-Object Id");
        Assert.Equal(new[] { "id-1", "id-2" }, r.Output.Select(o => o.ToString()));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("ConnectionFailed,", error.FullyQualifiedErrorId);
        Assert.Contains("nothing comes out twice", error.ToString());
        Assert.Equal(1, server.Requests); // a retry would have written id-1 and id-2 again
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void AMalformedItemEndsTheListWithAnErrorAfterTheItemsBeforeIt(string name)
    {
        var list = Resources[name];
        using var server = new LoopbackServer(x => x.AnswerAsync(200, list.Open + list.Item(1) + ",null," + list.Item(2) + ",42," + list.Item(3) + list.Close));
        using var host = ConnectedTo(server.BaseUri);
        var r = host.Run(list.Command + " | ForEach-Object Id");
        Assert.Equal(new[] { "id-1", "id-2" }, r.Output.Select(o => o.ToString()));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("UnexpectedResponse,", error.FullyQualifiedErrorId);
        Assert.Contains("Item 4 of the list", error.ToString());
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FirstStopsReadingTheAnswerOnceItHasItsItems(string name)
    {
        var list = Resources[name];
        var closedEarly = false;
        using var server = new LoopbackServer(async x =>
        {
            await x.WriteAsync(ChunkedHead);
            await x.WriteAsync(Chunk(list.Open + list.Item(1) + "," + list.Item(2) + ","));
            // The client hangs up after its two items: writing on fails long before the bound.
            try
            {
                for (var i = 3; i < 200_000; i++) await x.WriteAsync(Chunk(list.Item(i) + ","));
            }
            catch (Exception e) when (e is System.IO.IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                closedEarly = true;
            }
        });
        using var host = ConnectedTo(server.BaseUri);
        var r = host.Run(list.FirstTwo + " | ForEach-Object Id");
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "id-1", "id-2" }, r.Output.Select(o => o.ToString()));
        SpinWait.SpinUntil(() => closedEarly, TimeSpan.FromSeconds(20));
        Assert.True(closedEarly, "the client went on reading the list after it had what it wanted");
        Assert.Equal(1, server.Requests);
    }
}
