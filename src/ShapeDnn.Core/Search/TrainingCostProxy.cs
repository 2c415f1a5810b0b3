using ShapeDnn.DesignSpace;

namespace ShapeDnn.Search;

/// <summary>
/// How long a shape takes to train, relative to other shapes, before it has been trained. Only ratios
/// between shapes matter to the search. Least squares on the ground truth (benchmarks/ground-truth):
/// on a GPU small networks at small inputs are launch-bound, and the standard budget took
/// 9.9 s + 1.26 s per layer on an NVIDIA H200, whatever the width (within 15 % for all 27 shapes);
/// on a CPU they are compute-bound, and the quick budget took 13.3 s + 0.29 s per layer + 1.03 s per
/// million multiply-accumulates of one image on 2 cores (within 20 %).
/// </summary>
public static class TrainingCostProxy
{
    /// <summary>Whether a trainer's device description (e.g. <c>cuda (1 device(s), bf16, …)</c>) names a GPU.</summary>
    public static bool IsGpu(string? deviceDescription) => deviceDescription?.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The relative cost of training <paramref name="plan"/> on a GPU (<paramref name="gpu"/>) or a CPU.</summary>
    public static double Of(NetworkPlan plan, bool gpu)
    {
        double megaMacs = plan.MultiplyAccumulates / 1e6;
        return gpu ? 9.9 + 1.26 * plan.Shape.Depth : 13.3 + 0.29 * plan.Shape.Depth + 1.03 * megaMacs;
    }
}
