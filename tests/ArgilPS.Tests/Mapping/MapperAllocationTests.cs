using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ArgilPS.Assets;
using ArgilPS.Avatars;
using ArgilPS.Videos;
using ArgilPS.Voices;
using Xunit;
using Xunit.Abstractions;

namespace ArgilPS.Tests.Mapping;

/// <summary>
/// What mapping a listed object costs in memory, beside the size of its JSON: a list of 50,000 avatars
/// is read item by item, so the mapper's allocations are most of what a long list costs. Counted on
/// this thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) around the mapping alone, the body
/// parsed before. The bound is what the values themselves take (their text as UTF-16, the objects
/// and lists that hold them) with a margin; the mappers before this test allocated 10× the JSON (a
/// closure and a delegate for every field, every name lowered into a new string, an intermediate
/// object), which fails it.
/// </summary>
public class MapperAllocationTests
{
    private const int Items = 2_000;
    private readonly ITestOutputHelper _output;

    public MapperAllocationTests(ITestOutputHelper output) => _output = output;

    private static readonly Action<string> Ignore = _ => { };

    private static string Array(Func<int, string> item)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < Items; i++) sb.Append(i == 0 ? "" : ",").Append(item(i));
        return sb.Append(']').ToString();
    }

    private static string Id(int i) => new Guid(i, 7, 11, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }).ToString();

    private double PerItemRatio(string name, string json, Func<JsonElement, int, object?> map)
    {
        using var doc = JsonDocument.Parse(json);
        var items = doc.RootElement;
        // Warm up: the first call JITs and builds each mapper's static tables.
        Assert.NotNull(map(items[0], 1));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            Assert.NotNull(map(item, ++index));
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var ratio = (double)allocated / Encoding.UTF8.GetByteCount(json);
        _output.WriteLine($"{name}: {allocated / Items} bytes an item, {ratio.ToString("0.00", CultureInfo.InvariantCulture)}× its JSON");
        return ratio;
    }

    [Fact]
    public void AvatarsAllocateLittleBeyondTheirValues()
    {
        var json = Array(i => $"{{\"id\":\"{Id(i)}\",\"name\":\"Avatar {i}\",\"actorName\":\"Actor {i % 17}\",\"createdAt\":\"2026-01-02T03:04:05.000Z\",\"updatedAt\":\"2026-01-02T03:04:35.000Z\"," +
            "\"gestures\":[{\"label\":\"Wave\",\"slug\":\"wave\",\"startFrame\":0},{\"label\":\"Point\",\"slug\":\"point\",\"startFrame\":120}]," +
            "\"status\":\"IDLE\",\"width\":1920,\"height\":1080,\"thumbnailUrl\":\"https://cdn.example.com/t.jpg\",\"coverImageUrl\":\"https://cdn.example.com/c.jpg\"," +
            "\"extras\":{\"team\":\"sales\",\"employeeId\":\"4711\"},\"orientation\":\"ASPECT_RATIO_16_9\",\"model\":\"ARGIL_ATOM\"}");
        Assert.InRange(PerItemRatio("avatars", json, (item, i) => AvatarMapper.ReadListItem(item, i, Ignore)), 0, 3.0);
    }

    [Fact]
    public void VideosAllocateLittleBeyondTheirValues()
    {
        var json = Array(i => $"{{\"id\":\"{Id(i)}\",\"name\":\"Weekly {i}\",\"status\":\"DONE\",\"aspectRatio\":\"16:9\",\"createdAt\":\"2026-01-02T03:04:05.000Z\",\"updatedAt\":\"2026-01-02T03:09:05.000Z\"," +
            "\"videoUrl\":\"https://cdn.example.com/v/" + i + ".mp4\",\"previewUrl\":\"https://app.example.com/p/" + i + "\"," +
            "\"moments\":[{\"transcript\":\"Good morning. Here is what happens this week.\",\"avatarId\":\"" + Id(1) + "\",\"voiceId\":\"" + Id(2) + "\",\"zoom\":{\"level\":1.5}}]," +
            "\"subtitles\":{\"enable\":true,\"size\":\"Large\"},\"extras\":{\"campaign\":\"spring\"}}");
        Assert.InRange(PerItemRatio("videos", json, (item, i) => VideoMapper.ReadListItem(item, i, Ignore)), 0, 3.0);
    }

    [Fact]
    public void VoicesAndAssetsAllocateLittleBeyondTheirValues()
    {
        var voices = Array(i => $"{{\"id\":\"{Id(i)}\",\"name\":\"Voice {i}\",\"status\":\"IDLE\",\"language\":\"ENGLISH\",\"gender\":\"FEMALE\",\"sampleUrl\":\"https://cdn.example.com/s/{i}.mp3\",\"createdAt\":\"2026-01-02T03:04:05.000Z\",\"updatedAt\":\"2026-01-02T03:04:05.000Z\"}}");
        Assert.InRange(PerItemRatio("voices", voices, (item, i) => VoiceMapper.ReadListItem(item, i, Ignore)), 0, 3.0);
        var assets = Array(i => $"{{\"id\":\"{Id(i)}\",\"name\":\"Music {i}\",\"type\":\"AUDIO\",\"status\":\"READY\",\"fileUrl\":\"https://cdn.example.com/a/{i}.mp3\",\"createdAt\":\"2026-01-02T03:04:05.000Z\"}}");
        Assert.InRange(PerItemRatio("assets", assets, (item, i) => AssetMapper.ReadListItem(item, i, Ignore)), 0, 3.0);
    }
}
