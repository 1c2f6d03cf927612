using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Sandbox;

/// <summary>
/// The MP4 the sandbox serves for a rendered video: a real one, one second of a 160x90 test pattern
/// (H.264 baseline, 10 fps) with a silent AAC track, 3279 bytes: ftyp, moov (before the media, so it
/// plays while it downloads), free, mdat. It was made once with Debian's ffmpeg:
/// <code>
/// ffmpeg -f lavfi -i testsrc=size=160x90:rate=10:duration=1 -f lavfi -i anullsrc=r=8000:cl=mono -t 1
///   -c:v libx264 -profile:v baseline -pix_fmt yuv420p -preset veryslow -crf 45 -c:a aac -b:a 8k
///   -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact -movflags +faststart sandbox.mp4
/// </code>
/// A larger file (<see cref="SandboxOptions.VideoFileBytes"/>) is the same MP4 followed by one
/// top-level <c>free</c> box of zeros with a 64-bit size, which MP4 readers skip: still a valid
/// MP4, generated as it is sent, never held in memory.
/// </summary>
internal static class SandboxMedia
{
    private const string Base64 =
        "AAAAIGZ0eXBpc29tAAACAGlzb21pc28yYXZjMW1wNDEAAAW7bW9vdgAAAGxtdmhkAAAAAAAAAAAAAAAAAAAD6AAAA+gAAQAAAQAAAAAAAAAAAAAAAAEAAAAA" +
        "AAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwAAArF0cmFrAAAAXHRraGQAAAADAAAAAAAAAAAAAAAB" +
        "AAAAAAAAA+gAAAAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAABAAAAAAKAAAABaAAAAAAAkZWR0cwAAABxlbHN0AAAAAAAA" +
        "AAEAAAPoAAAAAAABAAAAAAIpbWRpYQAAACBtZGhkAAAAAAAAAAAAAAAAAAAoAAAAKABVxAAAAAAALWhkbHIAAAAAAAAAAHZpZGUAAAAAAAAAAAAAAABWaWRl" +
        "b0hhbmRsZXIAAAAB1G1pbmYAAAAUdm1oZAAAAAEAAAAAAAAAAAAAACRkaW5mAAAAHGRyZWYAAAAAAAAAAQAAAAx1cmwgAAAAAQAAAZRzdGJsAAAAvHN0c2QA" +
        "AAAAAAAAAQAAAKxhdmMxAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAKAAWgBIAAAASAAAAAAAAAABDExhdmMgbGlieDI2NAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
        "GP//AAAAMmF2Y0MBQsAM/+EAGWdCwAymEQo35MBEAAADAAQAAAMAUDxQqEYBAAZoyEIBNLIAAAAQcGFzcAAAAAEAAAABAAAAFGJ0cnQAAAAAAAA2AAAANgAA" +
        "AAAYc3R0cwAAAAAAAAABAAAACgAABAAAAAAUc3RzcwAAAAAAAAABAAAAAQAAADRzdHNjAAAAAAAAAAMAAAABAAAAAQAAAAEAAAAFAAAAAgAAAAEAAAAGAAAA" +
        "AQAAAAEAAAA8c3RzegAAAAAAAAAAAAAACgAABPsAAAA8AAAAJwAAADkAAAAtAAAAPAAAAD0AAAA4AAAAJwAAACQAAAA0c3RjbwAAAAAAAAAJAAAF7wAACu4A" +
        "AAsuAAALWQAAC5YAAAwDAAAMRAAADIAAAAyrAAACWXRyYWsAAABcdGtoZAAAAAMAAAAAAAAAAAAAAAIAAAAAAAAD6AAAAAAAAAAAAAAAAQEAAAAAAQAAAAAA" +
        "AAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAACRlZHRzAAAAHGVsc3QAAAAAAAAAAQAAA+gAAAQAAAEAAAAAAdFtZGlhAAAAIG1kaGQA" +
        "AAAAAAAAAAAAAAAAAB9AAAAjQFXEAAAAAAAtaGRscgAAAAAAAAAAc291bgAAAAAAAAAAAAAAAFNvdW5kSGFuZGxlcgAAAAF8bWluZgAAABBzbWhkAAAAAAAA" +
        "AAAAAAAkZGluZgAAABxkcmVmAAAAAAAAAAEAAAAMdXJsIAAAAAEAAAFAc3RibAAAAH5zdHNkAAAAAAAAAAEAAABubXA0YQAAAAAAAAABAAAAAAAAAAAAAgAQ" +
        "AAAAAB9AAAAAAAA2ZXNkcwAAAAADgICAJQACAASAgIAXQBUAAAAAAB9AAAAA/wWAgIAFFYhW5QAGgICAAQIAAAAUYnRydAAAAAAAAB9AAAAA/wAAACBzdHRz" +
        "AAAAAAAAAAIAAAAIAAAEAAAAAAEAAANAAAAAHHN0c2MAAAAAAAAAAQAAAAEAAAABAAAAAQAAABRzdHN6AAAAAAAAAAQAAAAJAAAANHN0Y28AAAAAAAAACQAA" +
        "BesAAArqAAALKgAAC1UAAAuSAAAL/wAADEAAAAx8AAAMpwAAABpzZ3BkAQAAAHJvbGwAAAACAAAAAf//AAAAHHNiZ3AAAAAAcm9sbAAAAAEAAAAJAAAAAQAA" +
        "AD11ZHRhAAAANW1ldGEAAAAAAAAAIWhkbHIAAAAAAAAAAG1kaXJhcHBsAAAAAAAAAAAAAAAACGlsc3QAAAAIZnJlZQAABuxtZGF0ARggBwAAAnMGBf//b9xF" +
        "6b3m2Ui3lizYINkj7u94MjY0IC0gY29yZSAxNjQgcjMwOTUgYmFlZTQwMCAtIEguMjY0L01QRUctNCBBVkMgY29kZWMgLSBDb3B5bGVmdCAyMDAzLTIwMjIg" +
        "LSBodHRwOi8vd3d3LnZpZGVvbGFuLm9yZy94MjY0Lmh0bWwgLSBvcHRpb25zOiBjYWJhYz0wIHJlZj0xNiBkZWJsb2NrPTE6MDowIGFuYWx5c2U9MHgxOjB4" +
        "MTMxIG1lPXVtaCBzdWJtZT0xMCBwc3k9MSBwc3lfcmQ9MS4wMDowLjAwIG1peGVkX3JlZj0xIG1lX3JhbmdlPTI0IGNocm9tYV9tZT0xIHRyZWxsaXM9MiA4" +
        "eDhkY3Q9MCBjcW09MCBkZWFkem9uZT0yMSwxMSBmYXN0X3Bza2lwPTEgY2hyb21hX3FwX29mZnNldD0tMiB0aHJlYWRzPTMgbG9va2FoZWFkX3RocmVhZHM9" +
        "MSBzbGljZWRfdGhyZWFkcz0wIG5yPTAgZGVjaW1hdGU9MSBpbnRlcmxhY2VkPTAgYmx1cmF5X2NvbXBhdD0wIGNvbnN0cmFpbmVkX2ludHJhPTAgYmZyYW1l" +
        "cz0wIHdlaWdodHA9MCBrZXlpbnQ9MjUwIGtleWludF9taW49MTAgc2NlbmVjdXQ9NDAgaW50cmFfcmVmcmVzaD0wIHJjX2xvb2thaGVhZD02MCByYz1jcmYg" +
        "bWJ0cmVlPTEgY3JmPTQ1LjAgcWNvbXA9MC42MCBxcG1pbj0wIHFwbWF4PTY5IHFwc3RlcD00IGlwX3JhdGlvPTEuNDAgYXE9MToxLjAwAIAAAAKAZYiCB/kx" +
        "QABCR//8seCKL1rWb1BIoMFgiWoVUAgFjEAsAKjkCT0Mw+H8DhcYMgAYFY/3wBx8giGPX/GTBpTDQYL73iQsRIWDwqKzIyPigACBlHAAEEOOABjIWDAKYNDE" +
        "CD3vEhYxIWP+v/Dl1fvAoRBWABgSO94CJLMlgf5/TP4QcXrX6gyEggSQBdQsoJP9E8CwAw9cYJvbPAsCIXFd6hN/Rp5Q+CsE1cHVDIR67wC3488YMqsEefFn" +
        "gzMKi95n1T09O5n79NJ/QOHAhU3+EX9fBJ4eru/AHUk357RRNieoI9of/2CsOGQzLyT/4VFT09PT09PxDHw8SSAoMWR+L32iwvz+F+YkogCL97d0+od/9NPY" +
        "LQ91X8Ej7Waenp6enp8P4hgto81Fzx8fXkhOY8mvg1csjuXSf+Pz/Li6jXv76mvBAAMNQAqYjsuiR0S6qlu3bN/+qk19eq8HmgJIaYjvpM34WvXTJuDFNUF4" +
        "ST6bCHZaYPAW4NJyxauNxIPfcmkp59/s/Vdqtr0ulB0Udz7NubTaMUY+GA1YJwdAeg4gHoe1LDzKWn4tMICHWhEKDCk/gK93Q6HrTZLlhdFG4pt/5d+hKBhK" +
        "cutg8LWmjnftH4XVBBOO+/XjXioElM0m/27WacOeGrWOkS8Ba4dB7k2wvxGKxgBjQAeGJ/+gVlrjAGBIICKO8uDw2DDy2sB4bHwphgn8FifhYwBAeAN1PZY7" +
        "bc0O92ABuYtQHtNMNECXe8SFiJCwdVvMxAk8aAAXjAACUY4wmRwACsSd7xJYxJYi7AR7XHg4boHFHFcBI/Ta7ADc5Yf/BWceWLhYsIQHxR/p1M2KIqZ4FjxA" +
        "LBl9gAEYIAcAAAA4QZocD/FQxlF8FclO8p388Sd+IC8h34Img1b6/+r+0jL+tcMLjv1bqrfX3hi8ZjFUf9wwHQ14akgBGCAHAAAAI0GaKgP8Eh3UuHP4IwVK" +
        "ulX1o7+pvWFOX/9W/Vv19+vTcISwARggBwAAADVBmjsD/BJwvL6D3/0K3/V/oER4370r7Sjm8KfBVDfLfZ8BmVzry//rxtfUufn9Jqf5a+oQlgEYIAcAAAAp" +
        "QZpJAP8ElQvLhz+gUI7+e/0yb/Uffa14c5f19ZsvX/q3qvv1HaUYu80AAAA4QZpZQP8FOCigVW/Pv8mp+rPMhivTJv8+rbaaf+lrwxy/+GIISmu9svd/5175" +
        "9b+q9+vSjF33/LABGCAHAAAAOUGaaYD/BT6BV/9Xyb7/+tBKfW/2os7wx9VbJfmN+AnseFeq6qxk02qpf9zypTJuwv+pUlxPzfE5IAEYIAcAAAA0QZp5wP8F" +
        "OCb+cEyVemmXW7VYESckT/TkuX/WqwRVOo+z/fbPv9W/X35/lNNhF3y0J80ISwEYIAcAAAAjQZqIgDvBJwjLjP6BNevWqw519K36+/P7TLv/1/LYnvwe5YAB" +
        "GCAHAAAAIEGamJA3wVegTI7YQxDxGYjNPi2n8LdfqxEYRrXhH58k" 
        ;

    private static readonly byte[] Mp4Bytes = Convert.FromBase64String(Base64);

    /// <summary>The MP4 as made: its natural size.</summary>
    public static ReadOnlySpan<byte> Mp4 => Mp4Bytes;

    /// <summary>The size of the natural MP4, in bytes.</summary>
    public static long NaturalSize => Mp4Bytes.Length;

    /// <summary>The header of a free box with a 64-bit size (size 1, type, largesize): 16 bytes.</summary>
    public const int PaddingHeaderBytes = 16;

    /// <summary>The smallest size the sandbox pads to: the MP4 and an empty free box.</summary>
    public static long SmallestPaddedSize => NaturalSize + PaddingHeaderBytes;

    /// <summary>The size of the file served for a requested size (0 or less: the natural size).</summary>
    public static long SizeFor(long requested) => requested <= 0 ? NaturalSize : Math.Max(requested, SmallestPaddedSize);

    /// <summary>
    /// Writes the first <paramref name="count"/> bytes of the file of <paramref name="size"/> bytes
    /// (see <see cref="SizeFor"/>) in chunks, generating the padding as it goes.
    /// </summary>
    public static async Task WriteAsync(Stream output, long size, long count, CancellationToken cancellationToken)
    {
        count = Math.Min(count, size);
        var head = new byte[size == NaturalSize ? NaturalSize : SmallestPaddedSize];
        Mp4Bytes.CopyTo(head, 0);
        if (size != NaturalSize)
        {
            var at = Mp4Bytes.Length;
            head[at + 3] = 1; // size 1: the real size follows the type, on 64 bits
            head[at + 4] = (byte)'f'; head[at + 5] = (byte)'r'; head[at + 6] = (byte)'e'; head[at + 7] = (byte)'e';
            var padding = size - NaturalSize;
            for (var i = 0; i < 8; i++) head[at + 8 + i] = (byte)(padding >> (56 - 8 * i));
        }
        var first = (int)Math.Min(count, head.Length);
        await output.WriteAsync(head, 0, first, cancellationToken).ConfigureAwait(false);
        var left = count - first;
        var zeros = new byte[64 * 1024];
        while (left > 0)
        {
            var n = (int)Math.Min(left, zeros.Length);
            await output.WriteAsync(zeros, 0, n, cancellationToken).ConfigureAwait(false);
            left -= n;
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
