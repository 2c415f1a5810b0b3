using ShapeDnn.DesignSpace;

namespace ShapeDnn.Families;

/// <summary>
/// The exact layer-by-layer structure of one MobileNetV2-style network: the single source of truth
/// shared by the analytic counts, the TorchSharp module, the weight files and the ONNX graph, so that
/// all of them agree on layer order and tensor names.
/// </summary>
/// <remarks>
/// <para>Layers: a 3×3 stem convolution (stride <see cref="StemStride"/>) with batch norm and ReLU6; the
/// inverted residual blocks; a 1×1 head convolution to <see cref="NetworkPlan.HeadChannels"/> with batch norm and
/// ReLU6; global average pooling and a linear classifier. Convolutions have no bias; every one is
/// followed by a batch norm. There is no dropout (the trainer uses none for any network).</para>
/// <para>Tensor names: <c>stem.conv.weight</c>, <c>stem.bn.*</c>; per block
/// <c>{Prefix}.expand.conv.weight</c> and <c>.expand.bn.*</c> (only where the block expands),
/// <c>.depthwise.conv.weight</c> ([E, 1, 3, 3]), <c>.depthwise.bn.*</c>, <c>.project.conv.weight</c>,
/// <c>.project.bn.*</c>; <c>head.conv.weight</c>, <c>head.bn.*</c>, <c>head.fc.weight</c>,
/// <c>head.fc.bias</c>. A batch norm <c>X</c> has <c>X.weight</c>, <c>X.bias</c>, <c>X.running_mean</c>
/// and <c>X.running_var</c>, with the epsilon and momentum of <see cref="NetworkPlan"/>.</para>
/// <para>Depth and width are the shape's (see <see cref="MobileNetPlanner"/>).</para>
/// </remarks>
public sealed class MobileNetPlan : NetworkPlan
{
    /// <summary>Creates the plan; <see cref="MobileNetPlanner.Plan"/> is the way to get a consistent one.</summary>
    /// <param name="shape">The shape this plan realises: depth 3·blocks + 2, width multiplier.</param>
    /// <param name="input">The input geometry and class count.</param>
    /// <param name="stemChannels">Output channels of the stem convolution.</param>
    /// <param name="stemStride">Stride of the stem convolution (1 or 2).</param>
    /// <param name="stemHeight">Feature-map height after the stem.</param>
    /// <param name="stemWidth">Feature-map width after the stem.</param>
    /// <param name="blocks">The inverted residual blocks in order.</param>
    /// <param name="headChannels">Output channels of the 1×1 head convolution, which feed the classifier.</param>
    public MobileNetPlan(Shape shape, InputShape input, int stemChannels, int stemStride, int stemHeight, int stemWidth,
        IReadOnlyList<InvertedResidualBlock> blocks, int headChannels)
        : base(shape, input, headChannels)
    {
        StemChannels = stemChannels;
        StemStride = stemStride;
        StemHeight = stemHeight;
        StemWidth = stemWidth;
        Blocks = blocks;
    }

    /// <summary>Output channels of the stem convolution.</summary>
    public int StemChannels { get; }

    /// <summary>Stride of the stem convolution (1 or 2).</summary>
    public int StemStride { get; }

    /// <summary>Feature-map height after the stem.</summary>
    public int StemHeight { get; }

    /// <summary>Feature-map width after the stem.</summary>
    public int StemWidth { get; }

    /// <summary>The inverted residual blocks in order.</summary>
    public IReadOnlyList<InvertedResidualBlock> Blocks { get; }

    /// <summary>Channels entering the head convolution (the last block's output).</summary>
    public int HeadInChannels => Blocks[^1].OutChannels;

    /// <inheritdoc />
    /// <remarks>Convolutions and the classifier; batch norms and activations excluded.</remarks>
    public override long MultiplyAccumulates
    {
        get
        {
            long macs = (long)StemHeight * StemWidth * StemChannels * Input.Channels * 9;
            foreach (var b in Blocks)
            {
                long inPixels = (long)b.InputHeight * b.InputWidth, outPixels = (long)b.OutputHeight * b.OutputWidth;
                if (b.Expands) macs += inPixels * b.ExpandedChannels * b.InChannels;
                macs += outPixels * b.ExpandedChannels * 9;
                macs += outPixels * b.OutChannels * b.ExpandedChannels;
            }
            var last = Blocks[^1];
            macs += (long)last.OutputHeight * last.OutputWidth * HeadChannels * HeadInChannels;
            return macs + (long)HeadChannels * Input.Classes;
        }
    }

    /// <inheritdoc />
    protected override List<TensorSpec> BuildTensorList()
    {
        var list = new List<TensorSpec>();
        AddConvBatchNorm(list, "stem", StemChannels, Input.Channels, 3);
        foreach (var b in Blocks)
        {
            if (b.Expands) AddConvBatchNorm(list, $"{b.Prefix}.expand", b.ExpandedChannels, b.InChannels, 1);
            AddConvBatchNorm(list, $"{b.Prefix}.depthwise", b.ExpandedChannels, 1, 3);
            AddConvBatchNorm(list, $"{b.Prefix}.project", b.OutChannels, b.ExpandedChannels, 1);
        }
        AddConvBatchNorm(list, "head", HeadChannels, HeadInChannels, 1);
        AddClassifier(list);
        return list;
    }

    private static void AddConvBatchNorm(List<TensorSpec> list, string name, int outChannels, int inChannelsPerGroup, int kernel)
    {
        list.Add(new($"{name}.conv.weight", [outChannels, inChannelsPerGroup, kernel, kernel]));
        AddBatchNorm(list, $"{name}.bn", outChannels);
    }
}

/// <summary>
/// One inverted residual block: 1×1 expansion to <see cref="ExpandedChannels"/> (absent when the
/// expansion factor is 1), depthwise 3×3 (stride <see cref="Stride"/>), 1×1 linear projection to
/// <see cref="OutChannels"/>; batch norm after each, ReLU6 after the first two, none after the
/// projection; the input is added back where <see cref="HasResidual"/>.
/// </summary>
/// <param name="Prefix">Tensor-name prefix, e.g. <c>stage2.block0</c>.</param>
/// <param name="InChannels">Input channels.</param>
/// <param name="ExpandedChannels">Channels of the depthwise convolution: round(in × t).</param>
/// <param name="OutChannels">Output channels.</param>
/// <param name="Stride">Stride of the depthwise convolution (1 or 2).</param>
/// <param name="InputHeight">Feature-map height entering the block.</param>
/// <param name="InputWidth">Feature-map width entering the block.</param>
/// <param name="OutputHeight">Feature-map height after the block.</param>
/// <param name="OutputWidth">Feature-map width after the block.</param>
public sealed record InvertedResidualBlock(
    string Prefix, int InChannels, int ExpandedChannels, int OutChannels, int Stride,
    int InputHeight, int InputWidth, int OutputHeight, int OutputWidth)
{
    /// <summary>Whether the block has a 1×1 expansion (expansion factor above 1).</summary>
    public bool Expands => ExpandedChannels != InChannels;

    /// <summary>Whether the input is added to the output: stride 1 and as many channels out as in.</summary>
    public bool HasResidual => Stride == 1 && InChannels == OutChannels;
}
