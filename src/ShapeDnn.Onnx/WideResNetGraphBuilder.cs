using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Onnx.Model;
using ShapeDnn.Tensors;

namespace ShapeDnn.Onnx;

/// <summary>
/// Builds the ONNX graph of a pre-activation Wide ResNet from a validated <see cref="NetworkPlan"/>.
/// Value names equal the names of the nodes that produce them (e.g. <c>group1.block0.conv1</c>);
/// initializers keep the plan's tensor names (e.g. <c>group1.block0.conv1.weight</c>).
/// </summary>
internal sealed class WideResNetGraphBuilder
{
    private readonly NetworkPlan _plan;
    private readonly IReadOnlyDictionary<string, NamedTensor> _weights;
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];

    private WideResNetGraphBuilder(NetworkPlan plan, IReadOnlyDictionary<string, NamedTensor> weights)
    {
        _plan = plan;
        _weights = weights;
    }

    /// <summary>Builds the graph; <paramref name="weights"/> must already match the plan.</summary>
    public static OnnxGraph Build(
        NetworkPlan plan, IReadOnlyDictionary<string, NamedTensor> weights, ChannelNormalization normalization, string graphName, string docString)
    {
        var builder = new WideResNetGraphBuilder(plan, weights);
        string x = builder.Normalize(OnnxExporter.InputName, normalization);
        x = builder.Conv("stem", x, "stem.weight", kernel: 3, stride: 1);
        foreach (var block in plan.Blocks) x = builder.Block(block, x);
        builder.Head(x);

        var batch = OnnxDimension.Symbolic(OnnxExporter.BatchDimension);
        var input = plan.Input;
        var classes = OnnxDimension.Fixed(input.Classes);
        return new OnnxGraph(
            graphName,
            builder._nodes,
            builder._initializers,
            [new OnnxValueInfo(OnnxExporter.InputName,
                [batch, OnnxDimension.Fixed(input.Channels), OnnxDimension.Fixed(input.Height), OnnxDimension.Fixed(input.Width)])
            {
                DocString = "Raw pixel values 0…255 as stored in the dataset, float32, NCHW. The graph normalises them itself.",
            }],
            [
                new OnnxValueInfo(OnnxExporter.LogitsName, [batch, classes]) { DocString = "Unnormalised class scores." },
                new OnnxValueInfo(OnnxExporter.ProbabilitiesName, [batch, classes]) { DocString = "Softmax of the logits over the classes." },
            ])
        {
            DocString = docString,
        };
    }

    /// <summary>
    /// (x/255 − mean_c)/std_c folded into x·scale_c + shift_c with scale_c = 1/(255·std_c) and
    /// shift_c = −mean_c/std_c, computed in double: one Mul and one Add on [1,C,1,1] constants.
    /// </summary>
    private string Normalize(string input, ChannelNormalization normalization)
    {
        int channels = _plan.Input.Channels;
        var scale = new float[channels];
        var shift = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double std = normalization.Std[c];
            scale[c] = (float)(1.0 / (255.0 * std));
            shift[c] = (float)(-normalization.Mean[c] / std);
        }
        long[] dims = [1, channels, 1, 1];
        _initializers.Add(new OnnxTensor("normalize.scale", dims, scale));
        _initializers.Add(new OnnxTensor("normalize.shift", dims, shift));
        string scaled = Add(new OnnxNode("Mul", "normalize.mul", [input, "normalize.scale"], ["normalize.mul"]));
        return Add(new OnnxNode("Add", "normalize", [scaled, "normalize.shift"], ["normalize"]));
    }

    /// <summary>BN-ReLU-conv3×3(stride)-BN-ReLU-conv3×3 plus the shortcut.</summary>
    private string Block(ResidualBlock block, string input)
    {
        string p = block.Prefix;
        string preActivated = Relu($"{p}.relu1", BatchNorm($"{p}.bn1", input));
        string x = Conv($"{p}.conv1", preActivated, $"{p}.conv1.weight", kernel: 3, stride: block.Stride);
        x = Relu($"{p}.relu2", BatchNorm($"{p}.bn2", x));
        x = Conv($"{p}.conv2", x, $"{p}.conv2.weight", kernel: 3, stride: 1);
        // As in the reference Wide ResNet: the projection sees the pre-activated input, the identity the raw one.
        string shortcut = block.HasShortcutConv
            ? Conv($"{p}.shortcut", preActivated, $"{p}.shortcut.weight", kernel: 1, stride: block.Stride)
            : input;
        return Add(new OnnxNode("Add", $"{p}.add", [x, shortcut], [$"{p}.add"]));
    }

    private void Head(string input)
    {
        string x = Relu("head.relu", BatchNorm("head.bn", input));
        x = Add(new OnnxNode("GlobalAveragePool", "head.pool", [x], ["head.pool"]));
        x = Add(new OnnxNode("Flatten", "head.flatten", [x], ["head.flatten"], [OnnxAttribute.Int("axis", 1)]));
        string logits = Add(new OnnxNode("Gemm", "head.fc", [x, Weight("head.fc.weight"), Weight("head.fc.bias")], [OnnxExporter.LogitsName],
            [OnnxAttribute.Int("transB", 1)]));
        Add(new OnnxNode("Softmax", "head.softmax", [logits], [OnnxExporter.ProbabilitiesName], [OnnxAttribute.Int("axis", -1)]));
    }

    /// <summary>A bias-free convolution with "same"-style padding (kernel / 2 on every side).</summary>
    private string Conv(string name, string input, string weight, int kernel, int stride)
    {
        long pad = kernel / 2;
        return Add(new OnnxNode("Conv", name, [input, Weight(weight)], [name],
        [
            OnnxAttribute.Ints("kernel_shape", kernel, kernel),
            OnnxAttribute.Ints("pads", pad, pad, pad, pad),
            OnnxAttribute.Ints("strides", stride, stride),
        ]));
    }

    /// <summary>Inference-mode batch norm with the running statistics (opset 15+ defaults to training_mode = 0).</summary>
    private string BatchNorm(string name, string input) =>
        Add(new OnnxNode("BatchNormalization", name,
            [input, Weight($"{name}.weight"), Weight($"{name}.bias"), Weight($"{name}.running_mean"), Weight($"{name}.running_var")],
            [name],
            [OnnxAttribute.Float("epsilon", (float)NetworkPlan.BatchNormEpsilon)]));

    private string Relu(string name, string input) => Add(new OnnxNode("Relu", name, [input], [name]));

    /// <summary>Registers a plan tensor as an initializer (referencing, not copying, its data) and returns its name.</summary>
    private string Weight(string name)
    {
        var tensor = _weights[name];
        _initializers.Add(new OnnxTensor(name, Array.ConvertAll(tensor.Dimensions, d => (long)d), tensor.Data));
        return name;
    }

    private string Add(OnnxNode node)
    {
        _nodes.Add(node);
        return node.Outputs[0];
    }
}
