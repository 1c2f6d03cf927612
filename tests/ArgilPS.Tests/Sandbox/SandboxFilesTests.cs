using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Sandbox;
using Xunit;

namespace ArgilPS.Tests.Sandbox;

/// <summary>An MP4 read box by box (ISO/IEC 14496-12): sizes, 64-bit sizes, containers.</summary>
internal static class Mp4Boxes
{
    internal sealed record Box(string Type, long Offset, long Size, List<Box> Children);

    private static readonly HashSet<string> Containers = new() { "moov", "trak", "mdia", "minf", "stbl", "dinf", "edts", "udta" };

    public static List<Box> Read(byte[] data, long start = 0, long end = -1)
    {
        if (end < 0) end = data.Length;
        var boxes = new List<Box>();
        var at = start;
        while (at < end)
        {
            if (end - at < 8) throw new InvalidDataException($"A box header is cut at {at}.");
            long size = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan((int)at, 4));
            var type = Encoding.ASCII.GetString(data, (int)at + 4, 4);
            var header = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan((int)at + 8, 8));
                header = 16;
            }
            else if (size == 0) size = end - at;
            if (size < header || at + size > end) throw new InvalidDataException($"The {type} box at {at} has a size of {size}, past the end ({end}).");
            var children = Containers.Contains(type) ? Read(data, at + header, at + size) : new List<Box>();
            boxes.Add(new Box(type, at, size, children));
            at += size;
        }
        return boxes;
    }

    public static IEnumerable<Box> All(IEnumerable<Box> boxes) => boxes.SelectMany(b => new[] { b }.Concat(All(b.Children)));
}

/// <summary>
/// The file host: a real MP4 served from another origin than the API, without a key, journalled
/// with whether a key came anyway; HEAD, Content-Length, a Truncate fault, and big files generated
/// as they are sent.
/// </summary>
public sealed class SandboxFilesTests : SandboxRawTests
{
    private async Task<string> VideoUrl(string more = "")
    {
        var done = await Rendered(VideoBody(more: more));
        Assert.Equal("DONE", Status(done));
        return done.GetProperty("videoUrl").GetString()!;
    }

    private async Task<byte[]> Download(string url, Action<HttpRequestMessage>? change = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        change?.Invoke(request);
        using var response = await Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        return bytes;
    }

    [Fact]
    public async Task TheVideoIsARealMp4()
    {
        var bytes = await Download(await VideoUrl());

        Assert.InRange(bytes.Length, 1000, 16 * 1024);
        var boxes = Mp4Boxes.Read(bytes);
        Assert.Equal(new[] { "ftyp", "moov", "free", "mdat" }, boxes.Select(b => b.Type));
        Assert.Equal("isom", Encoding.ASCII.GetString(bytes, 8, 4)); // the major brand
        Assert.Equal(bytes.Length, boxes.Sum(b => b.Size));
        var all = Mp4Boxes.All(boxes).Select(b => b.Type).ToList();
        Assert.Contains("mvhd", all);
        Assert.Equal(2, all.Count(t => t == "trak"));
        Assert.Equal(2, all.Count(t => t == "stbl"));
        // The video track is H.264 (avc1) and the audio track AAC (mp4a): their sample descriptions are in the file.
        var text = Encoding.ASCII.GetString(bytes);
        Assert.Contains("avc1", text);
        Assert.Contains("mp4a", text);
        // Every chunk offset (stco) points into the mdat box.
        var mdat = boxes.Single(b => b.Type == "mdat");
        foreach (var stco in Mp4Boxes.All(boxes).Where(b => b.Type == "stbl").SelectMany(b => b.Children).Where(b => b.Type == "stco"))
        {
            var count = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)stco.Offset + 12, 4));
            Assert.True(count > 0);
            for (var i = 0; i < count; i++)
            {
                var offset = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)stco.Offset + 16 + 4 * i, 4));
                Assert.InRange(offset, mdat.Offset + 8, mdat.Offset + mdat.Size - 1);
            }
        }
    }

    [Fact]
    public async Task TheFileHostIsAnotherOriginThatTakesNoKeyAndJournalsWhetherOneCame()
    {
        var url = await VideoUrl();
        Assert.NotEqual(new Uri(url).GetLeftPart(UriPartial.Authority), Server.BaseUri.GetLeftPart(UriPartial.Authority));
        Server.ClearJournal();

        await Download(url);
        await Download(url, r => r.Headers.Add("x-api-key", Server.ApiKey));
        await Download(url, r => r.Headers.TryAddWithoutValidation("Authorization", "ApiKey " + Server.ApiKey));
        await Download(url, r => r.Headers.Add("x-api-key", "some-other-key"));

        var journal = Server.Journal.OrderBy(r => r.Sequence).ToList();
        Assert.All(journal, r => Assert.Equal(("files", "GET", "not required", 200), (r.Origin, r.Method, r.KeyCheck, r.StatusCode)));
        Assert.All(journal, r => Assert.StartsWith("/files/videos/", r.Path));
        Assert.Equal(new[] { false, true, false, true }, journal.Select(r => r.ApiKeyHeaderPresent));
        Assert.Equal(new[] { false, true, true, false }, journal.Select(r => r.ApiKeySent));
        Assert.All(journal, r => Assert.DoesNotContain(Server.ApiKey, string.Join("|", r.ToString(), r.Path, r.Query, r.Body, r.Fault)));
    }

    [Fact]
    public async Task ApiRequestsAreJournalledAsSuch()
    {
        await Get("videos");
        var entry = Assert.Single(Server.Journal);
        Assert.Equal(("api", true, true, "valid"), (entry.Origin, entry.ApiKeyHeaderPresent, entry.ApiKeySent, entry.KeyCheck));
    }

    [Fact]
    public async Task APathWithoutTheFileHostsTokenIs404AndNotJournalled()
    {
        var url = new Uri(await VideoUrl());
        Server.ClearJournal();
        var forged = new Uri(url, "/files/0000/videos/" + url.Segments.Last());
        using var response = await Http.GetAsync(forged);
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Empty(Server.Journal);
    }

    [Fact]
    public async Task HeadGivesTheLengthWithoutTheBody()
    {
        var url = await VideoUrl();
        using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal(SandboxMedia.NaturalSize, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal("HEAD", Server.Journal.Last().Method);

        using var post = await Http.PostAsync(url, new StringContent(""));
        Assert.Equal(405, (int)post.StatusCode);
        Assert.Equal("GET, HEAD", string.Join(", ", post.Content.Headers.Allow));
    }

    [Fact]
    public async Task OnlyARenderedVideoHasFilesAndTheSubtitledOneOnlyWithSubtitles()
    {
        var idle = (await Create()).GetProperty("id").GetString()!;
        Assert.Equal(404, (int)(await Http.GetAsync(new Uri(Server.FilesUri, $"videos/{idle}.mp4"))).StatusCode);

        var plain = await Rendered();
        Assert.False(plain.TryGetProperty("videoUrlSubtitled", out _));
        var id = plain.GetProperty("id").GetString()!;
        Assert.Equal(404, (int)(await Http.GetAsync(new Uri(Server.FilesUri, $"videos/{id}-subtitled.mp4"))).StatusCode);
        Assert.Equal(404, (int)(await Http.GetAsync(new Uri(Server.FilesUri, $"videos/{id}-moment-2.mp4"))).StatusCode);
        await Download(plain.GetProperty("moments")[0].GetProperty("videoUrl").GetString()!);

        var subtitled = await Rendered(VideoBody(more: ",\"subtitles\":{\"enable\":true}"));
        Assert.Equal(SandboxMedia.NaturalSize, (await Download(subtitled.GetProperty("videoUrlSubtitled").GetString()!)).Length);
    }

    [Fact]
    public async Task ThePreviewIsAPageAtAnyStatus()
    {
        var video = await Create();
        using var response = await Http.GetAsync(video.GetProperty("previewUrl").GetString() + "?embed=true");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<video", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ATruncateFaultCutsTheDownloadPartWay()
    {
        Server.Options.VideoFileBytes = 1024 * 1024;
        var url = await VideoUrl();
        Server.AddFault(new SandboxFault { Kind = SandboxFaultKind.Truncate, Method = "GET", Path = "/files/videos/*" });

        using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1024 * 1024, response.Content.Headers.ContentLength);
        using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long received = 0;
        var cut = await Record.ExceptionAsync(async () =>
        {
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0) received += n;
        });

        Assert.IsAssignableFrom<IOException>(cut);
        Assert.Equal(512 * 1024, received);
        var entry = Server.Journal.Last();
        Assert.Equal(("files", 200), (entry.Origin, entry.StatusCode));
        Assert.Contains("Truncate", entry.Fault);
        // The fault is used up: the next download is whole.
        Assert.Equal(1024 * 1024, (await Download(url)).Length);
    }

    [Fact]
    public async Task ATruncateFaultOnAnApiRouteLetsTheRequestHappenAndCutsItsAnswer()
    {
        Server.AddFault(new SandboxFault { Kind = SandboxFaultKind.Truncate, Method = "POST", Path = "/videos" });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseUri, "videos")) { Content = new StringContent(VideoBody(), Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", Server.ApiKey);

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await Http.SendAsync(request);
            await response.Content.ReadAsStringAsync();
        });

        Assert.Equal(1, (await Get("videos")).Json.GetProperty("totalItems").GetInt32()); // the video was created
    }

    [Fact]
    public async Task ABigFileIsStillAValidMp4()
    {
        const long size = 24L * 1024 * 1024;
        Server.Options.VideoFileBytes = size;
        Assert.Equal(size, Server.State.VideoFileBytes);
        var bytes = await Download(await VideoUrl());

        Assert.Equal(size, bytes.Length);
        var boxes = Mp4Boxes.Read(bytes);
        Assert.Equal(new[] { "ftyp", "moov", "free", "mdat", "free" }, boxes.Select(b => b.Type));
        Assert.Equal(size - SandboxMedia.NaturalSize, boxes.Last().Size);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)SandboxMedia.NaturalSize, 4))); // a 64-bit size
    }

    [Fact]
    public async Task ABigFileIsGeneratedAsItIsSentNotHeldInMemory()
    {
        const long size = 1L << 30; // 1 GiB
        var sink = new CountingStream();
        var before = GC.GetAllocatedBytesForCurrentThread();

        // A synchronous sink completes every write at once, so all of it runs on this thread.
        var write = SandboxMedia.WriteAsync(sink, size, size, CancellationToken.None);

        Assert.True(write.IsCompleted);
        await write;
        Assert.Equal(size, sink.Count);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1024 * 1024);
        Assert.Equal(SandboxMedia.NaturalSize, SandboxMedia.SizeFor(0));
        Assert.Equal(SandboxMedia.SmallestPaddedSize, SandboxMedia.SizeFor(10));
    }

    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }
        public override void Write(byte[] buffer, int offset, int count) => Count += count;
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Count += count;
            return Task.CompletedTask;
        }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Count;
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public async Task StoppingTheSandboxEndsADownloadUnderWayAndClosesTheFileHost()
    {
        Server.Options.VideoFileBytes = 1L << 40; // 1 TiB: it would never end by itself
        var url = await VideoUrl();
        using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[65536];
        Assert.True(await body.ReadAsync(buffer) > 0);

        Server.Dispose();

        var ended = await Record.ExceptionAsync(async () =>
        {
            while (await body.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30)) > 0) { }
        });
        Assert.IsAssignableFrom<IOException>(ended);
        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(url));
    }

    [Fact]
    public async Task TwoRendersAtOnceStartOneRender()
    {
        var id = (await Create()).GetProperty("id").GetString()!;
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Post($"videos/{id}/render", null)));
        Assert.Equal(1, answers.Count(a => a.Status == 200));
        Assert.Equal(7, answers.Count(a => a.Status == 400));
    }

    public static TheoryData<string, string> NewRoutes => new()
    {
        { "GET", "videos" },
        { "POST", "videos" },
        { "GET", "videos/{id}" },
        { "DELETE", "videos/{id}" },
        { "POST", "videos/{id}/render" },
        { "GET", "subtitles" },
        { "GET", "subtitles/videos/{id}/export" },
        { "GET", "file" },
        { "HEAD", "file" },
    };

    [Theory]
    [MemberData(nameof(NewRoutes))]
    public async Task TheSandboxFaultsWorkOnEveryNewRoute(string method, string route)
    {
        var done = await Rendered();
        var id = done.GetProperty("id").GetString()!;
        var url = route == "file" ? new Uri(done.GetProperty("videoUrl").GetString()!) : new Uri(Server.BaseUri, route.Replace("{id}", id));
        var faultPath = route == "file" ? "/files/videos/*" : "/" + route.Replace("{id}", "*");
        Server.AddFault(new SandboxFault { Method = method, Path = faultPath, StatusCode = 429, RetryAfter = "7" });
        Server.AddFault(new SandboxFault { Kind = SandboxFaultKind.Drop, Method = method, Path = faultPath });

        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (route != "file") request.Headers.Add("x-api-key", Server.ApiKey);
            if (method == "POST") request.Content = new StringContent(route == "videos" ? VideoBody() : "", Encoding.UTF8, "application/json");
            return request;
        }

        using (var limited = await Http.SendAsync(Request()))
        {
            Assert.Equal(429, (int)limited.StatusCode);
            Assert.Equal("7", limited.Headers.GetValues("Retry-After").Single());
        }
        // A dropped HEAD looks answered: the listener flushes the headers as it aborts, and a HEAD answer has no body to miss.
        if (method == "HEAD") using (await Http.SendAsync(Request())) { }
        else await Assert.ThrowsAnyAsync<HttpRequestException>(async () => { using var _ = await Http.SendAsync(Request()); });
        using (var normal = await Http.SendAsync(Request()))
        {
            Assert.InRange((int)normal.StatusCode, 200, 201);
        }
        Assert.Empty(Server.Faults);
    }
}
