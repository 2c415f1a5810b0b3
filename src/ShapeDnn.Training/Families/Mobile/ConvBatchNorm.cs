using ShapeDnn.Training.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Families;

/// <summary>A bias-free convolution followed by batch norm: the <c>X.conv</c> / <c>X.bn</c> pair of a <see cref="ShapeDnn.Families.MobileNetPlan"/>.</summary>
internal sealed class ConvBatchNorm : nn.Module<Tensor, Tensor>
{
    // Field names are the tensor-name segments of the plan (conv, bn).
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly ComputeMode _mode;
    private readonly int _stride;
    private readonly int _groups;

    // groups: 1, or the channels for a depthwise convolution.
    public ConvBatchNorm(string name, int inChannels, int outChannels, int kernel, int stride, int groups, ComputeMode mode) : base(name)
    {
        _mode = mode;
        _stride = stride;
        _groups = groups;
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, groups: groups, bias: false);
        bn = Layers.BatchNorm(outChannels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => bn.forward(_mode.Conv(conv, input, _stride, conv.kernel_size[0] / 2, _groups));
}
