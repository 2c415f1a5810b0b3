using System.Buffers.Binary;
using System.IO.Compression;

namespace ShapeDnn.Reporting.Html.Tests;

/// <summary>
/// Decodes the 8-bit RGB(A), non-interlaced PNGs a headless browser writes, enough to count colours:
/// the test must look at the pixels, not trust that a file of some size appeared.
/// </summary>
internal sealed class PngImage
{
    private PngImage(int width, int height, uint[] pixels) => (Width, Height, Pixels) = (width, height, pixels);

    public int Width { get; }
    public int Height { get; }
    /// <summary>0xRRGGBB per pixel, row by row.</summary>
    public uint[] Pixels { get; }

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }))
            throw new InvalidDataException($"{path} is not a PNG.");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int at = 8; at + 8 <= bytes.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var data = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0) throw new InvalidDataException($"PNG bit depth {data[8]}, interlace {data[12]}: not supported.");
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"PNG colour type {data[9]}: not supported.") };
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        var raw = inflated.ToArray();
        int stride = width * channels;
        var previous = new byte[stride];
        var row = new byte[stride];
        var pixels = new uint[width * height];
        for (int y = 0; y < height; y++)
        {
            int start = y * (stride + 1);
            byte filter = raw[start];
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? row[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                int x = raw[start + 1 + i];
                row[i] = (byte)(filter switch
                {
                    0 => x,
                    1 => x + a,
                    2 => x + b,
                    3 => x + (a + b) / 2,
                    4 => x + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter {filter}."),
                });
            }
            for (int px = 0; px < width; px++)
                pixels[y * width + px] = (uint)(row[px * channels] << 16 | row[px * channels + 1] << 8 | row[px * channels + 2]);
            (previous, row) = (row, previous);
        }
        return new PngImage(width, height, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
