using ShapeDnn.Training.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Families;

/// <summary>1×1 convolution (BN, ReLU6), global average pooling and the linear classifier.</summary>
internal sealed class MobileHead : nn.Module<Tensor, Tensor>
{
    // Field names are the tensor-name segments of the plan (conv, bn, fc).
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly Linear fc;
    private readonly ComputeMode _mode;

    public MobileHead(int inChannels, int channels, int classes, ComputeMode mode) : base("head")
    {
        _mode = mode;
        conv = nn.Conv2d(inChannels, channels, 1, bias: false);
        bn = Layers.BatchNorm(channels);
        fc = nn.Linear(channels, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        _mode.Linear(fc, MobileNet.Relu6(bn.forward(_mode.Conv(conv, input, 1, 0))).mean([2, 3]));
}
