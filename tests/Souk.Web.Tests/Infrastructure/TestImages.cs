using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Souk.Web.Tests.Infrastructure;

/// <summary>Real images for upload tests (Souk decodes every uploaded image), and PNG chunks built by hand.</summary>
public static class TestImages
{
    /// <summary>A real PNG of <paramref name="width"/> × <paramref name="height"/> pixels, a little red and blue.</summary>
    public static byte[] Png(int width = 3, int height = 2)
    {
        using var bitmap = new SKBitmap(width, height);
        for (var x = 0; x < width; x++)
        for (var y = 0; y < height; y++)
            bitmap.SetPixel(x, y, (x + y) % 2 == 0 ? SKColors.Red : SKColors.Blue);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A real JPEG (quality 95) of the same pattern, with an EXIF segment right after its start marker that
    /// says the camera was turned (orientation 6: shown turned 90° clockwise) and carries a GPS-looking text.</summary>
    public static byte[] JpegWithExif(int width = 3, int height = 2)
    {
        using var bitmap = new SKBitmap(width, height);
        for (var x = 0; x < width; x++)
        for (var y = 0; y < height; y++)
            bitmap.SetPixel(x, y, (x + y) % 2 == 0 ? SKColors.Red : SKColors.Blue);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        var jpeg = data.ToArray();
        // TIFF, little-endian: one IFD with one entry, Orientation (0x0112), SHORT, 1 value: 6; no next IFD.
        byte[] tiff = [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff, .. "GPS 48.8584 N 2.2945 E"u8];
        var length = payload.Length + 2;
        return [0xFF, 0xD8, 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. jpeg.AsSpan(2)];
    }

    /// <summary>The PNG signature.</summary>
    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>One PNG chunk: length, type, data and its CRC-32 (over type and data), as the format wants.</summary>
    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>A PNG header chunk: the dimensions and pixel format a decoder will believe.</summary>
    public static byte[] Ihdr(int width, int height)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(data, width);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), height);
        data[8] = 8; // bit depth
        data[9] = 6; // RGBA
        return Chunk("IHDR", data);
    }

    /// <summary><paramref name="png"/> with <paramref name="chunk"/> put just after its header chunk.</summary>
    public static byte[] WithChunkAfterHeader(byte[] png, byte[] chunk)
    {
        const int afterIhdr = 8 + 12 + 13;
        return [.. png.AsSpan(0, afterIhdr), .. chunk, .. png.AsSpan(afterIhdr)];
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
