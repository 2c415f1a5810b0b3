using System.Buffers.Binary;
using System.IO.Compression;

namespace FashionApp;

/// <summary>Reads the IDX files (gzip) that MNIST and Fashion-MNIST ship in.</summary>
internal static class IdxFile
{
    /// <summary>The images of an <c>idx3</c> file, one byte array of <paramref name="bytesPerImage"/> per image.</summary>
    public static IReadOnlyList<byte[]> ReadImages(string path, int bytesPerImage)
    {
        var data = ReadAll(path);
        int count = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
        int size = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(8)) * BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(12));
        if (size != bytesPerImage) throw new InvalidDataException($"{path} holds images of {size} bytes; the model takes {bytesPerImage}.");
        return Enumerable.Range(0, count).Select(i => data.AsSpan(16 + i * size, size).ToArray()).ToList();
    }

    /// <summary>The labels of an <c>idx1</c> file.</summary>
    public static byte[] ReadLabels(string path) => ReadAll(path)[8..];

    private static byte[] ReadAll(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
