using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Training.Model;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Families;

/// <summary>The pre-activation Wide ResNet of a <see cref="WideResNetPlan"/> as a TorchSharp module.</summary>
public sealed class WideResNet : ShapeNetwork
{
    private readonly TorchSharp.Modules.Conv2d stem;
    private readonly List<BlockGroup> _groups = [];
    private readonly ClassifierHead head;

    /// <summary>Builds the network for <paramref name="plan"/> with freshly initialised weights (see <see cref="ShapeNetwork.Initialize"/>).</summary>
    public WideResNet(WideResNetPlan plan) : base(plan)
    {
        stem = nn.Conv2d(plan.Input.Channels, plan.StemChannels, 3, padding: 1, bias: false);
        foreach (var block in plan.Blocks)
        {
            var (groupName, blockName) = SplitPrefix(block.Prefix);
            var group = _groups.FirstOrDefault(g => g.GetName() == groupName);
            if (group is null)
            {
                group = new BlockGroup(groupName);
                _groups.Add(group);
            }
            group.Add(blockName, new PreActivationBlock(block, Mode));
        }
        head = new ClassifierHead(plan.HeadChannels, plan.Input.Classes, Mode);
        // Registered by hand, in forward order, so that parameters() and state_dict() follow the plan.
        register_module("stem", stem);
        foreach (var group in _groups) register_module(group.GetName(), group);
        register_module("head", head);
        Initialize();
    }

    /// <inheritdoc />
    /// <remarks>The logits are fp32 in every compute mode.</remarks>
    public override Tensor forward(Tensor input)
    {
        var x = Mode.Conv(stem, input, 1, 1);
        foreach (var group in _groups) x = group.forward(x);
        return head.forward(x);
    }

    private static (string Group, string Block) SplitPrefix(string prefix)
    {
        int dot = prefix.IndexOf('.');
        if (dot <= 0 || dot == prefix.Length - 1 || prefix.IndexOf('.', dot + 1) >= 0)
            throw new ArgumentException($"Block prefix '{prefix}' is not of the form 'group.block'.");
        return (prefix[..dot], prefix[(dot + 1)..]);
    }
}
