using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core.Paging;
using Xunit;

namespace ArgilPS.Tests.Core.Paging;

/// <summary>The item-by-item JSON list reader on its own, fed a few bytes at a time.</summary>
public sealed class JsonItemStreamTests
{
    /// <summary>A body that gives at most <see cref="_step"/> bytes a read, and counts how far it was read.</summary>
    private sealed class TrickleStream : Stream
    {
        private readonly byte[] _data;
        private readonly int _step;

        public TrickleStream(string text, int step)
        {
            _data = Encoding.UTF8.GetBytes(text);
            _step = step;
        }

        public TrickleStream(byte[] data, int step) => (_data, _step) = (data, step);

        public int Served { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, _step), _data.Length - Served);
            Array.Copy(_data, Served, buffer, offset, n);
            Served += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _data.Length;
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static async Task<(List<string> Items, StreamedBody Body)> Read(string json, string? itemsProperty, int step, Func<int, bool>? keepGoing = null)
    {
        var items = new List<string>();
        var body = await JsonItemStream.ReadAsync(new TrickleStream(json, step), itemsProperty, (e, _) =>
        {
            items.Add(e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id) ? id.GetString()! : e.GetRawText());
            return keepGoing?.Invoke(items.Count) ?? true;
        }, CancellationToken.None);
        return (items, body);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100000)]
    public async Task ABareArrayGivesEveryItemInOrderWhateverTheReadSizes(int step)
    {
        var json = " \r\n[ {\"id\":\"a\",\"n\":[1,{\"x\":\"]}\"}]}, null ,{\"id\":\"b\\\"c\"} , 3 ] \n";
        var (items, body) = await Read(json, null, step);
        Assert.Equal(new[] { "a", "null", "b\"c", "3" }, items);
        Assert.Equal(4, body.Count);
        Assert.Empty(body.Numbers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(100000)]
    public async Task AnEnvelopeGivesItsItemsAndItsNumbersBeforeOrAfterThem(int step)
    {
        var json = "{\"totalItems\":12,\"meta\":{\"a\":[1,2,{\"videos\":[9]}]},\"Videos\":[{\"id\":\"v1\"},{\"id\":\"v2\"}],\"totalPages\":6,\"currentPage\":1,\"note\":\"x\"}";
        var (items, body) = await Read(json, "videos", step);
        Assert.Equal(new[] { "v1", "v2" }, items);
        Assert.Equal(12, body.Numbers["totalItems"]);
        Assert.Equal(6, body.Numbers["totalPages"]);
        Assert.Equal(1, body.Numbers["currentPage"]);
    }

    [Fact]
    public async Task AnItemLargerThanTheReadBufferIsReadWhole()
    {
        var big = new string('x', 200_000);
        var (items, _) = await Read($"[{{\"id\":\"{big}\"}},{{\"id\":\"small\"}}]", null, 4096);
        Assert.Equal(new[] { big, "small" }, items);
    }

    [Fact]
    public async Task AByteOrderMarkIsSkipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("[{\"id\":\"a\"}]")).ToArray();
        var ids = new List<string>();
        await JsonItemStream.ReadAsync(new TrickleStream(bytes, 1), null, (e, _) => { ids.Add(e.GetProperty("id").GetString()!); return true; }, default);
        Assert.Equal(new[] { "a" }, ids);
    }

    [Fact]
    public async Task StoppingLeavesTheRestOfTheBodyUnread()
    {
        var json = "[" + string.Join(",", Enumerable.Range(1, 1000).Select(i => $"{{\"id\":\"{i}\"}}")) + "]";
        var stream = new TrickleStream(json, 64);
        var seen = 0;
        var body = await JsonItemStream.ReadAsync(stream, null, (_, _) => ++seen < 3, default);
        Assert.True(body.Stopped);
        Assert.Equal(3, seen);
        Assert.True(stream.Served < 200, $"{stream.Served} bytes were read");
    }

    [Fact]
    public async Task TheSameItemsGiveTheSameHashesAndOtherItemsOthers()
    {
        var hashes = new List<int>();
        foreach (var json in new[] { "[{\"id\":\"a\"},{\"id\":\"b\"}]", "[{\"id\":\"a\"},{\"id\":\"b\"}]", "[{\"id\":\"a\"},{\"id\":\"c\"}]" })
            await JsonItemStream.ReadAsync(new TrickleStream(json, 3), null, (_, h) => { hashes.Add(h); return true; }, default);
        Assert.Equal(hashes[0], hashes[2]);
        Assert.Equal(hashes[1], hashes[3]);
        Assert.NotEqual(hashes[3], hashes[5]);
    }

    [Theory]
    [InlineData("", null, "an empty body")]
    [InlineData("   \r\n ", null, "an empty body")]
    [InlineData("<html><body>502</body></html>", null, "an HTML page")]
    public async Task NoJsonAtAllSaysWhatItIs(string json, string? property, string what)
    {
        var e = await Assert.ThrowsAsync<StreamedBodyException>(() => Read(json, property, 2));
        Assert.Equal(what, e.What);
    }

    [Theory]
    [InlineData("{\"id\":\"a\"}", null)]
    [InlineData("[{\"id\":\"a\"}", null)]
    [InlineData("[{\"id\":\"a\"}] trailing", null)]
    [InlineData("[1,2]", "videos")]
    [InlineData("{\"items\":[1]}", "videos")]
    [InlineData("{\"videos\":{\"a\":1}}", "videos")]
    [InlineData("{\"videos\":[1,2]", "videos")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", null)]
    public async Task AWrongShapeIsAJsonException(string json, string? property)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => Read(json, property, 3));
    }

    [Fact]
    public async Task ANullRootIsSaid()
    {
        var (items, body) = await Read("null", null, 1);
        Assert.Empty(items);
        Assert.True(body.IsNull);
    }
}
