using ShapeDnn.DesignSpace;

namespace ShapeDnn.Search;

/// <summary>
/// How long a shape takes to train, relative to other shapes, before it has been trained: small
/// networks at small inputs are launch-bound (time grows with the number of layers), large ones
/// compute-bound (time grows with multiply-accumulates). Least squares on the 27 standard-budget
/// training times of the GPU ground truth (benchmarks/ground-truth/gpu-standard.jsonl, NVIDIA H200):
/// 2.66 s per layer and 0.059 s per million multiply-accumulates, within 20 % for all but the
/// two smallest shapes. Only ratios between shapes matter to the search, so the weight is per layer.
/// </summary>
public static class TrainingCostProxy
{
    /// <summary>Weight per unit of depth (layers of the 6n+4 count).</summary>
    public const double PerLayer = 1.0;

    /// <summary>Weight per million multiply-accumulates of one image's forward pass, relative to a layer.</summary>
    public const double PerMegaMac = 0.022;

    /// <summary>The relative cost of training <paramref name="plan"/>.</summary>
    public static double Of(NetworkPlan plan) => PerLayer * plan.Shape.Depth + PerMegaMac * plan.MultiplyAccumulates / 1e6;
}
