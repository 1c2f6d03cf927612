using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using Xunit;

namespace ArgilPS.Tests.Core;

/// <summary>
/// Debug text (a request's and an answer's headers and body, copied, scanned and redacted) is built
/// only for a log that will show it, as PowerShell's web cmdlets ask IsWriteDebugEnabled first.
/// </summary>
public sealed class DebugTextTests
{
    /// <summary>A log that says which lines it shows, counts every line it is handed, and keeps them.</summary>
    private sealed class LevelledLog : IRequestLog, IRequestLogLevels
    {
        public LevelledLog(bool verbose, bool debug)
        {
            VerboseEnabled = verbose;
            DebugEnabled = debug;
        }

        public bool VerboseEnabled { get; }
        public bool DebugEnabled { get; }
        public List<string> VerboseLines { get; } = new();
        public List<string> DebugLines { get; } = new();
        public void Verbose(string message) => VerboseLines.Add(message);
        public void Debug(string message) => DebugLines.Add(message);
        public void Warning(string message) { }
    }

    private const string Key = "debug-text-key-0123456789";

    /// <summary>A list answer of about 1 MB.</summary>
    private static byte[] LargeList(int count = 2500)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("{\"id\":\"").Append(Guid.NewGuid()).Append("\",\"name\":\"Avatar ").Append(i)
              .Append("\",\"status\":\"IDLE\",\"width\":1920,\"thumbnailUrl\":\"https://cdn.example.com/").Append('t', 300).Append(".jpg\"}");
        }
        return Encoding.UTF8.GetBytes(sb.Append(']').ToString());
    }

    private static (AvatarsApi Api, ApiRequest Request) Client(byte[] body) =>
        (ClientFactory.WithStub(StubHandler.Bytes(200, body), Key), new ApiRequest("Avatar", HttpMethod.Get, "avatars"));

    [Fact]
    public async Task ALogThatShowsNoDebugLineIsHandedNone()
    {
        var (api, request) = Client(LargeList());
        var off = new LevelledLog(verbose: false, debug: false);
        var on = new LevelledLog(verbose: true, debug: true);

        var listedOff = await api.ListAvatarsAsync(new AvatarListFilter(), off, default);
        var listedOn = await api.ListAvatarsAsync(new AvatarListFilter(), on, default);
        await api.Http.SendAsync(request, off, default);
        await api.Http.SendAsync(request, on, default);

        Assert.Equal(2500, listedOff.Count);
        Assert.Equal(2500, listedOn.Count);
        Assert.Empty(off.DebugLines);
        Assert.Empty(off.VerboseLines);
        // The same call with the lines wanted: the request, the answer's status and headers, and
        // what was read (a list is read item by item as it arrives, never held, so its body is not shown).
        Assert.Contains(on.DebugLines, l => l.StartsWith("HTTP request: GET", StringComparison.Ordinal));
        var answers = on.DebugLines.Where(l => l.StartsWith("HTTP response: 200", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, answers.Count);
        Assert.Contains("Content-Type", answers[0]);
        Assert.DoesNotContain("\"name\":\"Avatar 0\"", answers[0]);
        // The same body sent for whole (not as a list) shows in its debug line, cut.
        Assert.Contains("\"name\":\"Avatar 0\"", answers[1]);
        Assert.Contains("more characters)", answers[1]);
        Assert.Contains(on.DebugLines, l => l.Contains("bytes of body, read as they came"));
        Assert.Contains(on.VerboseLines, l => l.Contains("-> 200"));
    }

    [Fact]
    public void WithoutDebugTheAnswerCostsNoDebugText()
    {
        var body = LargeList();
        var (api, request) = Client(body);
        long Allocated(IRequestLog log)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            // The stub answers at once and the body is read from memory: the whole call runs on this thread.
            var call = api.Http.SendAsync(request, log, default);
            var after = GC.GetAllocatedBytesForCurrentThread();
            Assert.True(call.IsCompleted, "the call did not complete on the calling thread; the measure would be incomplete");
            Assert.Equal(200, call.GetAwaiter().GetResult().StatusCode);
            return after - before;
        }

        for (var i = 0; i < 3; i++) // warm up: JIT, regex caches, the key's pattern
        {
            Allocated(new LevelledLog(true, true));
            Allocated(new LevelledLog(false, false));
        }
        var withDebug = Enumerable.Range(0, 5).Min(_ => Allocated(new LevelledLog(true, true)));
        var withoutDebug = Enumerable.Range(0, 5).Max(_ => Allocated(new LevelledLog(false, false)));

        // The debug text of one exchange is at least the shown part of the body (some 4,000 characters, 8 KB)
        // built a few times over (builder, redaction, the line). Without debug none of it is made; what
        // remains is the body itself: its bytes and its text, about 3 bytes per byte received.
        Assert.True(withDebug - withoutDebug >= 16 * 1024,
            $"with debug {withDebug:N0} bytes, without {withoutDebug:N0}: the debug text is still built without debug");
        Assert.True(withoutDebug < 3.2 * body.Length, $"without debug {withoutDebug:N0} bytes for a body of {body.Length:N0}");
    }

    [Fact]
    public async Task ALogThatSaysNothingOfItsLevelsGetsEveryLine()
    {
        // Logs written before levels existed (and the test logs) keep every line.
        var (api, request) = Client(Encoding.UTF8.GetBytes("[]"));
        var log = new RecordingLog();

        await api.Http.SendAsync(request, log, default);

        Assert.Contains(log.Of("Debug"), l => l.StartsWith("HTTP response: 200", StringComparison.Ordinal));
        Assert.Contains(log.Of("Verbose"), l => l.Contains("-> 200"));
    }
}

/// <summary>
/// The log of a throttled operation (piped New-*, Get-* -Id) carries the cmdlet's levels, so the client
/// builds no debug text for it without -Debug. Before it did, every such call built about 880
/// characters of debug text that WriteDebug then dropped (the benchmark's "log that does not say" row).
/// </summary>
public sealed class BufferedRequestLogTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void SaysTheCmdletsLevelsAndKeepsOnlyTheLinesThatWillBeSeen(bool verbose, bool debug)
    {
        var log = new ArgilPS.Commands.ArgilCmdlet.BufferedRequestLog(verbose, debug);
        Assert.Equal(debug, log.IsDebugEnabled());
        Assert.Equal(verbose, log.IsVerboseEnabled());
        log.Verbose("v");
        log.Debug("d");
        log.Warning("w");
        var kept = log.Lines.Select(l => l.Item2).ToList();
        Assert.Equal(verbose, kept.Contains("v"));
        Assert.Equal(debug, kept.Contains("d"));
        Assert.Contains("w", kept);
    }
}
