using System;
using System.IO;

using ArgilPS.Core;

namespace ArgilPS.Avatars;

/// <summary>What an image file is, read from its first bytes rather than from its name.</summary>
internal sealed class ImageInfo
{
    public ImageInfo(string format, string mimeType, int width, int height)
    {
        Format = format;
        MimeType = mimeType;
        Width = width;
        Height = height;
    }

    public string Format { get; }
    public string MimeType { get; }
    public int Width { get; }
    public int Height { get; }
}

/// <summary>
/// Reads the format and size of PNG, JPEG and WEBP images from their headers, and checks them
/// against Argil's rules for avatar images, so a bad file fails here and costs no request.
/// </summary>
internal static class ImageInspector
{
    public const long MaximumBytes = 10L * 1024 * 1024;

    /// <summary>Returns null when the bytes are not a PNG, JPEG or WEBP image it can read.</summary>
    public static ImageInfo? Inspect(byte[] data)
    {
        try
        {
            return InspectPng(data) ?? InspectJpeg(data) ?? InspectWebp(data);
        }
        catch (IndexOutOfRangeException)
        {
            return null; // a truncated header
        }
    }

    /// <summary>The rule the image breaks, or null when Argil accepts it.</summary>
    public static string? CheckAvatarRules(ImageInfo image, long length)
    {
        if (length > MaximumBytes)
            return $"the file is {length:N0} bytes; Argil accepts at most 10 MB ({MaximumBytes:N0} bytes)";
        int w = image.Width, h = image.Height;
        bool landscape = (long)w * 9 == (long)h * 16, portrait = (long)w * 16 == (long)h * 9;
        if (!landscape && !portrait)
            return $"the image is {w}x{h}; its aspect ratio must be exactly 16:9 (such as 1920x1080) or 9:16 (such as 1080x1920)";
        int longSide = Math.Max(w, h), shortSide = Math.Min(w, h);
        if (shortSide < 720)
            return $"the image is {w}x{h}; it must be at least 720p (1280x720 or 720x1280)";
        if (longSide > 3840)
            return $"the image is {w}x{h}; it must be at most 4K (3840x2160 or 2160x3840)";
        return null;
    }

    private static ImageInfo? InspectPng(byte[] d)
    {
        byte[] signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        if (d.Length < 24 || !StartsWith(d, 0, signature)) return null;
        if (d[12] != 'I' || d[13] != 'H' || d[14] != 'D' || d[15] != 'R') return null;
        return new ImageInfo("PNG", "image/png", BigEndian32(d, 16), BigEndian32(d, 20));
    }

    private static ImageInfo? InspectJpeg(byte[] d)
    {
        if (d.Length < 4 || d[0] != 0xFF || d[1] != 0xD8) return null;
        var i = 2;
        while (i + 9 < d.Length)
        {
            if (d[i] != 0xFF) return null;
            var marker = d[i + 1];
            if (marker == 0xFF) { i++; continue; } // fill byte
            if (marker is 0xD8 or 0x01 || marker is >= 0xD0 and <= 0xD7) { i += 2; continue; } // no length
            var length = (d[i + 2] << 8) | d[i + 3];
            if (length < 2) return null;
            // Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
            if (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
                return new ImageInfo("JPEG", "image/jpeg", (d[i + 7] << 8) | d[i + 8], (d[i + 5] << 8) | d[i + 6]);
            i += 2 + length;
        }
        return null;
    }

    private static ImageInfo? InspectWebp(byte[] d)
    {
        if (d.Length < 30 || d[0] != 'R' || d[1] != 'I' || d[2] != 'F' || d[3] != 'F'
            || d[8] != 'W' || d[9] != 'E' || d[10] != 'B' || d[11] != 'P') return null;
        var chunk = System.Text.Encoding.ASCII.GetString(d, 12, 4);
        switch (chunk)
        {
            case "VP8X":
                return new ImageInfo("WEBP", "image/webp", 1 + (d[24] | d[25] << 8 | d[26] << 16), 1 + (d[27] | d[28] << 8 | d[29] << 16));
            case "VP8 ":
                if (d[23] != 0x9D || d[24] != 0x01 || d[25] != 0x2A) return null;
                return new ImageInfo("WEBP", "image/webp", (d[26] | d[27] << 8) & 0x3FFF, (d[28] | d[29] << 8) & 0x3FFF);
            case "VP8L":
                if (d[20] != 0x2F) return null;
                var bits = d[21] | d[22] << 8 | d[23] << 16 | d[24] << 24;
                return new ImageInfo("WEBP", "image/webp", 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF));
            default:
                return null;
        }
    }

    private static bool StartsWith(byte[] d, int offset, byte[] prefix)
    {
        for (var i = 0; i < prefix.Length; i++) if (d[offset + i] != prefix[i]) return false;
        return true;
    }

    private static int BigEndian32(byte[] d, int offset) =>
        (int)((uint)d[offset] << 24 | (uint)d[offset + 1] << 16 | (uint)d[offset + 2] << 8 | d[offset + 3]);

    /// <summary>Reads at most what the rules allow plus one byte, so a huge file is refused without loading it.</summary>
    public static byte[] ReadBounded(string path, out long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        length = stream.Length;
        if (length > MaximumBytes)
        {
            var head = new byte[4096];
            var read = stream.Read(head, 0, head.Length);
            Array.Resize(ref head, read);
            return head;
        }
        var data = new byte[length];
        var offset = 0;
        while (offset < data.Length)
        {
            var n = stream.Read(data, offset, data.Length - offset);
            if (n == 0) break;
            offset += n;
        }
        if (offset != data.Length) Array.Resize(ref data, offset);
        return data;
    }
}
