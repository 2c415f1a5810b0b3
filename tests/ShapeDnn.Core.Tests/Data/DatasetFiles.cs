using System.Buffers.Binary;
using System.IO.Compression;

namespace ShapeDnn.Core.Tests.Data;

/// <summary>
/// Writes small synthetic IDX and CIFAR-10 files byte by byte, independently of the loader, so that
/// the tests check the loader against the formats rather than against itself.
/// </summary>
internal static class DatasetFiles
{
    public static byte[] IdxImages(int count, int rows, int columns, int magic = 0x00000803, int seed = 1)
    {
        var bytes = new byte[16 + count * rows * columns];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        new Random(seed).NextBytes(bytes.AsSpan(16));
        return bytes;
    }

    public static byte[] IdxLabels(params byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    public static byte[] Labels(int count, int classes) => Enumerable.Range(0, count).Select(i => (byte)(i % classes)).ToArray();

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(content);
        return output.ToArray();
    }

    /// <summary>Writes a valid IDX dataset: by default 12 training and 5 test images of 4×3 pixels, labels cycling over 10 classes.</summary>
    public static void WriteIdx(string folder, bool gzip, int trainCount = 12, int testCount = 5, int rows = 4, int columns = 3)
    {
        Directory.CreateDirectory(folder);
        Write(folder, "train-images-idx3-ubyte", IdxImages(trainCount, rows, columns, seed: 1), gzip);
        Write(folder, "train-labels-idx1-ubyte", IdxLabels(Labels(trainCount, 10)), gzip);
        Write(folder, "t10k-images-idx3-ubyte", IdxImages(testCount, rows, columns, seed: 2), gzip);
        Write(folder, "t10k-labels-idx1-ubyte", IdxLabels(Labels(testCount, 10)), gzip);
    }

    public static string Write(string folder, string name, byte[] content, bool gzip)
    {
        string path = Path.Combine(folder, gzip ? name + ".gz" : name);
        File.WriteAllBytes(path, gzip ? Gzip(content) : content);
        return path;
    }

    /// <summary>A CIFAR-10 batch: record r has label r % 10 and pixel p (planar RGB) = (r + p) % 251.</summary>
    public static byte[] CifarBatch(int records, int firstRecord = 0)
    {
        var bytes = new byte[records * 3073];
        for (int r = 0; r < records; r++)
        {
            bytes[r * 3073] = (byte)((firstRecord + r) % 10);
            for (int p = 0; p < 3072; p++) bytes[r * 3073 + 1 + p] = (byte)((firstRecord + r + p) % 251);
        }
        return bytes;
    }

    /// <summary>Writes six CIFAR-10 batches of 3 records each (train records 0…14, test 15…17).</summary>
    public static void WriteCifar(string folder)
    {
        Directory.CreateDirectory(folder);
        for (int b = 1; b <= 5; b++)
            File.WriteAllBytes(Path.Combine(folder, $"data_batch_{b}.bin"), CifarBatch(3, (b - 1) * 3));
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), CifarBatch(3, 15));
    }
}
