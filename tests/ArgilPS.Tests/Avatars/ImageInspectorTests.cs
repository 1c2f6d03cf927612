using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using ArgilPS.Avatars;
using ArgilPS.Commands;
using Xunit;

namespace ArgilPS.Tests.Avatars;

public class ImageInspectorTests
{
    // ---- Headers built byte by byte, as the formats specify ----

    /// <summary>PNG signature, then the IHDR chunk (length 13, big-endian width and height).</summary>
    public static byte[] Png(int width, int height)
    {
        var d = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
        d.AddRange(Encoding.ASCII.GetBytes("IHDR"));
        d.AddRange(BigEndian(width));
        d.AddRange(BigEndian(height));
        d.AddRange(new byte[] { 8, 2, 0, 0, 0, 0x12, 0x34, 0x56, 0x78 }); // depth, colour, ..., CRC
        return d.ToArray();
    }

    /// <summary>SOI, a JFIF APP0 segment, an optional DHT, fill bytes, then a start-of-frame with the size.</summary>
    public static byte[] Jpeg(int width, int height, byte sof = 0xC0, bool withTableFirst = true, bool fillBytes = false)
    {
        var d = new List<byte> { 0xFF, 0xD8 };
        d.AddRange(new byte[] { 0xFF, 0xE0, 0x00, 0x10 });
        d.AddRange(Encoding.ASCII.GetBytes("JFIF\0"));
        d.AddRange(new byte[] { 1, 1, 0, 0, 1, 0, 1, 0, 0 });
        if (withTableFirst)
        {
            // A DHT (FFC4) is in the SOF range but carries no size: it must be skipped.
            d.AddRange(new byte[] { 0xFF, 0xC4, 0x00, 0x14, 0x00 });
            d.AddRange(new byte[17]);
        }
        if (fillBytes) d.AddRange(new byte[] { 0xFF, 0xFF, 0xFF });
        d.AddRange(new byte[] { 0xFF, sof, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03 });
        d.AddRange(new byte[] { 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1 });
        d.AddRange(new byte[] { 0xFF, 0xDA, 0x00, 0x0C }); // start of scan
        d.AddRange(new byte[10]);
        return d.ToArray();
    }

    private static List<byte> Riff(string chunk, int chunkSize)
    {
        var d = new List<byte>();
        d.AddRange(Encoding.ASCII.GetBytes("RIFF"));
        d.AddRange(LittleEndian(chunkSize + 12, 4));
        d.AddRange(Encoding.ASCII.GetBytes("WEBP"));
        d.AddRange(Encoding.ASCII.GetBytes(chunk));
        d.AddRange(LittleEndian(chunkSize, 4));
        return d;
    }

    /// <summary>Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.</summary>
    public static byte[] WebpVp8(int width, int height)
    {
        var d = Riff("VP8 ", 10);
        d.AddRange(new byte[] { 0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A });
        d.AddRange(LittleEndian(width & 0x3FFF, 2));
        d.AddRange(LittleEndian(height & 0x3FFF, 2));
        return d.ToArray();
    }

    /// <summary>Lossless: signature 0x2F, then width-1 and height-1 in 14 bits each.</summary>
    public static byte[] WebpVp8L(int width, int height)
    {
        var d = Riff("VP8L", 5);
        d.Add(0x2F);
        var bits = (uint)((width - 1) & 0x3FFF) | (uint)((height - 1) & 0x3FFF) << 14;
        d.AddRange(LittleEndian((int)bits, 4));
        d.AddRange(new byte[6]);
        return d.ToArray();
    }

    /// <summary>Extended: flags, then canvas width-1 and height-1 in 24 bits each.</summary>
    public static byte[] WebpVp8X(int width, int height)
    {
        var d = Riff("VP8X", 10);
        d.AddRange(new byte[] { 0x10, 0, 0, 0 });
        d.AddRange(LittleEndian(width - 1, 3));
        d.AddRange(LittleEndian(height - 1, 3));
        return d.ToArray();
    }

    private static byte[] BigEndian(int v) => new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v };
    private static IEnumerable<byte> LittleEndian(int v, int bytes) => Enumerable.Range(0, bytes).Select(i => (byte)(v >> (8 * i)));

    public static IEnumerable<object[]> Formats() => new[]
    {
        new object[] { "PNG", "image/png" },
        new object[] { "JPEG", "image/jpeg" },
        new object[] { "VP8", "image/webp" },
        new object[] { "VP8L", "image/webp" },
        new object[] { "VP8X", "image/webp" },
    };

    private static byte[] Build(string format, int w, int h) => format switch
    {
        "PNG" => Png(w, h),
        "JPEG" => Jpeg(w, h),
        "VP8" => WebpVp8(w, h),
        "VP8L" => WebpVp8L(w, h),
        "VP8X" => WebpVp8X(w, h),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void EachFormatGivesItsSize(string format, string mime)
    {
        foreach (var (w, h) in new[] { (1920, 1080), (1080, 1920), (1280, 720), (3840, 2160), (1, 1), (16383, 9) })
        {
            var info = ImageInspector.Inspect(Build(format, w, h));
            Assert.NotNull(info);
            Assert.Equal(mime, info!.MimeType);
            Assert.Equal(format.StartsWith("VP8") ? "WEBP" : format, info.Format);
            Assert.Equal((w, h), (info.Width, info.Height));
        }
    }

    [Fact]
    public void VP8XCarriesSizesBeyondFourteenBits()
    {
        var info = ImageInspector.Inspect(WebpVp8X(20000, 11250));
        Assert.Equal((20000, 11250), (info!.Width, info.Height));
    }

    [Theory]
    [InlineData((byte)0xC0)] // baseline
    [InlineData((byte)0xC1)]
    [InlineData((byte)0xC2)] // progressive
    [InlineData((byte)0xCF)]
    public void JpegStartOfFrameVariantsAreRead(byte sof)
    {
        var info = ImageInspector.Inspect(Jpeg(1280, 720, sof, withTableFirst: true, fillBytes: true));
        Assert.Equal((1280, 720), (info!.Width, info.Height));
        var plain = ImageInspector.Inspect(Jpeg(1280, 720, sof, withTableFirst: false));
        Assert.Equal((1280, 720), (plain!.Width, plain.Height));
    }

    [Theory]
    [InlineData("GIF89a\x01\x00\x01\x00\x00\x00\x00")]
    [InlineData("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1920\" height=\"1080\"/>")]
    [InlineData("BM6\x00\x00\x00\x00\x00\x00\x006\x00\x00\x00(\x00\x00\x00\x80\x07\x00\x008\x04\x00\x00")]
    [InlineData("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x02\x00\x44\xAC\x00\x00")]
    [InlineData("")]
    public void NonImagesAreNotImages(string text)
    {
        Assert.Null(ImageInspector.Inspect(Encoding.Latin1.GetBytes(text)));
    }

    [Fact]
    public void BrokenHeadersAreNotImages()
    {
        var png = Png(1920, 1080);
        png[12] = (byte)'X'; // not IHDR
        Assert.Null(ImageInspector.Inspect(png));
        var vp8 = WebpVp8(1920, 1080);
        vp8[23] = 0; // no start code
        Assert.Null(ImageInspector.Inspect(vp8));
        var vp8l = WebpVp8L(1920, 1080);
        vp8l[20] = 0; // no signature
        Assert.Null(ImageInspector.Inspect(vp8l));
        var unknown = WebpVp8X(1920, 1080);
        unknown[15] = (byte)'Y'; // "VP8Y"
        Assert.Null(ImageInspector.Inspect(unknown));
        Assert.Null(ImageInspector.Inspect(new byte[] { 0xFF, 0xD8, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0 })); // no marker after SOI
        Assert.Null(ImageInspector.Inspect(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0 })); // segment length < 2
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryTruncationOfAHeaderIsNotAnImageAndNeverThrows(string format, string _)
    {
        var full = Build(format, 1920, 1080);
        for (var length = 0; length < full.Length; length++)
        {
            var info = ImageInspector.Inspect(full.Take(length).ToArray());
            // A prefix either lacks the size (null) or, when the size bytes are all there, reads it right.
            if (info is not null) Assert.Equal((1920, 1080), (info.Width, info.Height));
        }
        Assert.Null(ImageInspector.Inspect(full.Take(8).ToArray()));
    }

    // ---- Argil's rules ----

    [Theory]
    [InlineData(1920, 1080, null)]
    [InlineData(1080, 1920, null)]
    [InlineData(1280, 720, null)]   // the 720p minimum, landscape
    [InlineData(720, 1280, null)]   // and portrait
    [InlineData(3840, 2160, null)]  // the 4K maximum
    [InlineData(2160, 3840, null)]
    [InlineData(2560, 1440, null)]
    [InlineData(1366, 768, "aspect ratio")]  // "16:9" screens that are not exactly 16:9
    [InlineData(1920, 1081, "aspect ratio")]
    [InlineData(1081, 1920, "aspect ratio")]
    [InlineData(1920, 1200, "aspect ratio")] // 16:10
    [InlineData(1080, 1080, "aspect ratio")]
    [InlineData(1024, 576, "at least 720p")]  // exactly 16:9, too small
    [InlineData(576, 1024, "at least 720p")]
    [InlineData(1264, 711, "at least 720p")] // 1264*9 == 711*16: exactly 16:9, one line short
    [InlineData(4096, 2304, "at most 4K")]
    [InlineData(7680, 4320, "at most 4K")]
    [InlineData(4320, 7680, "at most 4K")]
    [InlineData(0, 0, "at least 720p")]
    public void TheAvatarRules(int width, int height, string? broken)
    {
        var rule = ImageInspector.CheckAvatarRules(new ImageInfo("PNG", "image/png", width, height), 1000);
        if (broken is null) Assert.Null(rule);
        else Assert.Contains(broken, rule);
        if (rule is not null) Assert.Contains($"{width}x{height}", rule);
    }

    [Fact]
    public void TheTenMegabyteLimitIsInclusive()
    {
        var ok = new ImageInfo("JPEG", "image/jpeg", 1920, 1080);
        Assert.Null(ImageInspector.CheckAvatarRules(ok, 10L * 1024 * 1024));
        Assert.Contains("at most 10 MB", ImageInspector.CheckAvatarRules(ok, 10L * 1024 * 1024 + 1));
        // The size is checked before the shape.
        Assert.Contains("at most 10 MB", ImageInspector.CheckAvatarRules(new ImageInfo("PNG", "image/png", 5, 5), 50L * 1024 * 1024));
    }

    [Fact]
    public void RulesApplyToInspectedHeaders()
    {
        Assert.Null(ImageInspector.CheckAvatarRules(ImageInspector.Inspect(WebpVp8X(3840, 2160))!, 5000));
        Assert.Contains("at most 4K", ImageInspector.CheckAvatarRules(ImageInspector.Inspect(WebpVp8X(5120, 2880))!, 5000));
        Assert.Contains("aspect ratio", ImageInspector.CheckAvatarRules(ImageInspector.Inspect(Jpeg(1920, 1440))!, 5000));
    }

    [Fact]
    public void ReadBoundedReadsSmallFilesWholeAndOnlyTheHeadOfHugeOnes()
    {
        var dir = Directory.CreateTempSubdirectory("argilps-img-");
        try
        {
            var small = Path.Combine(dir.FullName, "small.png");
            File.WriteAllBytes(small, Png(1280, 720).Concat(new byte[5000]).ToArray());
            var bytes = ImageInspector.ReadBounded(small, out var length);
            Assert.Equal(length, bytes.Length);
            Assert.Equal(5000 + Png(1, 1).Length, length);

            var huge = Path.Combine(dir.FullName, "huge.png");
            using (var f = File.Create(huge))
            {
                f.Write(Png(1920, 1080));
                f.SetLength(ImageInspector.MaximumBytes + 1); // sparse: no real 10 MB written
            }
            var head = ImageInspector.ReadBounded(huge, out var hugeLength);
            Assert.Equal(ImageInspector.MaximumBytes + 1, hugeLength);
            Assert.Equal(4096, head.Length);
            Assert.Equal((1920, 1080), (ImageInspector.Inspect(head)!.Width, ImageInspector.Inspect(head)!.Height));
            Assert.Contains("at most 10 MB", ImageInspector.CheckAvatarRules(ImageInspector.Inspect(head)!, hugeLength));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // ---- Fuzz ----

    [Fact]
    public void FuzzedHeadersNeverThrow()
    {
        var random = new Random(20250314);
        var seeds = new List<byte[]>
        {
            Png(1920, 1080), Jpeg(1920, 1080), Jpeg(720, 1280, 0xC2, fillBytes: true), WebpVp8(1920, 1080), WebpVp8L(1080, 1920), WebpVp8X(3840, 2160),
        };
        var images = 0;
        const int Count = 20000;
        for (var i = 0; i < Count; i++)
        {
            byte[] data;
            var seed = seeds[random.Next(seeds.Count)];
            switch (random.Next(6))
            {
                case 0: // pure noise, sometimes behind a real magic number
                    data = new byte[random.Next(0, 64)];
                    random.NextBytes(data);
                    if (data.Length >= 12 && random.Next(2) == 0) Array.Copy(seed, data, Math.Min(12, seed.Length));
                    break;
                case 1: // flip bytes
                    data = (byte[])seed.Clone();
                    for (var n = random.Next(1, 6); n > 0; n--) data[random.Next(data.Length)] = (byte)random.Next(256);
                    break;
                case 2: // truncate
                    data = seed.Take(random.Next(seed.Length)).ToArray();
                    break;
                case 3: // insert or delete a run
                    var list = seed.ToList();
                    var at = random.Next(list.Count);
                    if (random.Next(2) == 0) list.RemoveRange(at, Math.Min(random.Next(1, 8), list.Count - at));
                    else list.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)));
                    data = list.ToArray();
                    break;
                case 4: // JPEG made of markers only: lengths, fills and restarts
                    var j = new List<byte> { 0xFF, 0xD8 };
                    for (var n = random.Next(1, 20); n > 0; n--)
                    {
                        j.Add(0xFF);
                        j.Add((byte)(random.Next(3) == 0 ? 0xFF : random.Next(0xC0, 0x100)));
                        j.Add((byte)random.Next(3));
                        j.Add((byte)random.Next(256));
                    }
                    data = j.ToArray();
                    break;
                default: // extreme sizes
                    data = (byte[])seed.Clone();
                    for (var k = 16; k < Math.Min(30, data.Length); k++) if (random.Next(3) == 0) data[k] = 0xFF;
                    break;
            }
            var info = ImageInspector.Inspect(data);
            if (info is null) continue;
            images++;
            Assert.NotNull(info.Format);
            // The rules accept or name a broken rule; they never throw, even for odd sizes.
            var rule = ImageInspector.CheckAvatarRules(info, data.Length);
            if (info.Width <= 0 || info.Height <= 0) Assert.NotNull(rule);
        }
        Assert.True(images > 1000, $"only {images} of {Count} inputs read as images: the fuzz is not reaching the parsers");
    }
}
