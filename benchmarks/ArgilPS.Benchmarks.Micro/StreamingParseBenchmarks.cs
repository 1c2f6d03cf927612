using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core.Paging;
using BenchmarkDotNet.Attributes;

namespace ArgilPS.Benchmarks.Micro;

/// <summary>
/// A list body read from a stream into avatars, three ways, none keeping the avatars (each is mapped and
/// counted, as a pipeline that writes them on would): the module's streaming reader
/// (<see cref="JsonItemStream"/> + <see cref="AvatarMapper.ReadListItem"/>, what Get-ArgilAvatar does),
/// the whole body parsed by JsonDocument and then mapped item by item by the same mapper (the buffered
/// way), and System.Text.Json (source-generated) into the same wire type then the same mapping (the
/// baseline). Allocated bytes are the figure to read: the streaming reader's should not grow with the body.
/// </summary>
[Config(typeof(InProcessConfig))]
public class StreamingParseBenchmarks
{
    private byte[] _body = [];

    [Params(1_000, 20_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup() => _body = Encoding.UTF8.GetBytes(TestData.AvatarArray(Count));

    [Benchmark(Baseline = true, Description = "System.Text.Json into the same type")]
    public async Task<int> Serializer()
    {
        using var stream = new MemoryStream(_body, writable: false);
        var dtos = await JsonSerializer.DeserializeAsync(stream, AvatarJsonContext.Default.ListAvatarDto).ConfigureAwait(false);
        var count = 0;
        foreach (var dto in dtos!) if (dto is not null && AvatarMapper.ToAvatar(dto) is not null) count++;
        return count;
    }

    [Benchmark(Description = "JsonDocument.Parse of the whole body + ReadListItem")]
    public async Task<int> WholeDocument()
    {
        using var stream = new MemoryStream(_body, writable: false);
        using var doc = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
        var count = 0;
        var index = 0;
        foreach (var item in doc.RootElement.EnumerateArray())
            if (AvatarMapper.ReadListItem(item, ++index, static _ => { }) is not null) count++;
        return count;
    }

    [Benchmark(Description = "ArgilPS: JsonItemStream + ReadListItem")]
    public async Task<int> Streamed()
    {
        using var stream = new MemoryStream(_body, writable: false);
        var count = 0;
        var index = 0;
        await JsonItemStream.ReadAsync(stream, null, (item, _) =>
        {
            if (AvatarMapper.ReadListItem(item, ++index, static _ => { }) is not null) count++;
            return true;
        }, CancellationToken.None).ConfigureAwait(false);
        return count;
    }
}
