using System;
using System.Text.RegularExpressions;

namespace ArgilPS.Sandbox;

/// <summary>
/// An image sent inline as a data URI, checked as the API reference says (argil-api.md §3.4): the
/// pattern <c>^data:image/(png|jpeg|jpg|webp);base64,.*</c>; "PNG, JPEG or WEBP; resolution between
/// 720p (1280x720 / 720x1280) and 4K (3840x2160 / 2160x3840); aspect ratio exactly 16:9 or 9:16;
/// max 10 MB". The sandbox reads the size from the image's header with this code of its own, not
/// with the module's image checks.
/// </summary>
internal sealed class SandboxImage
{
    /// <summary>
    /// "max 10 MB": the reference does not say which megabyte. The sandbox takes the larger reading,
    /// 10 MiB (10,485,760 bytes) of decoded image, so that it never refuses what the API may take.
    /// </summary>
    public const long MaximumBytes = 10L * 1024 * 1024;

    private static readonly Regex DataUri = new("^data:image/(png|jpeg|jpg|webp);base64,", RegexOptions.CultureInvariant);

    private SandboxImage(string format, int width, int height)
    {
        Format = format;
        Width = width;
        Height = height;
    }

    public string Format { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>
    /// The image in a data URI, or the rule it breaks. The declared type is not compared with the
    /// bytes: the reference asks only that the URI match the pattern and the image be PNG, JPEG or WEBP.
    /// </summary>
    public static string? Read(string dataUri, string name, out SandboxImage? image)
    {
        image = null;
        var prefix = DataUri.Match(dataUri);
        if (!prefix.Success) return $"{name} must be a data:image/(png|jpeg|jpg|webp);base64, URI";
        byte[] bytes;
        try { bytes = Convert.FromBase64String(dataUri.Substring(prefix.Length)); }
        catch (FormatException) { return $"{name} is not valid base64"; }
        image = Decode(bytes);
        if (image is null) return $"{name} is not a PNG, JPEG or WEBP image";
        int w = image.Width, h = image.Height;
        if (bytes.LongLength > MaximumBytes) return $"{name}: the image is {bytes.LongLength} bytes; the API takes at most 10 MB ({MaximumBytes} bytes)";
        if ((long)w * 9 != (long)h * 16 && (long)w * 16 != (long)h * 9)
            return $"{name}: the image is {w}x{h}; its aspect ratio must be exactly 16:9 or 9:16";
        if (Math.Min(w, h) < 720) return $"{name}: the image is {w}x{h}; it must be at least 720p (1280x720 or 720x1280)";
        if (Math.Max(w, h) > 3840) return $"{name}: the image is {w}x{h}; it must be at most 4K (3840x2160 or 2160x3840)";
        return null;
    }

    /// <summary>The format and size from the header, or null when the bytes are none of the three formats.</summary>
    internal static SandboxImage? Decode(byte[] b)
    {
        if (Has(b, 0, 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A) && Has(b, 12, (byte)'I', (byte)'H', (byte)'D', (byte)'R') && b.Length >= 24)
            return new SandboxImage("png", BigEndian(b, 16, 4), BigEndian(b, 20, 4));
        if (Has(b, 0, 0xFF, 0xD8)) return Jpeg(b);
        if (Has(b, 0, (byte)'R', (byte)'I', (byte)'F', (byte)'F') && Has(b, 8, (byte)'W', (byte)'E', (byte)'B', (byte)'P')) return Webp(b);
        return null;
    }

    /// <summary>JPEG: walk the segments to the first start-of-frame (C0–CF except C4, C8, CC), which holds height then width.</summary>
    private static SandboxImage? Jpeg(byte[] b)
    {
        var at = 2;
        while (at + 1 < b.Length)
        {
            if (b[at] != 0xFF) return null;
            var marker = b[at + 1];
            if (marker == 0xFF) { at++; continue; }
            if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) { at += 2; continue; }
            if (at + 3 >= b.Length) return null;
            var length = BigEndian(b, at + 2, 2);
            var isFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (isFrame)
                return at + 8 < b.Length ? new SandboxImage("jpeg", BigEndian(b, at + 7, 2), BigEndian(b, at + 5, 2)) : null;
            if (length < 2) return null;
            at += 2 + length;
        }
        return null;
    }

    /// <summary>WEBP: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, with the canvas size).</summary>
    private static SandboxImage? Webp(byte[] b)
    {
        if (b.Length < 30) return null;
        if (Has(b, 12, (byte)'V', (byte)'P', (byte)'8', (byte)'X'))
            return new SandboxImage("webp", 1 + LittleEndian(b, 24, 3), 1 + LittleEndian(b, 27, 3));
        if (Has(b, 12, (byte)'V', (byte)'P', (byte)'8', (byte)' ') && Has(b, 23, 0x9D, 0x01, 0x2A))
            return new SandboxImage("webp", LittleEndian(b, 26, 2) & 0x3FFF, LittleEndian(b, 28, 2) & 0x3FFF);
        if (Has(b, 12, (byte)'V', (byte)'P', (byte)'8', (byte)'L') && b[20] == 0x2F)
        {
            var bits = LittleEndian(b, 21, 4);
            return new SandboxImage("webp", 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF));
        }
        return null;
    }

    private static bool Has(byte[] b, int offset, params byte[] expected)
    {
        if (offset + expected.Length > b.Length) return false;
        for (var i = 0; i < expected.Length; i++) if (b[offset + i] != expected[i]) return false;
        return true;
    }

    private static int BigEndian(byte[] b, int offset, int count)
    {
        var value = 0;
        for (var i = 0; i < count; i++) value = value << 8 | b[offset + i];
        return value;
    }

    private static int LittleEndian(byte[] b, int offset, int count)
    {
        var value = 0;
        for (var i = count - 1; i >= 0; i--) value = value << 8 | b[offset + i];
        return value;
    }
}
