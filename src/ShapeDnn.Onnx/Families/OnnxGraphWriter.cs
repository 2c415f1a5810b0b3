using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Onnx.Model;
using ShapeDnn.Tensors;

namespace ShapeDnn.Onnx.Families;

/// <summary>
/// The ONNX vocabulary every family's graph is written in: the input normalisation, bias-free
/// convolutions, inference batch norms, the classifier head and the graph's inputs and outputs.
/// A family's builder (<see cref="OnnxFamilyGraphs"/>) only writes the body between normalisation and the
/// global average pooling that precedes the classifier.
/// Value names equal the names of the nodes that produce them (e.g. <c>group1.block0.conv1</c>);
/// initializers keep the plan's tensor names (e.g. <c>group1.block0.conv1.weight</c>).
/// </summary>
internal sealed class OnnxGraphWriter
{
    private readonly NetworkPlan _plan;
    private readonly IReadOnlyDictionary<string, NamedTensor> _weights;
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];

    /// <summary>Starts the graph of <paramref name="plan"/>; <paramref name="weights"/> must already match the plan.</summary>
    public OnnxGraphWriter(NetworkPlan plan, IReadOnlyDictionary<string, NamedTensor> weights)
    {
        _plan = plan;
        _weights = weights;
    }

    /// <summary>The graph: pixels → normalisation → the family's body → pooling and classifier, named <paramref name="graphName"/>.</summary>
    public static OnnxGraph Build(
        NetworkPlan plan, IReadOnlyDictionary<string, NamedTensor> weights, ChannelNormalization normalization, string graphName, string docString)
    {
        var writer = new OnnxGraphWriter(plan, weights);
        string x = writer.Normalize(OnnxExporter.InputName, normalization);
        x = OnnxFamilyGraphs.Body(plan, writer, x);
        writer.Classifier(x);

        var batch = OnnxDimension.Symbolic(OnnxExporter.BatchDimension);
        var input = plan.Input;
        var classes = OnnxDimension.Fixed(input.Classes);
        return new OnnxGraph(
            graphName,
            writer._nodes,
            writer._initializers,
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

    /// <summary>The pre-activation of a head that ends in BN-ReLU (<c>head.bn</c>, <c>head.relu</c>), as Wide ResNet's does.</summary>
    public string HeadActivation(string input) => Relu("head.relu", BatchNorm("head.bn", input));

    /// <summary>Global average pooling of the family's final features, the classifier (<c>logits</c>) and its softmax (<c>probabilities</c>).</summary>
    private void Classifier(string input)
    {
        string x = Add(new OnnxNode("GlobalAveragePool", "head.pool", [input], ["head.pool"]));
        x = Add(new OnnxNode("Flatten", "head.flatten", [x], ["head.flatten"], [OnnxAttribute.Int("axis", 1)]));
        string logits = Add(new OnnxNode("Gemm", "head.fc", [x, Weight("head.fc.weight"), Weight("head.fc.bias")], [OnnxExporter.LogitsName],
            [OnnxAttribute.Int("transB", 1)]));
        Add(new OnnxNode("Softmax", "head.softmax", [logits], [OnnxExporter.ProbabilitiesName], [OnnxAttribute.Int("axis", -1)]));
    }

    /// <summary>
    /// A bias-free convolution with "same"-style padding (kernel / 2 on every side); <paramref name="group"/>
    /// is the channel count for a depthwise convolution (the attribute is written only when it is not 1).
    /// </summary>
    public string Conv(string name, string input, string weight, int kernel, int stride, int group = 1)
    {
        long pad = kernel / 2;
        List<OnnxAttribute> attributes =
        [
            OnnxAttribute.Ints("kernel_shape", kernel, kernel),
            OnnxAttribute.Ints("pads", pad, pad, pad, pad),
            OnnxAttribute.Ints("strides", stride, stride),
        ];
        if (group != 1) attributes.Insert(0, OnnxAttribute.Int("group", group));
        return Add(new OnnxNode("Conv", name, [input, Weight(weight)], [name], attributes));
    }

    /// <summary>Registers a constant initializer that is not a plan tensor (e.g. an operator's bound) and returns its name.</summary>
    public string Constant(string name, long[] dimensions, float[] values)
    {
        _initializers.Add(new OnnxTensor(name, dimensions, values));
        return name;
    }

    /// <summary>Inference-mode batch norm with the running statistics (opset 15+ defaults to training_mode = 0).</summary>
    public string BatchNorm(string name, string input) =>
        Add(new OnnxNode("BatchNormalization", name,
            [input, Weight($"{name}.weight"), Weight($"{name}.bias"), Weight($"{name}.running_mean"), Weight($"{name}.running_var")],
            [name],
            [OnnxAttribute.Float("epsilon", (float)NetworkPlan.BatchNormEpsilon)]));

    /// <summary>ReLU.</summary>
    public string Relu(string name, string input) => Add(new OnnxNode("Relu", name, [input], [name]));

    /// <summary>Appends <paramref name="node"/> and returns its (first) output.</summary>
    public string Add(OnnxNode node)
    {
        _nodes.Add(node);
        return node.Outputs[0];
    }

    /// <summary>Registers a plan tensor as an initializer (referencing, not copying, its data) and returns its name.</summary>
    private string Weight(string name)
    {
        var tensor = _weights[name];
        _initializers.Add(new OnnxTensor(name, Array.ConvertAll(tensor.Dimensions, d => (long)d), tensor.Data));
        return name;
    }
}
