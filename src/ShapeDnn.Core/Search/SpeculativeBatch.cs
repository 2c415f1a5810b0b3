using ShapeDnn.Prediction;

namespace ShapeDnn.Search;

/// <summary>
/// How many of a cost goal's ranked proposals go into one batch of concurrent trainings. The answer is
/// the cheapest shape that reaches the accuracy limit, so a proposal can change the choice only if it
/// reaches the limit and every cheaper proposal of its batch does not; a proposal whose chance of that
/// is small would mostly train for nothing, and on a GPU that concurrent trainings already fill it
/// slows the batch's other trainings. The batch is the longest prefix of the ranking whose every
/// member has at least the given chance of changing the choice.
/// </summary>
/// <remarks>
/// The chance that several shapes fail together is computed from each shape's own probability of
/// reaching the limit and the accuracy model's correlations between them (a Gaussian copula): close
/// shapes tend to reach the limit or miss it together, so a costlier neighbour of a proposal changes
/// the choice less often than independence would say, and a distant shape about as often. It is
/// estimated over a fixed set of samples, so the same inputs always give the same batch.
/// </remarks>
public static class SpeculativeBatch
{
    /// <summary>Samples of the joint outcome; the estimate's standard error is below 0.008 at any chance.</summary>
    private const int Samples = 4096;

    /// <summary>Fixed, so that a search's decisions are deterministic.</summary>
    private const int Seed = 20261202;

    /// <summary>
    /// The number of leading proposals to train together: the first always, each next one while its
    /// chance of reaching the limit with every earlier one failing is at least <paramref name="threshold"/>.
    /// </summary>
    /// <param name="chances">Each ranked proposal's probability of reaching the limit, cheapest first.</param>
    /// <param name="correlation">Correlation of two proposals' accuracies (by index); symmetric, 1 on the diagonal.</param>
    /// <param name="threshold">Smallest chance of changing the choice that earns a place in the batch.</param>
    /// <param name="capacity">Most proposals a batch may hold.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> below 1.</exception>
    public static int Length(IReadOnlyList<double> chances, Func<int, int, double> correlation, double threshold, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        int n = Math.Min(chances.Count, capacity);
        if (n <= 1) return n;
        var factor = CholeskyOf(n, correlation);
        var random = new Random(Seed);
        // Per sample: whether every member kept so far fails.
        var allFail = new bool[Samples];
        var reaches = new bool[n, Samples];
        var normals = new double[n];
        for (int s = 0; s < Samples; s++)
        {
            for (int i = 0; i < n; i++) normals[i] = StandardNormal(random);
            for (int i = 0; i < n; i++)
            {
                double z = 0;
                for (int k = 0; k <= i; k++) z += factor[i, k] * normals[k];
                // Marginally standard normal, so Φ(z) is uniform: the shape reaches the limit with its own probability.
                reaches[i, s] = Normal.Cdf(z) >= 1 - chances[i];
            }
            allFail[s] = !reaches[0, s];
        }
        int length = 1;
        for (int i = 1; i < n; i++)
        {
            int changes = 0;
            for (int s = 0; s < Samples; s++) if (allFail[s] && reaches[i, s]) changes++;
            if (changes < threshold * Samples) break;
            length++;
            for (int s = 0; s < Samples; s++) allFail[s] &= !reaches[i, s];
        }
        return length;
    }

    /// <summary>Lower-triangular factor of the correlation matrix, with the diagonal raised until it factors (correlations near 1 make it singular).</summary>
    private static double[,] CholeskyOf(int n, Func<int, int, double> correlation)
    {
        for (double jitter = 1e-9; ; jitter *= 10)
        {
            var r = new double[n, n];
            for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                r[i, j] = i == j ? 1 + jitter : Math.Clamp(correlation(i, j), -1, 1);
            if (CholeskyFactor.Of(r) is { } l) return l;
        }
    }

    /// <summary>Box–Muller (one of the pair; the sample count is small enough not to care).</summary>
    private static double StandardNormal(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
