using ShapeDnn.Families;
using ShapeDnn.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Families;

/// <summary>BN-ReLU-conv1×1 (compression) - 2×2 average pooling with stride 2, as <see cref="DenseTransition"/> specifies.</summary>
internal sealed class TransitionModule : nn.Module<Tensor, Tensor>
{
    // Field names are the tensor-name segments of DenseNetBCPlan (bn, conv).
    private readonly BatchNorm2d bn;
    private readonly Conv2d conv;
    private readonly ComputeMode _mode;

    public TransitionModule(DenseTransition transition, ComputeMode mode) : base(transition.Prefix)
    {
        _mode = mode;
        bn = Layers.BatchNorm(transition.InChannels);
        conv = nn.Conv2d(transition.InChannels, transition.OutChannels, 1, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        nn.functional.avg_pool2d(_mode.Conv(conv, bn.forward(input).relu_(), 1, 0), [2, 2], [2, 2]);
}
