using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Downloads;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Core.Downloads;

/// <summary>A folder of its own for a test's downloads, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "argilps-download-" + Guid.NewGuid().ToString("N"));
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public string[] Names => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

internal static class DownloadTestSupport
{
    public const string Key = "dl-test-key-7c1b2e9d4f";

    public static FileDownloader Downloader(int timeoutSec = 30, int maximumRetryCount = 2, IClock? clock = null) =>
        new(new ArgilClientSettings(new Uri("https://api.example.test/v1/"), new ApiKey(Key), timeoutSec, maximumRetryCount, 1),
            clock ?? new SandboxClock(SandboxTimeMode.Manual), random: new Random(7));

    /// <summary>The byte at <paramref name="index"/> of a test body: a pattern that a shifted or repeated chunk breaks.</summary>
    public static byte At(long index) => (byte)((index * 31 + index / 65536) % 251);

    /// <summary>Writes <paramref name="length"/> bytes of the pattern, from one reused chunk (the server allocates nothing per write).</summary>
    public static async Task WriteBodyAsync(LoopbackExchange exchange, long length, long stopAfter = long.MaxValue)
    {
        var chunk = new byte[64 * 1024];
        for (long sent = 0; sent < Math.Min(length, stopAfter);)
        {
            var n = (int)Math.Min(chunk.Length, Math.Min(length, stopAfter) - sent);
            for (var i = 0; i < n; i++) chunk[i] = At(sent + i);
            await exchange.WriteAsync(n == chunk.Length ? chunk : chunk.AsSpan(0, n).ToArray()).ConfigureAwait(false);
            sent += n;
        }
    }

    public static Task HeadAsync(LoopbackExchange exchange, long length, string type = "video/mp4") =>
        exchange.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: {type}\r\nContent-Length: {length}\r\n\r\n");

    public static void AssertPattern(string file, long length)
    {
        using var stream = File.OpenRead(file);
        Assert.Equal(length, stream.Length);
        var buffer = new byte[64 * 1024];
        long at = 0;
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < n; i++)
                if (buffer[i] != At(at + i)) Assert.Fail($"Byte {at + i} is {buffer[i]}, expected {At(at + i)}.");
            at += n;
        }
    }
}

public sealed class FileDownloaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TheFileArrivesWholeUnderItsNameWithByteProgressAndNothingElseIsLeft()
    {
        const long length = 3 * 1024 * 1024 + 123;
        using var server = new LoopbackServer(async x =>
        {
            await DownloadTestSupport.HeadAsync(x, length);
            await DownloadTestSupport.WriteBodyAsync(x, length);
        });
        var reports = new List<DownloadProgress>();
        var target = _folder.File("intro-v1.mp4");

        var file = await DownloadTestSupport.Downloader().DownloadAsync($"http://127.0.0.1:{server.Port}/files/v1.mp4", target, false,
            p => reports.Add(p), NullRequestLog.Instance, default);

        Assert.Equal(target, file.FullName);
        DownloadTestSupport.AssertPattern(target, length);
        Assert.Equal(new[] { "intro-v1.mp4" }, _folder.Names);
        Assert.Equal(0, reports[0].BytesDone);
        Assert.All(reports, r => Assert.Equal(length, r.TotalBytes));
        Assert.Equal(length, reports[^1].BytesDone);
        Assert.Equal(100, reports[^1].Percent);
        Assert.True(reports.Count >= 6, $"{reports.Count} progress reports for 3 MiB");
        Assert.Equal(reports.Select(r => r.BytesDone).OrderBy(b => b), reports.Select(r => r.BytesDone));
    }

    [Fact]
    public async Task TheRequestCarriesNoKeyNoCookieAndNoAuthorization()
    {
        string? head = null;
        using var server = new LoopbackServer(async x =>
        {
            head = x.Head;
            await DownloadTestSupport.HeadAsync(x, 10);
            await DownloadTestSupport.WriteBodyAsync(x, 10);
        });

        await DownloadTestSupport.Downloader().DownloadAsync($"http://127.0.0.1:{server.Port}/v1/videos/file.mp4", _folder.File("a.mp4"), false, null, NullRequestLog.Instance, default);

        Assert.NotNull(head);
        Assert.StartsWith("GET /v1/videos/file.mp4 HTTP/1.1", head);
        Assert.DoesNotContain("x-api-key", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DownloadTestSupport.Key, head);
        Assert.DoesNotContain("Authorization", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Cookie", head, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ARedirectToAnotherHostIsFollowedWithoutTheKey()
    {
        string? finalHead = null;
        using var fileHost = new LoopbackServer(async x =>
        {
            finalHead = x.Head;
            await DownloadTestSupport.HeadAsync(x, 1000);
            await DownloadTestSupport.WriteBodyAsync(x, 1000);
        });
        using var first = new LoopbackServer(x => x.AnswerAsync(302, "", "text/plain",
            $"Location: http://localhost:{fileHost.Port}/cdn/v.mp4?signature=abc\r\nSet-Cookie: session=1\r\n"));
        var log = new RecordingLog();

        var file = await DownloadTestSupport.Downloader().DownloadAsync($"http://127.0.0.1:{first.Port}/v.mp4", _folder.File("v.mp4"), false, null, log, default);

        DownloadTestSupport.AssertPattern(file.FullName, 1000);
        Assert.Equal(1, first.Requests);
        Assert.StartsWith("GET /cdn/v.mp4?signature=abc ", finalHead);
        Assert.DoesNotContain("x-api-key", finalHead, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Cookie", finalHead, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(log.Of("Verbose"), l => l.Contains("redirected to http://localhost:" + fileHost.Port + "/cdn/v.mp4?…"));
        Assert.DoesNotContain("signature", log.AllText); // a signed link's token is not shown
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://example.com/video.mp4")]
    [InlineData("https://user:secret@example.com/video.mp4")]
    public async Task ARedirectToAnAddressThatIsNotDownloadedIsRefused(string location)
    {
        using var server = new LoopbackServer(x => x.AnswerAsync(302, "", "text/plain", $"Location: {location}\r\n"));

        var e = await Assert.ThrowsAsync<DownloadException>(() => DownloadTestSupport.Downloader().DownloadAsync(
            $"http://127.0.0.1:{server.Port}/v.mp4", _folder.File("v.mp4"), false, null, NullRequestLog.Instance, default));

        Assert.Equal(DownloadFailureKind.InvalidUrl, e.Kind);
        Assert.Contains("redirected", e.Message);
        Assert.DoesNotContain("secret", e.Message);
        Assert.Equal(1, server.Requests);
        Assert.Empty(_folder.Names);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/v.mp4")]
    [InlineData("http://example.com/v.mp4")]
    [InlineData("https://user:secret@example.com/v.mp4")]
    [InlineData("videos/v.mp4")]
    [InlineData("https://example.com/v.mp4\r\nx-api-key: 1")]
    [InlineData("")]
    public async Task AnAddressThatIsNotDownloadedIsRefusedBeforeAnythingIsSent(string url)
    {
        var e = await Assert.ThrowsAsync<DownloadException>(() => DownloadTestSupport.Downloader().DownloadAsync(
            url, _folder.File("v.mp4"), false, null, NullRequestLog.Instance, default));

        Assert.Equal(DownloadFailureKind.InvalidUrl, e.Kind);
        Assert.Contains(_folder.File("v.mp4"), e.Message);
        Assert.DoesNotContain("secret", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.Empty(_folder.Names);
    }

    [Fact]
    public async Task ABodyCutShortIsAFailureNamingTheFileAndLeavesNoFile()
    {
        using var server = new LoopbackServer(async x =>
        {
            await DownloadTestSupport.HeadAsync(x, 1024 * 1024);
            await DownloadTestSupport.WriteBodyAsync(x, 1024 * 1024, stopAfter: 300 * 1024);
            x.Drop();
        });
        var target = _folder.File("cut.mp4");

        var e = await Assert.ThrowsAsync<DownloadException>(() => DownloadTestSupport.Downloader().DownloadAsync(
            $"http://127.0.0.1:{server.Port}/cut.mp4", target, false, null, NullRequestLog.Instance, default));

        Assert.Equal(DownloadFailureKind.Truncated, e.Kind);
        Assert.Equal(target, e.FilePath);
        Assert.Contains($"'{target}'", e.Message);
        Assert.Contains("of 1,048,576 bytes", e.Message);
        Assert.Empty(_folder.Names); // neither the file nor its .partial
        Assert.Equal(1, server.Requests); // a body cut short is not downloaded again
    }

    [Fact]
    public async Task AResetInTheMiddleOfTheBodyLeavesNoFile()
    {
        using var server = new LoopbackServer(async x =>
        {
            await DownloadTestSupport.HeadAsync(x, 1024 * 1024);
            await DownloadTestSupport.WriteBodyAsync(x, 1024 * 1024, stopAfter: 200 * 1024);
            x.Reset();
        });

        var e = await Assert.ThrowsAsync<DownloadException>(() => DownloadTestSupport.Downloader().DownloadAsync(
            $"http://127.0.0.1:{server.Port}/cut.mp4", _folder.File("cut.mp4"), false, null, NullRequestLog.Instance, default));

        Assert.Equal(DownloadFailureKind.Truncated, e.Kind);
        Assert.Empty(_folder.Names);
    }

    [Fact]
    public async Task AnExistingFileIsNotOverwrittenAndNothingIsRequested()
    {
        using var server = new LoopbackServer(async x =>
        {
            await DownloadTestSupport.HeadAsync(x, 10);
            await DownloadTestSupport.WriteBodyAsync(x, 10);
        });
        var target = _folder.File("keep.mp4");
        File.WriteAllText(target, "mine");

        var e = await Assert.ThrowsAsync<DownloadException>(() => DownloadTestSupport.Downloader().DownloadAsync(
            $"http://127.0.0.1:{server.Port}/v.mp4", target, false, null, NullRequestLog.Instance, default));

        Assert.Equal(DownloadFailureKind.TargetExists, e.Kind);
        Assert.Contains(target, e.Message);
        Assert.Equal("mine", File.ReadAllText(target));
        Assert.Equal(0, server.Requests);

        var file = await DownloadTestSupport.Downloader().DownloadAsync($"http://127.0.0.1:{server.Port}/v.mp4", target, true, null, NullRequestLog.Instance, default);
        DownloadTestSupport.AssertPattern(file.FullName, 10);
        Assert.Equal(new[] { "keep.mp4" }, _folder.Names);
    }

    [Fact]
    public async Task AFailedDownloadWithOverwriteKeepsTheOldFile()
    {
        using var server = new LoopbackServer(async x =>
        {
            await DownloadTestSupport.HeadAsync(x, 5000);
            await DownloadTestSupport.WriteBodyAsync(x, 5000, stopAfter: 100);
            x.Drop();
        });
        var target = _folder.File("keep.mp4");
        File.WriteAllText(target, "mine");

        await Assert.ThrowsAsync<DownloadException>(() => DownloadTestSupport.Downloader().DownloadAsync(
            $"http://127.0.0.1:{server.Port}/v.mp4", target, true, null, NullRequestLog.Instance, default));

        Assert.Equal("mine", File.ReadAllText(target));
        Assert.Equal(new[] { "keep.mp4" }, _folder.Names);
    }

    [Fact]
    public async Task CancellingInTheMiddleStopsAtOnceAndLeavesNoFile()
    {
        using var cts = new CancellationTokenSource();
        using var server = new LoopbackServer(async x =>
        {
            await DownloadTestSupport.HeadAsync(x, 10 * 1024 * 1024);
            await DownloadTestSupport.WriteBodyAsync(x, 10 * 1024 * 1024, stopAfter: 256 * 1024);
            await Task.Delay(Timeout.Infinite, x.Stopping); // holds the rest back
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DownloadTestSupport.Downloader().DownloadAsync(
            $"http://127.0.0.1:{server.Port}/v.mp4", _folder.File("v.mp4"), false,
            _ => cts.Cancel(), NullRequestLog.Instance, cts.Token)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Empty(_folder.Names);
    }

    [Fact]
    public async Task AConnectionThatFailsBeforeTheAnswerIsRetriedOnTheSessionsClock()
    {
        var clock = new SandboxClock(SandboxTimeMode.Manual);
        var start = clock.UtcNow;
        var calls = 0;
        using var server = new LoopbackServer(async x =>
        {
            if (Interlocked.Increment(ref calls) == 1) { x.Reset(); return; }
            await DownloadTestSupport.HeadAsync(x, 100);
            await DownloadTestSupport.WriteBodyAsync(x, 100);
        });

        var file = await DownloadTestSupport.Downloader(clock: clock).DownloadAsync($"http://127.0.0.1:{server.Port}/v.mp4", _folder.File("v.mp4"), false, null, NullRequestLog.Instance, default);

        DownloadTestSupport.AssertPattern(file.FullName, 100);
        Assert.True(server.Requests >= 2);
        Assert.True(clock.UtcNow > start, "the retry waited through the clock");
    }

    [Fact]
    public async Task A503IsRetriedAndA404IsNot()
    {
        var calls = 0;
        using var busy = new LoopbackServer(async x =>
        {
            if (Interlocked.Increment(ref calls) == 1) { await x.AnswerAsync(503, "busy", "text/plain", "Retry-After: 2\r\n"); return; }
            await DownloadTestSupport.HeadAsync(x, 100);
            await DownloadTestSupport.WriteBodyAsync(x, 100);
        });
        await DownloadTestSupport.Downloader().DownloadAsync($"http://127.0.0.1:{busy.Port}/v.mp4", _folder.File("v.mp4"), false, null, NullRequestLog.Instance, default);
        Assert.Equal(2, busy.Requests);

        using var gone = new LoopbackServer(x => x.AnswerAsync(404, "{}"));
        var e = await Assert.ThrowsAsync<DownloadException>(() => DownloadTestSupport.Downloader().DownloadAsync(
            $"http://127.0.0.1:{gone.Port}/v.mp4", _folder.File("w.mp4"), false, null, NullRequestLog.Instance, default));
        Assert.Equal(DownloadFailureKind.HttpStatus, e.Kind);
        Assert.Equal(404, e.StatusCode);
        Assert.Contains("link may have expired", e.Message);
        Assert.Equal(1, gone.Requests);
        Assert.Equal(new[] { "v.mp4" }, _folder.Names);
    }

    [Fact]
    public async Task ABodyThatStallsLongerThanTimeoutSecFailsAndLeavesNoFile()
    {
        // One of the few tests that waits in real time: TimeoutSec is 1 and the server holds the rest.
        using var server = new LoopbackServer(async x =>
        {
            await DownloadTestSupport.HeadAsync(x, 1000);
            await DownloadTestSupport.WriteBodyAsync(x, 1000, stopAfter: 10);
            await Task.Delay(Timeout.Infinite, x.Stopping);
        });

        var e = await Assert.ThrowsAsync<DownloadException>(() => DownloadTestSupport.Downloader(timeoutSec: 1).DownloadAsync(
            $"http://127.0.0.1:{server.Port}/v.mp4", _folder.File("v.mp4"), false, null, NullRequestLog.Instance, default)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(DownloadFailureKind.Stalled, e.Kind);
        Assert.Contains("no data for 1 seconds", e.Message);
        Assert.Empty(_folder.Names);
    }
}

/// <summary>Memory stays flat however large the file: measured alone, as bytes allocated per byte downloaded.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class FileDownloaderMemoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ABodyManyTimesTheBufferCostsAFractionOfItsSizeInAllocations()
    {
        const long length = 96L * 1024 * 1024; // 1,200 times the buffer
        using var server = new LoopbackServer(async x =>
        {
            await DownloadTestSupport.HeadAsync(x, length);
            await DownloadTestSupport.WriteBodyAsync(x, length);
        });
        var downloader = DownloadTestSupport.Downloader();
        // Warm up the HTTP stack and the JIT, so what is measured is the download itself.
        using var small = new LoopbackServer(async x =>
        {
            await DownloadTestSupport.HeadAsync(x, 1000);
            await DownloadTestSupport.WriteBodyAsync(x, 1000);
        });
        await downloader.DownloadAsync($"http://127.0.0.1:{small.Port}/warm2.mp4", _folder.File("warm2.mp4"), false, null, NullRequestLog.Instance, default);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var file = await downloader.DownloadAsync($"http://127.0.0.1:{server.Port}/big.mp4", _folder.File("big.mp4"), false, null, NullRequestLog.Instance, default);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(length, file.Length);
        var ratio = (double)allocated / length;
        Assert.True(ratio < 0.125, $"{allocated:N0} bytes allocated to download {length:N0} bytes (ratio {ratio:0.000}); the body must not be held in memory.");
    }
}
