using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Model;

/// <summary>BN-ReLU, global average pooling and the linear classifier.</summary>
internal sealed class ClassifierHead : nn.Module<Tensor, Tensor>
{
    private readonly BatchNorm2d bn;
    private readonly Linear fc;
    private readonly ComputeMode _mode;

    public ClassifierHead(int channels, int classes, ComputeMode mode) : base("head")
    {
        _mode = mode;
        bn = Layers.BatchNorm(channels);
        fc = nn.Linear(channels, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        _mode.Linear(fc, bn.forward(input).relu_().mean([2, 3]));
}
