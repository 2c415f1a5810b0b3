using ShapeDnn.Data;

namespace ShapeDnn.CodeGeneration;

/// <summary>
/// The class names of the datasets ShapeDnn reads out of the box, used when the user gives none.
/// </summary>
/// <remarks>
/// Recognition is by format, geometry and class count, plus the test split for IDX datasets:
/// <list type="bullet">
/// <item>CIFAR-10: the CIFAR binary layout ShapeDnn reads is CIFAR-10's own (one label byte and
/// 3×32×32 pixels per record; CIFAR-100's records differ), so the format and geometry identify it.</item>
/// <item>MNIST and Fashion-MNIST share the IDX format, 1×28×28 images and 10 classes, so geometry
/// cannot tell them apart (nor from another 28×28 IDX set such as KMNIST). Their official test splits
/// can: 10,000 images whose first 20 labels are the published sequence. The labels, not a hash of the
/// files, because the same data ships gzipped or not and users train on subsets of the training set;
/// both change the files' bytes but not the test labels. 20 labels of 10 classes leave a chance of
/// 10^-20 of mistaking another dataset's test split for one of these.</item>
/// </list>
/// A dataset that is not recognised (a shuffled or sampled test set, another dataset) gets its
/// classes named by index unless labels are given.
/// </remarks>
public static class KnownDatasetLabels
{
    private sealed record Known(string Name, string Format, int Channels, int Size, int TestCount, byte[]? TestLabelPrefix, string[] Labels);

    private static readonly Known[] All =
    [
        new("Fashion-MNIST", DatasetLoader.IdxFormat, 1, 28, 10_000, [9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5, 7, 3, 4, 1, 2, 4, 8, 0],
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]),
        new("MNIST", DatasetLoader.IdxFormat, 1, 28, 10_000, [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5, 9, 7, 3, 4],
            ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]),
        new("CIFAR-10", DatasetLoader.CifarFormat, 3, 32, 0, null,
            ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]),
    ];

    /// <summary>The dataset's name and class labels if it is one of the known datasets, else <see langword="null"/>.</summary>
    public static (string Name, IReadOnlyList<string> Labels)? Recognise(LoadedDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var shape = dataset.Train.Shape;
        foreach (var known in All)
        {
            if (dataset.Format != known.Format || shape.Channels != known.Channels || shape.Height != known.Size
                || shape.Width != known.Size || shape.Classes != known.Labels.Length)
                continue;
            if (known.TestLabelPrefix is { } prefix
                && (dataset.Test.Count != known.TestCount || !dataset.Test.Labels.AsSpan(0, prefix.Length).SequenceEqual(prefix)))
                continue;
            return (known.Name, known.Labels);
        }
        return null;
    }
}
