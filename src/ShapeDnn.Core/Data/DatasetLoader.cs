using System.Security.Cryptography;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Data;

/// <summary>
/// Reads a dataset folder in one of the two layouts ShapeDnn understands and identifies it by a
/// content hash, which keys every cached training result.
/// </summary>
/// <remarks>
/// <para><b>MNIST/IDX</b> (<see cref="IdxFormat"/>): <c>train-images-idx3-ubyte</c>,
/// <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each
/// plain or with <c>.gz</c> (where both exist the plain file is read). Images are 1 × rows × columns.
/// The class count is the largest training label + 1 (at least 2): the data, not a convention,
/// decides how many outputs the network gets, so a two-class IDX set does not get ten outputs. A
/// test label the training set cannot produce (≥ that count) is an error. Subsets must therefore
/// contain the highest class, which a stratified subset does.</para>
/// <para><b>CIFAR-10 binary</b> (<see cref="CifarFormat"/>): <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c>
/// and <c>test_batch.bin</c>, in the folder or in its <c>cifar-10-batches-bin</c> subfolder; 3 × 32 × 32,
/// 10 classes. Batches may hold any whole number of records.</para>
/// <para>The IDX layout is tried first. The content hash is SHA-256 over the exact bytes of the files
/// read (compressed bytes for <c>.gz</c>), in the order of <see cref="LoadedDataset.Files"/>: train
/// images, train labels, test images, test labels for IDX; batches 1–5 then the test batch for CIFAR.</para>
/// </remarks>
public static class DatasetLoader
{
    /// <summary>Format name of the MNIST/IDX layout.</summary>
    public const string IdxFormat = "mnist-idx";

    /// <summary>Format name of the CIFAR-10 binary layout.</summary>
    public const string CifarFormat = "cifar10-binary";

    /// <summary>The IDX files in hash order, without the optional <c>.gz</c>.</summary>
    public static readonly IReadOnlyList<string> IdxFileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The CIFAR-10 files in hash order.</summary>
    public static readonly IReadOnlyList<string> CifarFileNames =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];

    /// <summary>The subfolder the CIFAR-10 archive unpacks to.</summary>
    public const string CifarSubfolder = "cifar-10-batches-bin";

    /// <summary>Loads the dataset in <paramref name="folder"/>.</summary>
    /// <exception cref="ShapeDnnException">
    /// <see cref="ErrorCode.DatasetMissing"/> when the folder, a file or any recognisable dataset is missing;
    /// <see cref="ErrorCode.DatasetMalformed"/> when a file is malformed (magic, dimensions, counts,
    /// truncation, corrupt gzip, labels out of range).
    /// </exception>
    public static LoadedDataset Load(string folder)
    {
        if (FolderProblem(folder) is { } problem)
            throw new ShapeDnnException(ErrorCode.DatasetMissing, $"Dataset folder '{folder}' {problem}; give the folder that holds the dataset files.");
        folder = Path.GetFullPath(folder);

        return Recognise(folder);
    }

    /// <summary>
    /// Why <paramref name="path"/> is not an existing folder ("does not exist", "is a file, not a folder"), or null:
    /// the one check behind every folder option (<c>--data</c>, <c>--libtorch</c>, <c>ShapeDnnDataset</c> …).
    /// </summary>
    public static string? FolderProblem(string path) =>
        Directory.Exists(path) ? null : File.Exists(path) ? "is a file, not a folder" : "does not exist";

    private static LoadedDataset Recognise(string folder)
    {
        if (IdxFileNames.Any(n => Exists(Path.Combine(folder, n)) || Exists(Path.Combine(folder, n + ".gz"))))
            return LoadIdx(folder);
        foreach (var candidate in new[] { folder, Path.Combine(folder, CifarSubfolder) })
            if (CifarFileNames.Any(n => Exists(Path.Combine(candidate, n))))
                return LoadCifar(candidate);

        var present = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(10).ToList();
        throw new ShapeDnnException(ErrorCode.DatasetMissing,
            $"No recognised dataset in '{folder}'. Expected either MNIST/IDX files ({string.Join(", ", IdxFileNames)}, each optionally .gz) " +
            $"or CIFAR-10 binary files ({string.Join(", ", CifarFileNames)}), directly or in a '{CifarSubfolder}' subfolder. " +
            (present.Count == 0 ? "The folder is empty." : $"Found: {string.Join(", ", present)}."));
    }

    private static LoadedDataset LoadIdx(string folder)
    {
        var paths = IdxFileNames.Select(n => ResolveIdx(folder, n)).ToArray();
        // Sequential on purpose: the training images dominate (one gzip stream cannot be inflated
        // in parallel), and a sequential read reports the first bad file deterministically.
        var files = paths.Select(DatasetFile.Read).ToArray();
        var trainImages = IdxReader.ReadImages(files[0]);
        var trainLabels = IdxReader.ReadLabels(files[1]);
        var testImages = IdxReader.ReadImages(files[2]);
        var testLabels = IdxReader.ReadLabels(files[3]);

        CheckCounts(files[0], trainImages.Count, files[1], trainLabels.Length);
        CheckCounts(files[2], testImages.Count, files[3], testLabels.Length);
        if (testImages.Rows != trainImages.Rows || testImages.Columns != trainImages.Columns)
            throw files[2].Malformed(
                $"has an inconsistent dimension header: its images are {testImages.Rows}x{testImages.Columns} but the training images in '{files[0].Name}' are {trainImages.Rows}x{trainImages.Columns}.");

        int classes = Math.Max(2, trainLabels.Max() + 1);
        for (int i = 0; i < testLabels.Length; i++)
            if (testLabels[i] >= classes)
                throw files[3].Malformed(
                    $"has label {testLabels[i]} at index {i}, outside the range 0..{classes - 1} of the training labels in '{files[1].Name}'.");

        var shape = new InputShape(1, trainImages.Rows, trainImages.Columns, classes);
        return new LoadedDataset(
            IdxFormat,
            new ImageDataset(shape, trainImages.Pixels, trainLabels),
            new ImageDataset(shape, testImages.Pixels, testLabels),
            Hash(files),
            paths);
    }

    /// <summary>Whether a dataset file is present, as a file or (wrongly) as a folder, which <see cref="DatasetFile.Read"/> then names.</summary>
    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    private static string ResolveIdx(string folder, string name)
    {
        string plain = Path.Combine(folder, name), gz = plain + ".gz";
        if (Exists(plain)) return plain;
        if (Exists(gz)) return gz;
        throw new ShapeDnnException(ErrorCode.DatasetMissing,
            $"Dataset file '{plain}' (or '{name}.gz') is missing; an MNIST/IDX dataset needs {string.Join(", ", IdxFileNames)}.");
    }

    private static LoadedDataset LoadCifar(string folder)
    {
        var paths = CifarFileNames.Select(n => Path.Combine(folder, n)).ToArray();
        foreach (var path in paths)
            if (!Exists(path))
                throw new ShapeDnnException(ErrorCode.DatasetMissing,
                    $"Dataset file '{path}' is missing; a CIFAR-10 binary dataset needs {string.Join(", ", CifarFileNames)}.");
        var files = paths.Select(DatasetFile.Read).ToArray();
        var (trainPixels, trainLabels) = CifarBinaryReader.Read(files[..^1]);
        var (testPixels, testLabels) = CifarBinaryReader.Read(files[^1..]);
        var shape = new InputShape(CifarBinaryReader.Channels, CifarBinaryReader.Side, CifarBinaryReader.Side, CifarBinaryReader.Classes);
        return new LoadedDataset(
            CifarFormat,
            new ImageDataset(shape, trainPixels, trainLabels),
            new ImageDataset(shape, testPixels, testLabels),
            Hash(files),
            paths);
    }

    private static void CheckCounts(DatasetFile images, int imageCount, DatasetFile labels, int labelCount)
    {
        if (imageCount != labelCount)
            throw labels.Malformed($"holds {labelCount} labels but '{images.Path}' holds {imageCount} images; the counts must match.");
    }

    private static string Hash(IEnumerable<DatasetFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files) hash.AppendData(file.Raw);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
