using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Model;

/// <summary>BN-ReLU, global average pooling and the linear classifier.</summary>
internal sealed class ClassifierHead : nn.Module<Tensor, Tensor>
{
    private readonly BatchNorm2d bn;
    private readonly Linear fc;

    public ClassifierHead(int channels, int classes) : base("head")
    {
        bn = Layers.BatchNorm(channels);
        fc = nn.Linear(channels, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        fc.forward(bn.forward(input).relu_().mean([2, 3]));
}
