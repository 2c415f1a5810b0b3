using ShapeDnn.Families;
using ShapeDnn.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Families;

/// <summary>BN-ReLU-conv1×1 (4k) - BN-ReLU-conv3×3 (k), its output concatenated after its input, as <see cref="DenseLayer"/> specifies.</summary>
internal sealed class BottleneckLayer : nn.Module<Tensor, Tensor>
{
    // Field names are the tensor-name segments of DenseNetBCPlan (bn1, conv1, bn2, conv2).
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv2;
    private readonly ComputeMode _mode;

    public BottleneckLayer(DenseLayer layer, ComputeMode mode) : base(layer.Prefix)
    {
        _mode = mode;
        bn1 = Layers.BatchNorm(layer.InChannels);
        conv1 = nn.Conv2d(layer.InChannels, layer.BottleneckChannels, 1, bias: false);
        bn2 = Layers.BatchNorm(layer.BottleneckChannels);
        conv2 = nn.Conv2d(layer.BottleneckChannels, layer.GrowthRate, 3, padding: 1, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        // In-place ReLU only on batch-norm outputs: the concatenation below needs the input unchanged.
        var hidden = _mode.Conv(conv1, bn1.forward(input).relu_(), 1, 0);
        var added = _mode.Conv(conv2, bn2.forward(hidden).relu_(), 1, 1);
        // Both halves are fp32, or both bf16 after a bf16 stem; the cast only guards a mixed pair and is free otherwise.
        return cat([input, added.to(input.dtype)], 1);
    }
}
