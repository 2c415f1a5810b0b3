using ShapeDnn.DesignSpace;

namespace ShapeDnn.Tensors;

/// <summary>
/// Seeded random weights for a <see cref="NetworkPlan"/>: what latency profiling runs (timing does not
/// depend on values) and what tests compare exporters and runtimes on.
/// </summary>
public static class RandomWeights
{
    /// <summary>
    /// He-normal convolutions, uniform fully connected layer; batch norms get random affine
    /// parameters and running statistics when <paramref name="randomBatchNormStatistics"/> is set
    /// (so that tests exercise every term), otherwise the identity initialisation.
    /// </summary>
    public static IReadOnlyList<NamedTensor> Create(NetworkPlan plan, int seed, bool randomBatchNormStatistics = false)
    {
        var random = new Random(seed);
        var result = new List<NamedTensor>(plan.Tensors.Count);
        foreach (var spec in plan.Tensors)
        {
            var data = new float[spec.ElementCount];
            string kind = spec.Name[(spec.Name.LastIndexOf('.') + 1)..];
            bool isBatchNorm = spec.Dimensions.Length == 1 && !spec.Name.StartsWith("head.fc", StringComparison.Ordinal);
            if (spec.Dimensions.Length == 4)
            {
                int fanIn = spec.Dimensions[1] * spec.Dimensions[2] * spec.Dimensions[3];
                double std = Math.Sqrt(2.0 / fanIn);
                for (int i = 0; i < data.Length; i++) data[i] = (float)(Gaussian(random) * std);
            }
            else if (spec.Dimensions.Length == 2 || spec.Name == "head.fc.bias")
            {
                double bound = 1.0 / Math.Sqrt(plan.HeadChannels);
                for (int i = 0; i < data.Length; i++) data[i] = (float)((random.NextDouble() * 2 - 1) * bound);
            }
            else if (isBatchNorm)
            {
                for (int i = 0; i < data.Length; i++)
                    data[i] = (kind, randomBatchNormStatistics) switch
                    {
                        ("weight", true) => (float)(0.5 + random.NextDouble()),
                        ("bias", true) => (float)(random.NextDouble() - 0.5) * 0.2f,
                        ("running_mean", true) => (float)(random.NextDouble() - 0.5) * 0.2f,
                        ("running_var", true) => (float)(0.5 + random.NextDouble()),
                        ("weight", false) or ("running_var", false) => 1f,
                        _ => 0f,
                    };
            }
            result.Add(new NamedTensor(spec.Name, (int[])spec.Dimensions.Clone(), data));
        }
        return result;
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller; 1 − U avoids log(0).
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
