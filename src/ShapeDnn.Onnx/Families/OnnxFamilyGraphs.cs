using ShapeDnn.DesignSpace;
using ShapeDnn.Families;

namespace ShapeDnn.Onnx.Families;

/// <summary>The ONNX graph body of each network family (<see cref="NetworkFamilies"/>), by family id.</summary>
internal static class OnnxFamilyGraphs
{
    private static readonly Dictionary<string, Func<NetworkPlan, OnnxGraphWriter, string, string>> Bodies = new(StringComparer.Ordinal)
    {
        [NetworkFamilies.WideResNetId] = (plan, graph, x) => graph.HeadActivation(WideResNetGraphBuilder.Body((WideResNetPlan)plan, graph, x)),
        [DenseNetBCFamily.FamilyId] = (plan, graph, x) => graph.HeadActivation(DenseNetBCGraphBuilder.Body((DenseNetBCPlan)plan, graph, x)),
        [MobileFamily.FamilyId] = (plan, graph, x) => MobileNetGraphBuilder.Body((MobileNetPlan)plan, graph, x),
    };

    /// <summary>
    /// Writes the body of <paramref name="plan"/> after <paramref name="input"/>, its head's activations
    /// included; returns the features that enter global average pooling and the classifier.
    /// </summary>
    /// <exception cref="NotSupportedException">The plan's family has no ONNX graph (a bug: every registered family has one).</exception>
    public static string Body(NetworkPlan plan, OnnxGraphWriter graph, string input) =>
        Bodies.TryGetValue(plan.Shape.Family, out var body)
            ? body(plan, graph, input)
            : throw new NotSupportedException($"The network family '{plan.Shape.Family}' has no ONNX graph.");
}
