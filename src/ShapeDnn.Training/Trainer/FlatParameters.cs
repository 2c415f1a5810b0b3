using ShapeDnn.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Trainer;

/// <summary>
/// Puts every parameter of a <see cref="ShapeNetwork"/> into one flat fp32 buffer and every gradient
/// into another, so that an optimiser step is a handful of kernels over two buffers instead of a few
/// kernels per parameter (small networks on a GPU are launch-bound; PyTorch batches the same work with
/// its <c>foreach</c> SGD).
/// </summary>
/// <remarks>
/// <para>The module's parameters keep their objects and names; their storage becomes a view of
/// <see cref="Master"/> (<c>set_</c>) and their <c>grad</c> a view of <see cref="Gradient"/>, so autograd
/// accumulates straight into the flat buffer. Convolution weights can be laid out channels-last
/// (O×H×W×I in memory) so that NHWC convolutions use them without a conversion per pass.</para>
/// <para>With <c>bf16</c> the convolutions and the classifier compute from a bf16 copy of their fp32
/// master weights (what PyTorch's autocast casts per operation), kept in one flat buffer of its own and
/// refreshed once per step by <see cref="PublishWeights"/>; its elements are leaves whose gradients land
/// in a flat bf16 buffer that <see cref="GatherGradients"/> widens into <see cref="Gradient"/> with one
/// kernel. Batch norms keep computing from their fp32 parameters. The arithmetic is that of explicit
/// per-layer casts; only the number of kernels changes.</para>
/// </remarks>
internal sealed class FlatParameters : IDisposable
{
    private readonly Tensor? _compute;
    private readonly Tensor? _computeGradient;
    private readonly long _computeCount;
    private readonly List<Tensor> _computeLeaves = [];
    private readonly ShapeNetwork _model;

    /// <summary>Moves <paramref name="model"/>'s parameters (already on their device) into flat buffers.</summary>
    public FlatParameters(ShapeNetwork model, bool bf16, bool channelsLast)
    {
        _model = model;
        var named = model.named_parameters().Select(p => (p.name, Parameter: p.parameter)).ToList();
        bool InBf16((string Name, Parameter Parameter) p) => bf16 && ShapeNetwork.ComputesInBf16(p.Name, p.Parameter);
        var computed = named.Where(InBf16).ToList();
        // The bf16-computed parameters first, so that their masters are one contiguous range.
        var ordered = computed.Concat(named.Where(p => !InBf16(p))).ToList();
        _computeCount = computed.Sum(p => p.Parameter.numel());
        long total = ordered.Sum(p => p.Parameter.numel());
        var device = named[0].Parameter.device;

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Master = empty(total, ScalarType.Float32, device).DetachFromDisposeScope();
        Gradient = zeros(total, ScalarType.Float32, device).DetachFromDisposeScope();
        long offset = 0;
        foreach (var (_, parameter) in ordered)
        {
            var master = Slot(Master, parameter.shape, offset, channelsLast);
            master.copy_(parameter);
            parameter.set_(master);
            parameter.grad = Slot(Gradient, parameter.shape, offset, channelsLast);
            offset += parameter.numel();
        }

        if (computed.Count == 0) return;
        _compute = Master.narrow(0, 0, _computeCount).to(ScalarType.BFloat16).DetachFromDisposeScope();
        _computeGradient = zeros(_computeCount, ScalarType.BFloat16, device).DetachFromDisposeScope();
        var weights = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance);
        offset = 0;
        foreach (var (_, parameter) in computed)
        {
            // A leaf that shares the flat bf16 buffer's storage: autograd stops at it, and its gradient is a slot of the flat gradient.
            var leaf = Slot(_compute, parameter.shape, offset, channelsLast).detach().requires_grad_(true).DetachFromDisposeScope();
            leaf.grad = Slot(_computeGradient, parameter.shape, offset, channelsLast);
            _computeLeaves.Add(leaf);
            weights[parameter] = leaf;
            offset += parameter.numel();
        }
        model.UseComputeWeights(weights);
    }

    /// <summary>All parameters, fp32, in one buffer (the module's parameters are views of it).</summary>
    public Tensor Master { get; }

    /// <summary>All gradients, fp32, in the layout of <see cref="Master"/>; valid after <see cref="GatherGradients"/>.</summary>
    public Tensor Gradient { get; }

    /// <summary>Clears the gradients before a backward pass (one or two fills; TorchSharp's <c>zero_</c> does not work in place).</summary>
    public void ZeroGradients()
    {
        Gradient.fill_(0);
        _computeGradient?.fill_(0);
    }

    /// <summary>Brings the gradients of the bf16 copies into <see cref="Gradient"/> (a no-op without bf16).</summary>
    public void GatherGradients()
    {
        if (_computeGradient is null) return;
        using var slice = Gradient.narrow(0, 0, _computeCount);
        slice.copy_(_computeGradient);
    }

    /// <summary>Refreshes the bf16 copies from the updated fp32 masters (a no-op without bf16).</summary>
    public void PublishWeights()
    {
        if (_compute is null) return;
        using var slice = Master.narrow(0, 0, _computeCount);
        _compute.copy_(slice);
    }

    /// <summary>
    /// The slot of <paramref name="flat"/> at <paramref name="offset"/> seen with <paramref name="shape"/>;
    /// 4-d slots are channels-last when asked (O×I×H×W indexed, O×H×W×I in memory).
    /// </summary>
    private static Tensor Slot(Tensor flat, long[] shape, long offset, bool channelsLast)
    {
        if (!channelsLast || shape.Length != 4)
        {
            var strides = new long[shape.Length];
            long stride = 1;
            for (int i = shape.Length - 1; i >= 0; i--)
            {
                strides[i] = stride;
                stride *= shape[i];
            }
            return flat.as_strided(shape, strides, offset);
        }
        long c = shape[1], h = shape[2], w = shape[3];
        return flat.as_strided(shape, [h * w * c, 1, w * c, c], offset);
    }

    /// <summary>Detaches the bf16 copies from the model (it computes from its fp32 parameters again) and frees the buffers.</summary>
    public void Dispose()
    {
        if (_computeLeaves.Count > 0) _model.UseComputeWeights(null);
        foreach (var leaf in _computeLeaves) leaf.Dispose();
        _compute?.Dispose();
        _computeGradient?.Dispose();
        // The parameters still view Master's storage; libtorch keeps it alive through them.
        Master.Dispose();
        Gradient.Dispose();
    }
}
