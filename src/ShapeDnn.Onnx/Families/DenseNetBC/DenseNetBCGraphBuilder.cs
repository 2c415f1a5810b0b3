using ShapeDnn.Families;
using ShapeDnn.Onnx.Model;

namespace ShapeDnn.Onnx.Families;

/// <summary>The body of a DenseNet-BC's ONNX graph: the stem, the dense blocks and the transitions of a <see cref="DenseNetBCPlan"/>.</summary>
internal static class DenseNetBCGraphBuilder
{
    /// <summary>Writes stem, blocks and transitions after <paramref name="input"/>; returns the value that enters the head.</summary>
    public static string Body(DenseNetBCPlan plan, OnnxGraphWriter graph, string input)
    {
        string x = graph.Conv("stem", input, "stem.weight", kernel: 3, stride: 1);
        for (int b = 0; b < plan.Blocks.Count; b++)
        {
            foreach (var layer in plan.Blocks[b].Layers) x = Layer(graph, layer, x);
            if (b < plan.Transitions.Count) x = Transition(graph, plan.Transitions[b], x);
        }
        return x;
    }

    /// <summary>BN-ReLU-conv1×1 - BN-ReLU-conv3×3, concatenated after the layer's input along the channels.</summary>
    private static string Layer(OnnxGraphWriter graph, DenseLayer layer, string input)
    {
        string p = layer.Prefix;
        string x = graph.Relu($"{p}.relu1", graph.BatchNorm($"{p}.bn1", input));
        x = graph.Conv($"{p}.conv1", x, $"{p}.conv1.weight", kernel: 1, stride: 1);
        x = graph.Relu($"{p}.relu2", graph.BatchNorm($"{p}.bn2", x));
        x = graph.Conv($"{p}.conv2", x, $"{p}.conv2.weight", kernel: 3, stride: 1);
        return graph.Add(new OnnxNode("Concat", $"{p}.concat", [input, x], [$"{p}.concat"], [OnnxAttribute.Int("axis", 1)]));
    }

    /// <summary>BN-ReLU-conv1×1 then 2×2 average pooling with stride 2 (no padding: odd sides round down, as in TorchSharp).</summary>
    private static string Transition(OnnxGraphWriter graph, DenseTransition transition, string input)
    {
        string p = transition.Prefix;
        string x = graph.Relu($"{p}.relu", graph.BatchNorm($"{p}.bn", input));
        x = graph.Conv($"{p}.conv", x, $"{p}.conv.weight", kernel: 1, stride: 1);
        return graph.Add(new OnnxNode("AveragePool", $"{p}.pool", [x], [$"{p}.pool"],
            [OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2)]));
    }
}
