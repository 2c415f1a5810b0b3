using ShapeDnn.Diagnostics;

namespace ShapeDnn.Data;

/// <summary>
/// Seeded, deterministic division of a dataset into train, validation and test parts, and seeded
/// subsets. Selected images keep their original order, so a split is a pure function of the
/// dataset, the counts and the seed.
/// </summary>
/// <remarks>
/// Validation is drawn first from the whole training set, the training subset then from what
/// remains; so changing <see cref="SplitOptions.TrainCount"/> never changes the validation set, and
/// validation accuracy stays comparable across budgets. The test subset uses its own random stream.
/// Randomness comes from <see cref="Random(int)"/>, whose seeded sequence .NET keeps stable across versions.
/// </remarks>
public static class DatasetSplitter
{
    /// <summary>Splits a loaded dataset.</summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.BadOption"/> when a count is negative or too large.</exception>
    public static DatasetSplit Split(LoadedDataset dataset, SplitOptions options) =>
        Split(dataset.Train, dataset.Test, options);

    /// <summary>Splits <paramref name="train"/> into train and validation and subsets <paramref name="test"/>.</summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.BadOption"/> when a count is negative or too large.</exception>
    public static DatasetSplit Split(ImageDataset train, ImageDataset test, SplitOptions options)
    {
        if (options.ValidationCount < 0 || options.ValidationCount >= train.Count)
            throw new ShapeDnnException(ErrorCode.BadOption,
                $"Validation count {options.ValidationCount} must be between 0 and {train.Count - 1} (the training set holds {train.Count} images).");
        if (options.TrainCount is < 1)
            throw new ShapeDnnException(ErrorCode.BadOption, $"Training subset size {options.TrainCount} must be at least 1.");
        if (options.TestCount is < 1)
            throw new ShapeDnnException(ErrorCode.BadOption, $"Test subset size {options.TestCount} must be at least 1.");

        var random = new Random(options.Seed);
        int[] all = Enumerable.Range(0, train.Count).ToArray();
        int[] validation = Draw(train.Labels, all, options.ValidationCount, options.Stratified, random);
        int[] rest = Except(all, validation);
        int trainCount = Math.Min(options.TrainCount ?? rest.Length, rest.Length);
        int[] trainPart = trainCount == rest.Length ? rest : Draw(train.Labels, rest, trainCount, options.Stratified, random);

        int testCount = Math.Min(options.TestCount ?? test.Count, test.Count);
        var testPart = testCount == test.Count
            ? test
            : test.Select(Draw(test.Labels, Enumerable.Range(0, test.Count).ToArray(), testCount, options.Stratified, new Random(TestStreamSeed(options.Seed))));

        return new DatasetSplit(train.Select(trainPart), train.Select(validation), testPart);
    }

    /// <summary>A seeded subset of <paramref name="count"/> images of <paramref name="dataset"/>, in their original order.</summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.BadOption"/> when <paramref name="count"/> is negative or larger than the dataset.</exception>
    public static ImageDataset Sample(ImageDataset dataset, int count, int seed, bool stratified = true)
    {
        if (count < 0 || count > dataset.Count)
            throw new ShapeDnnException(ErrorCode.BadOption, $"Subset size {count} must be between 0 and {dataset.Count}.");
        return dataset.Select(Draw(dataset.Labels, Enumerable.Range(0, dataset.Count).ToArray(), count, stratified, new Random(seed)));
    }

    /// <summary>Draws <paramref name="count"/> of <paramref name="pool"/> (indices into <paramref name="labels"/>); result sorted.</summary>
    private static int[] Draw(byte[] labels, int[] pool, int count, bool stratified, Random random)
    {
        int[] chosen;
        if (!stratified)
        {
            var copy = (int[])pool.Clone();
            PartialShuffle(copy, count, random);
            chosen = copy[..count];
        }
        else
        {
            var byClass = pool.GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
            var quotas = Quotas(byClass.Select(g => g.Length).ToArray(), count);
            chosen = new int[count];
            int at = 0;
            for (int c = 0; c < byClass.Length; c++)
            {
                PartialShuffle(byClass[c], quotas[c], random);
                byClass[c].AsSpan(0, quotas[c]).CopyTo(chosen.AsSpan(at));
                at += quotas[c];
            }
        }
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>Largest-remainder apportionment of <paramref name="count"/> over classes of the given sizes.</summary>
    private static int[] Quotas(int[] sizes, int count)
    {
        long total = sizes.Sum(s => (long)s);
        var quotas = new int[sizes.Length];
        var remainders = new long[sizes.Length];
        int assigned = 0;
        for (int c = 0; c < sizes.Length; c++)
        {
            long exact = (long)count * sizes[c];
            quotas[c] = (int)(exact / total);
            remainders[c] = exact % total;
            assigned += quotas[c];
        }
        // Ties go to the lower class index, which keeps the result deterministic.
        foreach (int c in Enumerable.Range(0, sizes.Length).OrderByDescending(c => remainders[c]).ThenBy(c => c).Take(count - assigned))
            quotas[c]++;
        return quotas;
    }

    /// <summary>Fisher–Yates over the first <paramref name="count"/> positions only.</summary>
    private static void PartialShuffle(int[] items, int count, Random random)
    {
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, items.Length);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static int[] Except(int[] all, int[] sortedRemoved)
    {
        var result = new int[all.Length - sortedRemoved.Length];
        int r = 0, k = 0;
        foreach (int i in all)
        {
            if (r < sortedRemoved.Length && sortedRemoved[r] == i) { r++; continue; }
            result[k++] = i;
        }
        return result;
    }

    private static int TestStreamSeed(int seed) => unchecked(seed * 31 + 0x7E57);
}
