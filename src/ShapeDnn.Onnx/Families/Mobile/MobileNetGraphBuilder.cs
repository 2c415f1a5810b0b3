using ShapeDnn.Families;
using ShapeDnn.Onnx.Model;

namespace ShapeDnn.Onnx.Families;

/// <summary>
/// The body of a MobileNetV2-style network's ONNX graph: stem, inverted residual blocks and the head
/// convolution of a <see cref="MobileNetPlan"/>. Value names equal the names of the nodes that produce
/// them (e.g. <c>stage2.block0.depthwise.bn</c>); initializers keep the plan's tensor names.
/// </summary>
/// <remarks>
/// Stem Conv 3×3 (stem stride) → BatchNormalization → Clip(0, 6); per block [Conv 1×1 →
/// BatchNormalization → Clip] where it expands, Conv 3×3 with <c>group</c> = channels (depthwise, block
/// stride) → BatchNormalization → Clip, Conv 1×1 → BatchNormalization, and Add of the block input where
/// the block is residual; head Conv 1×1 → BatchNormalization → Clip. ReLU6 is <c>Clip</c> with the
/// shared scalar initializers <c>relu6.min</c> = 0 and <c>relu6.max</c> = 6 (opset 11+ takes the bounds as inputs).
/// </remarks>
internal static class MobileNetGraphBuilder
{
    private const string Relu6Min = "relu6.min", Relu6Max = "relu6.max";

    /// <summary>Writes stem, blocks and head convolution after <paramref name="input"/>; returns the activated features that enter pooling.</summary>
    public static string Body(MobileNetPlan plan, OnnxGraphWriter graph, string input)
    {
        graph.Constant(Relu6Min, [], [0f]);
        graph.Constant(Relu6Max, [], [6f]);
        string x = Relu6(graph, "stem.relu6", ConvBatchNorm(graph, "stem", input, kernel: 3, plan.StemStride));
        foreach (var block in plan.Blocks) x = Block(graph, block, x);
        return Relu6(graph, "head.relu6", ConvBatchNorm(graph, "head", x, kernel: 1, stride: 1));
    }

    /// <summary>Expansion, depthwise convolution, linear projection, and the residual where the block has one.</summary>
    private static string Block(OnnxGraphWriter graph, InvertedResidualBlock block, string input)
    {
        string p = block.Prefix;
        string x = input;
        if (block.Expands) x = Relu6(graph, $"{p}.expand.relu6", ConvBatchNorm(graph, $"{p}.expand", x, kernel: 1, stride: 1));
        x = Relu6(graph, $"{p}.depthwise.relu6", ConvBatchNorm(graph, $"{p}.depthwise", x, kernel: 3, block.Stride, group: block.ExpandedChannels));
        x = ConvBatchNorm(graph, $"{p}.project", x, kernel: 1, stride: 1);
        return block.HasResidual ? graph.Add(new OnnxNode("Add", $"{p}.add", [x, input], [$"{p}.add"])) : x;
    }

    /// <summary>The plan's <c>X.conv</c> and <c>X.bn</c>.</summary>
    private static string ConvBatchNorm(OnnxGraphWriter graph, string name, string input, int kernel, int stride, int group = 1) =>
        graph.BatchNorm($"{name}.bn", graph.Conv($"{name}.conv", input, $"{name}.conv.weight", kernel, stride, group));

    private static string Relu6(OnnxGraphWriter graph, string name, string input) =>
        graph.Add(new OnnxNode("Clip", name, [input, Relu6Min, Relu6Max], [name]));
}
