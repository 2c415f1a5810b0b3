using ShapeDnn.Families;
using ShapeDnn.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Families;

/// <summary>
/// BN-ReLU-conv3×3(stride)-BN-ReLU-conv3×3 with a residual connection; where the shape changes the
/// shortcut is a 1×1 convolution of the pre-activated input, as <see cref="WideResNetPlan"/> specifies.
/// </summary>
internal sealed class PreActivationBlock : nn.Module<Tensor, Tensor>
{
    // Field names are the tensor-name segments of WideResNetPlan (bn1, conv1, bn2, conv2, shortcut).
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv2;
    private readonly Conv2d? shortcut;
    private readonly ComputeMode _mode;
    private readonly int _stride;

    public PreActivationBlock(ResidualBlock block, ComputeMode mode) : base(block.Prefix)
    {
        _mode = mode;
        _stride = block.Stride;
        bn1 = Layers.BatchNorm(block.InChannels);
        conv1 = nn.Conv2d(block.InChannels, block.OutChannels, 3, stride: block.Stride, padding: 1, bias: false);
        bn2 = Layers.BatchNorm(block.OutChannels);
        conv2 = nn.Conv2d(block.OutChannels, block.OutChannels, 3, padding: 1, bias: false);
        if (block.HasShortcutConv)
            shortcut = nn.Conv2d(block.InChannels, block.OutChannels, 1, stride: block.Stride, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        // In-place ReLU is safe after batch norm: its backward needs its input, not its output.
        var activated = bn1.forward(input).relu_();
        var residual = shortcut is null ? input : _mode.Conv(shortcut, activated, _stride, 0);
        var hidden = bn2.forward(_mode.Conv(conv1, activated, _stride, 1)).relu_();
        return _mode.Conv(conv2, hidden, 1, 1).add_(residual);
    }
}
