namespace ShapeDnn.DesignSpace;

/// <summary>
/// The exact layer-by-layer structure of one pre-activation Wide ResNet. It is the single source of
/// truth shared by the parameter counter, the TorchSharp module, the weight files and the ONNX
/// exporter, so that all of them agree on layer order and tensor names.
/// </summary>
/// <remarks>
/// Tensor names: <c>stem.weight</c>; per block <c>{Block.Prefix}.bn1.*</c>, <c>.conv1.weight</c>,
/// <c>.bn2.*</c>, <c>.conv2.weight</c>, <c>.shortcut.weight</c> (only where
/// <see cref="ResidualBlock.HasShortcutConv"/>); <c>head.bn.*</c>, <c>head.fc.weight</c>,
/// <c>head.fc.bias</c>. A batch norm <c>X</c> has <c>X.weight</c>, <c>X.bias</c>,
/// <c>X.running_mean</c>, <c>X.running_var</c>. Convolutions have no bias.
/// The block is BN-ReLU-conv3×3(stride)-BN-ReLU-conv3×3; when the shape changes the 1×1 shortcut
/// convolution is applied to the pre-activated input (the output of bn1-ReLU), as in the reference
/// Wide ResNet code, otherwise the shortcut is the identity on the raw input.
/// </remarks>
/// <param name="Shape">The shape this plan realises.</param>
/// <param name="Input">The input geometry and class count.</param>
/// <param name="StemChannels">Output channels of the 3×3 stem convolution (16).</param>
/// <param name="Blocks">The residual blocks in order.</param>
/// <param name="HeadChannels">Channels entering the classifier head.</param>
public sealed record NetworkPlan(
    Shape Shape,
    InputShape Input,
    int StemChannels,
    IReadOnlyList<ResidualBlock> Blocks,
    int HeadChannels)
{
    /// <summary>Batch-norm epsilon used in training, inference and export.</summary>
    public const double BatchNormEpsilon = 1e-5;

    /// <summary>Batch-norm momentum (PyTorch convention: weight of the new batch statistic).</summary>
    public const double BatchNormMomentum = 0.1;

    /// <summary>Every learnable and buffer tensor of the network with its shape, in a fixed order.</summary>
    public IReadOnlyList<TensorSpec> Tensors => _tensors ??= BuildTensorList();

    private IReadOnlyList<TensorSpec>? _tensors;

    /// <summary>Number of learnable parameters (batch-norm running statistics excluded).</summary>
    public long ParameterCount => Tensors.Where(t => t.IsLearnable).Sum(t => t.ElementCount);

    /// <summary>Bytes of the fp32 model as stored: learnable parameters and batch-norm statistics.</summary>
    public long Fp32SizeBytes => Tensors.Sum(t => t.ElementCount) * sizeof(float);

    /// <summary>Multiply-accumulate operations of one forward pass of one image.</summary>
    public long MultiplyAccumulates
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

    private List<TensorSpec> BuildTensorList()
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
        list.Add(new("head.fc.weight", [Input.Classes, HeadChannels]));
        list.Add(new("head.fc.bias", [Input.Classes]));
        return list;
    }

    private static void AddBatchNorm(List<TensorSpec> list, string name, int channels)
    {
        list.Add(new($"{name}.weight", [channels]));
        list.Add(new($"{name}.bias", [channels]));
        list.Add(new($"{name}.running_mean", [channels], IsLearnable: false));
        list.Add(new($"{name}.running_var", [channels], IsLearnable: false));
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

/// <summary>A named tensor of the network and its dimensions.</summary>
/// <param name="Name">Tensor name (see <see cref="NetworkPlan"/>).</param>
/// <param name="Dimensions">Dimensions, PyTorch layout (conv weights are out × in × kh × kw).</param>
/// <param name="IsLearnable">False for batch-norm running statistics.</param>
public sealed record TensorSpec(string Name, int[] Dimensions, bool IsLearnable = true)
{
    /// <summary>Number of elements.</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (a, d) => a * d);
}
