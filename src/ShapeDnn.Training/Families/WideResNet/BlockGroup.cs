using ShapeDnn.Training.Model;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Families;

/// <summary>Blocks that share the first segment of their prefix (<c>group0</c>), run in order.</summary>
internal sealed class BlockGroup : nn.Module<Tensor, Tensor>
{
    private readonly List<nn.Module<Tensor, Tensor>> _blocks = [];

    public BlockGroup(string name) : base(name) { }

    public void Add(string name, nn.Module<Tensor, Tensor> block)
    {
        register_module(name, block);
        _blocks.Add(block);
    }

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var block in _blocks) x = block.forward(x);
        return x;
    }
}
