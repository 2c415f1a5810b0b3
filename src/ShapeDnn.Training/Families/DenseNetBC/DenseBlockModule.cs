using ShapeDnn.Families;
using ShapeDnn.Training.Model;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Families;

/// <summary>A dense block: its bottleneck layers in order, each concatenating k new channels after its input.</summary>
internal sealed class DenseBlockModule : nn.Module<Tensor, Tensor>
{
    private readonly List<BottleneckLayer> _layers = [];

    public DenseBlockModule(DenseBlock block, ComputeMode mode) : base(block.Prefix)
    {
        foreach (var layer in block.Layers)
        {
            var module = new BottleneckLayer(layer, mode);
            // The layer's name within the block: the last segment of its prefix (block1.layer3 → layer3).
            register_module(layer.Prefix[(layer.Prefix.LastIndexOf('.') + 1)..], module);
            _layers.Add(module);
        }
    }

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.forward(x);
        return x;
    }
}
