using ShapeDnn.DesignSpace;
using ShapeDnn.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Model;

/// <summary>
/// The network of a <see cref="NetworkPlan"/> as a TorchSharp module, whatever its family. Its
/// parameters and buffers carry exactly the plan's tensor names, so that weights move between
/// TorchSharp, the tensor file and the ONNX exporter by name; the trainer (flat parameters,
/// checkpoints, bf16 and channels-last) works on this type alone. A family derives it, registers
/// its layers in forward order, and calls <see cref="Initialize"/> at the end of its constructor.
/// </summary>
public abstract class ShapeNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Starts the network of <paramref name="plan"/>; the derived constructor adds the layers.</summary>
    protected ShapeNetwork(NetworkPlan plan) : base(plan.Shape.Name) => Plan = plan;

    /// <summary>How the layers compute (bf16, channels-last); every layer of the family shares it.</summary>
    private protected ComputeMode Mode { get; } = new();

    /// <summary>The plan this network realises.</summary>
    public NetworkPlan Plan { get; }

    /// <summary>Number of learnable parameters (equals <see cref="NetworkPlan.ParameterCount"/>).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>
    /// Computes in bf16 from the fp32 weights (what PyTorch's autocast does for convolutions and
    /// linear layers) and/or keeps activations channels-last. Weights stay fp32 either way.
    /// </summary>
    public void SetCompute(bool bf16, bool channelsLast)
    {
        Mode.Bf16 = bf16;
        Mode.ChannelsLast = channelsLast;
    }

    /// <summary>Whether a parameter feeds a bf16 computation when bf16 is on: convolution weights and the classifier (batch norms stay fp32).</summary>
    internal static bool ComputesInBf16(string name, Tensor parameter) =>
        parameter.dim() == 4 || name.StartsWith("head.fc.", StringComparison.Ordinal);

    /// <summary>
    /// Computes bf16 layers from <paramref name="weights"/> (bf16 tensors by fp32 parameter) instead of
    /// casting the parameters per pass; null returns to casting. Only used while bf16 is on.
    /// </summary>
    internal void UseComputeWeights(IReadOnlyDictionary<Tensor, Tensor>? weights) => Mode.Bf16Weights = weights;

    /// <summary>
    /// Re-initialises all weights from torch's global generator (seed it first for repeatability):
    /// He-normal convolutions (fan-out, as the reference Wide ResNet code), batch norms as identity,
    /// the classifier with PyTorch's default weights and a zero bias.
    /// </summary>
    public void Initialize()
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (parameter.dim() == 4)
                nn.init.kaiming_normal_(parameter, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
            else if (name == "head.fc.bias")
                nn.init.zeros_(parameter); // Tensor.zero_() in TorchSharp 0.107 allocates a new tensor instead
        }
    }

    /// <summary>All tensors of <see cref="Plan"/>, in its order, as fp32 arrays (copied to the CPU).</summary>
    public IReadOnlyList<NamedTensor> ExportTensors()
    {
        var all = TensorsByName();
        using var scope = NewDisposeScope();
        var result = new List<NamedTensor>(Plan.Tensors.Count);
        foreach (var spec in Plan.Tensors)
        {
            var values = all[spec.Name].detach().to(ScalarType.Float32, CPU).contiguous().data<float>().ToArray();
            result.Add(new NamedTensor(spec.Name, (int[])spec.Dimensions.Clone(), values));
        }
        return result;
    }

    /// <summary>Loads every tensor of <see cref="Plan"/> from <paramref name="tensors"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is missing, unexpected, or has other dimensions than the plan.</exception>
    public void ImportTensors(IReadOnlyList<NamedTensor> tensors)
    {
        var given = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var expected = Plan.Tensors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var unexpected = given.Keys.Where(n => !expected.Contains(n)).ToList();
        if (unexpected.Count > 0)
            throw new ArgumentException($"Tensors not in plan {Plan.Shape.Name}: {string.Join(", ", unexpected)}.", nameof(tensors));
        foreach (var spec in Plan.Tensors)
        {
            if (!given.TryGetValue(spec.Name, out var t))
                throw new ArgumentException($"Tensor '{spec.Name}' of plan {Plan.Shape.Name} is missing.", nameof(tensors));
            if (!t.Dimensions.SequenceEqual(spec.Dimensions) || t.Data.Length != spec.ElementCount)
                throw new ArgumentException(
                    $"Tensor '{spec.Name}' has dimensions [{string.Join(", ", t.Dimensions)}] and {t.Data.Length} values; the plan needs [{string.Join(", ", spec.Dimensions)}].",
                    nameof(tensors));
        }

        var all = TensorsByName();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var spec in Plan.Tensors)
        {
            var values = given[spec.Name];
            all[spec.Name].copy_(tensor(values.Data, values.Dimensions.Select(d => (long)d).ToArray()));
        }
    }

    /// <summary>Parameters and buffers by name; <c>num_batches_tracked</c> is TorchSharp's own and not part of the plan.</summary>
    private Dictionary<string, Tensor> TensorsByName()
    {
        var all = named_parameters().Select(p => (p.name, (Tensor)p.parameter))
            .Concat(named_buffers())
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        var absent = Plan.Tensors.Where(s => !all.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        if (absent.Count > 0)
            throw new InvalidOperationException($"The module lacks plan tensors {string.Join(", ", absent)}; module and plan disagree.");
        return all;
    }
}
