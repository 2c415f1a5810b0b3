using ShapeDnn.Families;
using ShapeDnn.Training.Model;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Families;

/// <summary>The DenseNet-BC of a <see cref="DenseNetBCPlan"/> as a TorchSharp module.</summary>
public sealed class DenseNetBC : ShapeNetwork
{
    private readonly TorchSharp.Modules.Conv2d stem;
    private readonly List<nn.Module<Tensor, Tensor>> _stages = [];
    private readonly ClassifierHead head;

    /// <summary>Builds the network for <paramref name="plan"/> with freshly initialised weights (see <see cref="ShapeNetwork.Initialize"/>).</summary>
    public DenseNetBC(DenseNetBCPlan plan) : base(plan)
    {
        stem = nn.Conv2d(plan.Input.Channels, plan.StemChannels, 3, padding: 1, bias: false);
        register_module("stem", stem);
        // Registered by hand, in forward order, so that parameters() and state_dict() follow the plan.
        for (int b = 0; b < plan.Blocks.Count; b++)
        {
            AddStage(plan.Blocks[b].Prefix, new DenseBlockModule(plan.Blocks[b], Mode));
            if (b < plan.Transitions.Count) AddStage(plan.Transitions[b].Prefix, new TransitionModule(plan.Transitions[b], Mode));
        }
        head = new ClassifierHead(plan.HeadChannels, plan.Input.Classes, Mode);
        register_module("head", head);
        Initialize();
    }

    private void AddStage(string name, nn.Module<Tensor, Tensor> stage)
    {
        register_module(name, stage);
        _stages.Add(stage);
    }

    /// <inheritdoc />
    /// <remarks>The logits are fp32 in every compute mode.</remarks>
    public override Tensor forward(Tensor input)
    {
        var x = Mode.Conv(stem, input, 1, 1);
        foreach (var stage in _stages) x = stage.forward(x);
        return head.forward(x);
    }
}
