using ShapeDnn.Families;
using ShapeDnn.Onnx.Model;

namespace ShapeDnn.Onnx.Families;

/// <summary>The body of a pre-activation Wide ResNet's ONNX graph: the stem and the residual blocks of a <see cref="WideResNetPlan"/>.</summary>
internal static class WideResNetGraphBuilder
{
    /// <summary>Writes stem and blocks after <paramref name="input"/>; returns the value that enters the head.</summary>
    public static string Body(WideResNetPlan plan, OnnxGraphWriter graph, string input)
    {
        string x = graph.Conv("stem", input, "stem.weight", kernel: 3, stride: 1);
        foreach (var block in plan.Blocks) x = Block(graph, block, x);
        return x;
    }

    /// <summary>BN-ReLU-conv3×3(stride)-BN-ReLU-conv3×3 plus the shortcut.</summary>
    private static string Block(OnnxGraphWriter graph, ResidualBlock block, string input)
    {
        string p = block.Prefix;
        string preActivated = graph.Relu($"{p}.relu1", graph.BatchNorm($"{p}.bn1", input));
        string x = graph.Conv($"{p}.conv1", preActivated, $"{p}.conv1.weight", kernel: 3, stride: block.Stride);
        x = graph.Relu($"{p}.relu2", graph.BatchNorm($"{p}.bn2", x));
        x = graph.Conv($"{p}.conv2", x, $"{p}.conv2.weight", kernel: 3, stride: 1);
        // As in the reference Wide ResNet: the projection sees the pre-activated input, the identity the raw one.
        string shortcut = block.HasShortcutConv
            ? graph.Conv($"{p}.shortcut", preActivated, $"{p}.shortcut.weight", kernel: 1, stride: block.Stride)
            : input;
        return graph.Add(new OnnxNode("Add", $"{p}.add", [x, shortcut], [$"{p}.add"]));
    }
}
