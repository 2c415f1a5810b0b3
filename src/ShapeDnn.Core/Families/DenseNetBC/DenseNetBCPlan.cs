using ShapeDnn.DesignSpace;

namespace ShapeDnn.Families;

/// <summary>The plan of one DenseNet-BC (<see cref="DenseNetBCPlanner"/> builds it).</summary>
/// <remarks>
/// Forward order: <c>stem</c> (3×3 convolution to 2k channels), then dense block 0, transition 0,
/// dense block 1, transition 1, dense block 2, and the head (BN-ReLU, global average pooling, classifier).
/// Tensor names: <c>stem.weight</c>; per bottleneck layer <c>{Layer.Prefix}.bn1.*</c>,
/// <c>.conv1.weight</c> (1×1 to 4k), <c>.bn2.*</c>, <c>.conv2.weight</c> (3×3 to k), its output
/// concatenated after its input; per transition <c>{Transition.Prefix}.bn.*</c>, <c>.conv.weight</c>
/// (1×1, compression 0.5), then 2×2 average pooling with stride 2; <c>head.bn.*</c>,
/// <c>head.fc.weight</c>, <c>head.fc.bias</c>.
/// </remarks>
public sealed class DenseNetBCPlan : NetworkPlan
{
    /// <summary>Creates the plan; <see cref="DenseNetBCPlanner.Plan"/> is the way to get a consistent one.</summary>
    /// <param name="shape">The shape this plan realises.</param>
    /// <param name="input">The input geometry and class count.</param>
    /// <param name="stemChannels">Output channels of the stem convolution (2k).</param>
    /// <param name="blocks">The dense blocks in order.</param>
    /// <param name="transitions">The transitions, one after every dense block but the last.</param>
    /// <param name="headChannels">Channels entering the classifier head.</param>
    public DenseNetBCPlan(Shape shape, InputShape input, int stemChannels, IReadOnlyList<DenseBlock> blocks, IReadOnlyList<DenseTransition> transitions, int headChannels)
        : base(shape, input, headChannels)
    {
        StemChannels = stemChannels;
        Blocks = blocks;
        Transitions = transitions;
    }

    /// <summary>Output channels of the stem convolution (2k).</summary>
    public int StemChannels { get; }

    /// <summary>The dense blocks in order.</summary>
    public IReadOnlyList<DenseBlock> Blocks { get; }

    /// <summary>The transitions: <c>Transitions[i]</c> follows <c>Blocks[i]</c>.</summary>
    public IReadOnlyList<DenseTransition> Transitions { get; }

    /// <inheritdoc />
    public override long MultiplyAccumulates
    {
        get
        {
            long macs = (long)Input.Height * Input.Width * StemChannels * Input.Channels * 9;
            foreach (var block in Blocks)
            {
                long pixels = (long)block.Height * block.Width;
                foreach (var l in block.Layers)
                    macs += pixels * l.BottleneckChannels * l.InChannels + pixels * l.GrowthRate * l.BottleneckChannels * 9;
            }
            foreach (var t in Transitions) macs += (long)t.Height * t.Width * t.OutChannels * t.InChannels;
            return macs + (long)HeadChannels * Input.Classes;
        }
    }

    /// <inheritdoc />
    protected override List<TensorSpec> BuildTensorList()
    {
        var list = new List<TensorSpec> { new("stem.weight", [StemChannels, Input.Channels, 3, 3]) };
        for (int b = 0; b < Blocks.Count; b++)
        {
            foreach (var l in Blocks[b].Layers)
            {
                AddBatchNorm(list, $"{l.Prefix}.bn1", l.InChannels);
                list.Add(new($"{l.Prefix}.conv1.weight", [l.BottleneckChannels, l.InChannels, 1, 1]));
                AddBatchNorm(list, $"{l.Prefix}.bn2", l.BottleneckChannels);
                list.Add(new($"{l.Prefix}.conv2.weight", [l.GrowthRate, l.BottleneckChannels, 3, 3]));
            }
            if (b < Transitions.Count)
            {
                var t = Transitions[b];
                AddBatchNorm(list, $"{t.Prefix}.bn", t.InChannels);
                list.Add(new($"{t.Prefix}.conv.weight", [t.OutChannels, t.InChannels, 1, 1]));
            }
        }
        AddBatchNorm(list, "head.bn", HeadChannels);
        AddClassifier(list);
        return list;
    }
}

/// <summary>One dense block: bottleneck layers at one resolution, each adding k channels.</summary>
/// <param name="Prefix">Tensor-name prefix, e.g. <c>block1</c>.</param>
/// <param name="Layers">The bottleneck layers in order.</param>
/// <param name="Height">Feature-map height inside the block.</param>
/// <param name="Width">Feature-map width inside the block.</param>
public sealed record DenseBlock(string Prefix, IReadOnlyList<DenseLayer> Layers, int Height, int Width)
{
    /// <summary>Channels leaving the block: its input plus k per layer.</summary>
    public int OutChannels => Layers[^1].InChannels + Layers[^1].GrowthRate;
}

/// <summary>One bottleneck layer: BN-ReLU-conv1×1 (4k) - BN-ReLU-conv3×3 (k), concatenated after its input.</summary>
/// <param name="Prefix">Tensor-name prefix, e.g. <c>block1.layer3</c>.</param>
/// <param name="InChannels">Input channels.</param>
/// <param name="BottleneckChannels">Output channels of the 1×1 convolution (4k).</param>
/// <param name="GrowthRate">Output channels of the 3×3 convolution (k).</param>
public sealed record DenseLayer(string Prefix, int InChannels, int BottleneckChannels, int GrowthRate);

/// <summary>A transition: BN-ReLU-conv1×1 (compression) - 2×2 average pooling with stride 2.</summary>
/// <param name="Prefix">Tensor-name prefix, e.g. <c>transition0</c>.</param>
/// <param name="InChannels">Input channels.</param>
/// <param name="OutChannels">Output channels, floor(0.5 × input).</param>
/// <param name="Height">Feature-map height before pooling.</param>
/// <param name="Width">Feature-map width before pooling.</param>
public sealed record DenseTransition(string Prefix, int InChannels, int OutChannels, int Height, int Width);
