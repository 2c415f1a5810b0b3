using ShapeDnn.DesignSpace;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Model;

/// <summary>Layer factories that fix the plan's conventions in one place.</summary>
internal static class Layers
{
    public static BatchNorm2d BatchNorm(int channels) =>
        nn.BatchNorm2d(channels, eps: NetworkPlan.BatchNormEpsilon, momentum: NetworkPlan.BatchNormMomentum);
}
