using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Training.Model;

namespace ShapeDnn.Training.Families;

/// <summary>The TorchSharp module of each network family (<see cref="NetworkFamilies"/>), by family id.</summary>
public static class ShapeNetworks
{
    private static readonly Dictionary<string, Func<NetworkPlan, ShapeNetwork>> Factories = new(StringComparer.Ordinal)
    {
        [NetworkFamilies.WideResNetId] = plan => new WideResNet((WideResNetPlan)plan),
        [DenseNetBCFamily.FamilyId] = plan => new DenseNetBC((DenseNetBCPlan)plan),
        [MobileFamily.FamilyId] = plan => new MobileNet((MobileNetPlan)plan),
    };

    /// <summary>The network of <paramref name="plan"/> with freshly initialised weights from torch's global generator.</summary>
    /// <exception cref="NotSupportedException">The plan's family has no TorchSharp module (a bug: every registered family has one).</exception>
    public static ShapeNetwork Create(NetworkPlan plan) =>
        Factories.TryGetValue(plan.Shape.Family, out var create)
            ? create(plan)
            : throw new NotSupportedException($"The network family '{plan.Shape.Family}' has no TorchSharp module.");
}
