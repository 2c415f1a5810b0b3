using ShapeDnn.Families;
using ShapeDnn.Training.Model;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Families;

/// <summary>The MobileNetV2-style network of a <see cref="MobileNetPlan"/> as a TorchSharp module.</summary>
public sealed class MobileNet : ShapeNetwork
{
    private readonly ConvBatchNorm stem;
    private readonly List<BlockGroup> _stages = [];
    private readonly MobileHead head;

    /// <summary>Builds the network for <paramref name="plan"/> with freshly initialised weights (see <see cref="ShapeNetwork.Initialize"/>).</summary>
    public MobileNet(MobileNetPlan plan) : base(plan)
    {
        stem = new ConvBatchNorm("stem", plan.Input.Channels, plan.StemChannels, 3, plan.StemStride, 1, Mode);
        foreach (var block in plan.Blocks)
        {
            int dot = block.Prefix.IndexOf('.');
            string stageName = block.Prefix[..dot], blockName = block.Prefix[(dot + 1)..];
            var stage = _stages.FirstOrDefault(g => g.GetName() == stageName);
            if (stage is null)
            {
                stage = new BlockGroup(stageName);
                _stages.Add(stage);
            }
            stage.Add(blockName, new InvertedResidual(blockName, block, Mode));
        }
        head = new MobileHead(plan.HeadInChannels, plan.HeadChannels, plan.Input.Classes, Mode);
        // Registered by hand, in forward order, so that parameters() and state_dict() follow the plan.
        register_module("stem", stem);
        foreach (var stage in _stages) register_module(stage.GetName(), stage);
        register_module("head", head);
        Initialize();
    }

    /// <summary>ReLU6 in place (safe after a batch norm, whose backward needs its input, not its output).</summary>
    internal static Tensor Relu6(Tensor x) => nn.functional.relu6(x, inplace: true);

    /// <inheritdoc />
    /// <remarks>The logits are fp32 in every compute mode.</remarks>
    public override Tensor forward(Tensor input)
    {
        var x = Relu6(stem.forward(input));
        foreach (var stage in _stages) x = stage.forward(x);
        return head.forward(x);
    }
}
