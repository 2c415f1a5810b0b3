using System.Buffers.Binary;
using System.IO.Compression;

namespace ShapeDnn.Cli.Tests.BadInput;

/// <summary>
/// Dataset folders that are wrong in one way each, written into a temporary folder: IDX files with a
/// wrong magic number, counts that disagree, truncated gzip, an empty file, a folder where a file
/// belongs …, and CIFAR-10 batches with the same kinds of fault. Named by what is wrong.
/// </summary>
internal static class MalformedDatasets
{
    private const int Count = 60, Side = 28;

    /// <summary>Every dataset: its name and how to write it into an empty folder.</summary>
    public static readonly IReadOnlyDictionary<string, Action<string>> All = new Dictionary<string, Action<string>>
    {
        ["empty-folder"] = _ => { },
        ["unrelated-files"] = d => File.WriteAllText(Path.Combine(d, "notes.txt"), "not a dataset"),
        ["idx-wrong-magic"] = d => Idx(d, trainImages: WithMagic(Images(Count, Side, Side), 0x0804)),
        ["idx-wrong-label-magic"] = d => Idx(d, trainLabels: WithMagic(Labels(Count), 0x0803)),
        ["idx-label-count-differs"] = d => Idx(d, trainLabels: Labels(Count - 1)),
        ["idx-test-label-count-differs"] = d => Idx(d, testLabels: Labels(Count + 3)),
        ["idx-truncated-gzip"] = d => Idx(d, gzipTruncated: true),
        ["idx-empty-file"] = d => Idx(d, trainImages: []),
        ["idx-truncated-header"] = d => Idx(d, testLabels: [0, 0, 8]),
        ["idx-truncated-pixels"] = d => Idx(d, trainImages: Images(Count, Side, Side)[..^100]),
        ["idx-trailing-bytes"] = d => Idx(d, trainImages: [.. Images(Count, Side, Side), 1, 2, 3]),
        ["idx-folder-instead-of-file"] = d => { Idx(d); File.Delete(Path.Combine(d, "train-labels-idx1-ubyte")); Directory.CreateDirectory(Path.Combine(d, "train-labels-idx1-ubyte")); },
        ["idx-missing-test-files"] = d => { Idx(d); File.Delete(Path.Combine(d, "t10k-images-idx3-ubyte")); },
        ["idx-zero-images"] = d => Idx(d, trainImages: Images(0, Side, Side), trainLabels: Labels(0)),
        ["idx-one-image"] = d => Idx(d, trainImages: Images(1, Side, Side), trainLabels: Labels(1), testImages: Images(1, Side, Side), testLabels: Labels(1)),
        ["idx-five-images"] = d => Idx(d, trainImages: Images(5, Side, Side), trainLabels: Labels(5), testImages: Images(5, Side, Side), testLabels: Labels(5)),
        ["idx-1x1-pixels"] = d => Idx(d, trainImages: Images(Count, 1, 1), testImages: Images(Count, 1, 1)),
        ["idx-3x3-pixels"] = d => Idx(d, trainImages: Images(Count, 3, 3), testImages: Images(Count, 3, 3)),
        ["idx-test-geometry-differs"] = d => Idx(d, testImages: Images(Count, 14, 14)),
        ["idx-huge-side"] = d => Idx(d, trainImages: Header(Count, 100_000, 100_000)),
        ["idx-negative-count"] = d => Idx(d, trainImages: Header(-5, Side, Side)),
        // A header that promises two billion images of one pixel: must not cost two gigabytes.
        ["idx-header-promises-2e9-images"] = d => Idx(d, trainImages: Header(2_000_000_000, 1, 1)),
        ["idx-gzip-header-promises-2e9-images"] = d => Idx(d, trainImages: Header(2_000_000_000, 1, 1), gzip: true),
        ["idx-test-label-out-of-range"] = d => Idx(d, testLabels: Labels(Count, maxLabel: 40)),
        ["idx-not-gzip-named-gz"] = d => { Idx(d); File.Move(Path.Combine(d, "train-images-idx3-ubyte"), Path.Combine(d, "train-images-idx3-ubyte.gz")); },
        ["cifar-truncated-record"] = d => Cifar(d, cut: 100),
        ["cifar-label-out-of-range"] = d => Cifar(d, badLabel: true),
        ["cifar-missing-batch"] = d => { Cifar(d); File.Delete(Path.Combine(d, "data_batch_3.bin")); },
        ["cifar-empty-batch"] = d => { Cifar(d); File.WriteAllBytes(Path.Combine(d, "test_batch.bin"), []); },
        ["cifar-folder-instead-of-batch"] = d => { Cifar(d); File.Delete(Path.Combine(d, "data_batch_2.bin")); Directory.CreateDirectory(Path.Combine(d, "data_batch_2.bin")); },
    };

    private static void Idx(string folder, byte[]? trainImages = null, byte[]? trainLabels = null, byte[]? testImages = null, byte[]? testLabels = null,
        bool gzip = false, bool gzipTruncated = false)
    {
        Write(folder, "train-images-idx3-ubyte", trainImages ?? Images(Count, Side, Side), gzip || gzipTruncated, gzipTruncated);
        Write(folder, "train-labels-idx1-ubyte", trainLabels ?? Labels(Count), gzip, false);
        Write(folder, "t10k-images-idx3-ubyte", testImages ?? Images(Count, Side, Side), gzip, false);
        Write(folder, "t10k-labels-idx1-ubyte", testLabels ?? Labels(Count), gzip, false);
    }

    private static void Write(string folder, string name, byte[] content, bool gzip, bool truncate)
    {
        if (!gzip)
        {
            File.WriteAllBytes(Path.Combine(folder, name), content);
            return;
        }
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) zip.Write(content);
        var bytes = buffer.ToArray();
        File.WriteAllBytes(Path.Combine(folder, name + ".gz"), truncate ? bytes[..(bytes.Length / 2)] : bytes);
    }

    private static byte[] Header(int count, int rows, int columns)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), columns);
        return header;
    }

    private static byte[] Images(int count, int rows, int columns)
    {
        var pixels = new byte[(long)count * rows * columns];
        new Random(count).NextBytes(pixels);
        return [.. Header(count, rows, columns), .. pixels];
    }

    private static byte[] Labels(int count, int maxLabel = 9)
    {
        var labels = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(labels, 0x0801);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), count);
        for (int i = 0; i < count; i++) labels[8 + i] = (byte)(i % 10 == 9 ? maxLabel : i % 10);
        return labels;
    }

    private static byte[] WithMagic(byte[] file, int magic)
    {
        BinaryPrimitives.WriteInt32BigEndian(file, magic);
        return file;
    }

    private static void Cifar(string folder, int cut = 0, bool badLabel = false)
    {
        const int record = 1 + 3 * 32 * 32, records = 12;
        string[] names = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];
        foreach (var name in names)
        {
            var bytes = new byte[record * records];
            new Random(name.Length).NextBytes(bytes);
            for (int r = 0; r < records; r++) bytes[r * record] = (byte)(r % 10);
            if (badLabel && name == "data_batch_4.bin") bytes[record * 5] = 11;
            File.WriteAllBytes(Path.Combine(folder, name), cut > 0 && name == "data_batch_1.bin" ? bytes[..^cut] : bytes);
        }
    }
}
