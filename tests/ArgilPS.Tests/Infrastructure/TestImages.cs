using System;
using System.IO;

namespace ArgilPS.Tests.Infrastructure;

/// <summary>Image files with just enough of a real header for the size and format checks.</summary>
public static class TestImages
{
    public static byte[] Png(int width, int height, int padding = 64)
    {
        var data = new byte[33 + padding];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(data, 0);
        WriteBigEndian(data, 16, width);
        WriteBigEndian(data, 20, height);
        data[24] = 8; data[25] = 2;
        return data;
    }

    public static byte[] Jpeg(int width, int height)
    {
        return new byte[]
        {
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3,
            1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9,
        };
    }

    public static string WriteTemp(byte[] data, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), "argilps-test-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllBytes(path, data);
        return path;
    }

    private static void WriteBigEndian(byte[] d, int offset, int value)
    {
        d[offset] = (byte)(value >> 24); d[offset + 1] = (byte)(value >> 16); d[offset + 2] = (byte)(value >> 8); d[offset + 3] = (byte)value;
    }
}
