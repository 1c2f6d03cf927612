using System;
using System.Globalization;
using System.Text;

namespace ArgilPS.Benchmarks.Micro;

/// <summary>Bodies as the API sends them, the same for every benchmark (seeded).</summary>
internal static class TestData
{
    /// <summary>A JSON array of <paramref name="count"/> avatars, every documented field filled (about 570 bytes each).</summary>
    public static string AvatarArray(int count, int seed = 1)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(count * 600).Append('[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            AppendAvatar(sb, i, random);
        }
        return sb.Append(']').ToString();
    }

    /// <summary>One page of a body-envelope list: { "items": [...], "totalItems": n }.</summary>
    public static string Envelope(string itemsJson, int total) =>
        "{\"items\":" + itemsJson + ",\"totalItems\":" + total.ToString(CultureInfo.InvariantCulture) + "}";

    private static void AppendAvatar(StringBuilder sb, int i, Random random)
    {
        var id = new Guid(random.Next(), (short)random.Next(), (short)random.Next(), new byte[] { 1, 2, 3, 4, 5, 6, 7, (byte)(i & 0xFF) });
        sb.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{id}\",\"name\":\"Avatar {i}\",\"actorName\":\"Actor {i % 17}\",\"createdAt\":\"2026-01-02T03:04:05.000Z\",\"updatedAt\":\"2026-01-02T03:04:35.000Z\",")
          .Append("\"gestures\":[{\"label\":\"Wave\",\"slug\":\"wave\",\"startFrame\":0},{\"label\":\"Point\",\"slug\":\"point\",\"startFrame\":120}],")
          .Append("\"status\":\"IDLE\",\"width\":1920,\"height\":1080,\"thumbnailUrl\":\"https://cdn.example.com/t.jpg\",\"coverImageUrl\":\"https://cdn.example.com/c.jpg\",")
          .Append("\"extras\":{\"team\":\"sales\",\"employeeId\":\"4711\"},\"orientation\":\"ASPECT_RATIO_16_9\",\"model\":\"ARGIL_ATOM\"}");
    }
}
