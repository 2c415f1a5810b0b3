using ShapeDnn.DesignSpace;

namespace ShapeDnn.Families;

/// <summary>The plan of one pre-activation Wide ResNet (<see cref="WideResNetPlanner"/> builds it).</summary>
/// <remarks>
/// Tensor names: <c>stem.weight</c>; per block <c>{Block.Prefix}.bn1.*</c>, <c>.conv1.weight</c>,
/// <c>.bn2.*</c>, <c>.conv2.weight</c>, <c>.shortcut.weight</c> (only where
/// <see cref="ResidualBlock.HasShortcutConv"/>); <c>head.bn.*</c>, <c>head.fc.weight</c>,
/// <c>head.fc.bias</c>.
/// The block is BN-ReLU-conv3×3(stride)-BN-ReLU-conv3×3; when the shape changes the 1×1 shortcut
/// convolution is applied to the pre-activated input (the output of bn1-ReLU), as in the reference
/// Wide ResNet code, otherwise the shortcut is the identity on the raw input.
/// </remarks>
public sealed class WideResNetPlan : NetworkPlan
{
    /// <summary>Creates the plan; <see cref="WideResNetPlanner.Plan"/> is the way to get a consistent one.</summary>
    /// <param name="shape">The shape this plan realises.</param>
    /// <param name="input">The input geometry and class count.</param>
    /// <param name="stemChannels">Output channels of the 3×3 stem convolution (16).</param>
    /// <param name="blocks">The residual blocks in order.</param>
    /// <param name="headChannels">Channels entering the classifier head.</param>
    public WideResNetPlan(Shape shape, InputShape input, int stemChannels, IReadOnlyList<ResidualBlock> blocks, int headChannels)
        : base(shape, input, headChannels)
    {
        StemChannels = stemChannels;
        Blocks = blocks;
    }

    /// <summary>Output channels of the 3×3 stem convolution (16).</summary>
    public int StemChannels { get; }

    /// <summary>The residual blocks in order.</summary>
    public IReadOnlyList<ResidualBlock> Blocks { get; }

    /// <inheritdoc />
    public override long MultiplyAccumulates
    {
        get
        {
            long macs = (long)Input.Height * Input.Width * StemChannels * Input.Channels * 9;
            foreach (var b in Blocks)
            {
                long outPixels = (long)b.OutputHeight * b.OutputWidth;
                macs += outPixels * b.OutChannels * b.InChannels * 9;
                macs += outPixels * b.OutChannels * b.OutChannels * 9;
                if (b.HasShortcutConv) macs += outPixels * b.OutChannels * b.InChannels;
            }
            return macs + (long)HeadChannels * Input.Classes;
        }
    }

    /// <inheritdoc />
    protected override List<TensorSpec> BuildTensorList()
    {
        var list = new List<TensorSpec> { new("stem.weight", [StemChannels, Input.Channels, 3, 3]) };
        foreach (var b in Blocks)
        {
            AddBatchNorm(list, $"{b.Prefix}.bn1", b.InChannels);
            list.Add(new($"{b.Prefix}.conv1.weight", [b.OutChannels, b.InChannels, 3, 3]));
            AddBatchNorm(list, $"{b.Prefix}.bn2", b.OutChannels);
            list.Add(new($"{b.Prefix}.conv2.weight", [b.OutChannels, b.OutChannels, 3, 3]));
            if (b.HasShortcutConv)
                list.Add(new($"{b.Prefix}.shortcut.weight", [b.OutChannels, b.InChannels, 1, 1]));
        }
        AddBatchNorm(list, "head.bn", HeadChannels);
        AddClassifier(list);
        return list;
    }
}

/// <summary>One pre-activation residual block.</summary>
/// <param name="Prefix">Tensor-name prefix, e.g. <c>group1.block0</c>.</param>
/// <param name="InChannels">Input channels.</param>
/// <param name="OutChannels">Output channels.</param>
/// <param name="Stride">Stride of the first 3×3 convolution and of the shortcut (1 or 2).</param>
/// <param name="OutputHeight">Feature-map height after the block.</param>
/// <param name="OutputWidth">Feature-map width after the block.</param>
public sealed record ResidualBlock(string Prefix, int InChannels, int OutChannels, int Stride, int OutputHeight, int OutputWidth)
{
    /// <summary>Whether the shortcut is a 1×1 convolution (the shape changes) rather than the identity.</summary>
    public bool HasShortcutConv => InChannels != OutChannels || Stride != 1;
}
