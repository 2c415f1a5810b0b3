namespace ShapeDnn.DesignSpace;

/// <summary>
/// The exact layer-by-layer structure of one network of one family. It is the single source of
/// truth shared by the parameter counter, the TorchSharp module, the weight files and the ONNX
/// exporter, so that all of them agree on layer order and tensor names. Each family derives its
/// plan (e.g. <see cref="Families.WideResNetPlan"/>) and says how it is laid out.
/// </summary>
/// <remarks>
/// Conventions every family keeps: a batch norm <c>X</c> has <c>X.weight</c>, <c>X.bias</c>,
/// <c>X.running_mean</c>, <c>X.running_var</c>; convolutions have no bias; the classifier is
/// <c>head.fc.weight</c> [classes × <see cref="HeadChannels"/>] and <c>head.fc.bias</c>, after
/// global average pooling.
/// </remarks>
public abstract class NetworkPlan
{
    /// <summary>Creates the plan of <paramref name="shape"/> for <paramref name="input"/>.</summary>
    protected NetworkPlan(Shape shape, InputShape input, int headChannels)
    {
        Shape = shape;
        Input = input;
        HeadChannels = headChannels;
    }

    /// <summary>Batch-norm epsilon used in training, inference and export.</summary>
    public const double BatchNormEpsilon = 1e-5;

    /// <summary>Batch-norm momentum (PyTorch convention: weight of the new batch statistic).</summary>
    public const double BatchNormMomentum = 0.1;

    /// <summary>The shape this plan realises.</summary>
    public Shape Shape { get; }

    /// <summary>The input geometry and class count.</summary>
    public InputShape Input { get; }

    /// <summary>Channels entering the classifier head.</summary>
    public int HeadChannels { get; }

    /// <summary>Every learnable and buffer tensor of the network with its shape, in a fixed order.</summary>
    public IReadOnlyList<TensorSpec> Tensors => _tensors ??= BuildTensorList();

    private IReadOnlyList<TensorSpec>? _tensors;

    /// <summary>Number of learnable parameters (batch-norm running statistics excluded).</summary>
    public long ParameterCount => Tensors.Where(t => t.IsLearnable).Sum(t => t.ElementCount);

    /// <summary>Bytes of the fp32 model as stored: learnable parameters and batch-norm statistics.</summary>
    public long Fp32SizeBytes => Tensors.Sum(t => t.ElementCount) * sizeof(float);

    /// <summary>Multiply-accumulate operations of one forward pass of one image.</summary>
    public abstract long MultiplyAccumulates { get; }

    /// <summary>The family's tensors in forward order.</summary>
    protected abstract List<TensorSpec> BuildTensorList();

    /// <summary>Appends the four tensors of batch norm <paramref name="name"/> over <paramref name="channels"/> channels.</summary>
    protected static void AddBatchNorm(List<TensorSpec> list, string name, int channels)
    {
        list.Add(new($"{name}.weight", [channels]));
        list.Add(new($"{name}.bias", [channels]));
        list.Add(new($"{name}.running_mean", [channels], IsLearnable: false));
        list.Add(new($"{name}.running_var", [channels], IsLearnable: false));
    }

    /// <summary>Appends the classifier, <c>head.fc.weight</c> and <c>head.fc.bias</c>.</summary>
    protected void AddClassifier(List<TensorSpec> list)
    {
        list.Add(new("head.fc.weight", [Input.Classes, HeadChannels]));
        list.Add(new("head.fc.bias", [Input.Classes]));
    }
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
