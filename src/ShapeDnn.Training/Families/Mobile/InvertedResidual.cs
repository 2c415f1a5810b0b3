using ShapeDnn.Families;
using ShapeDnn.Training.Model;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Families;

/// <summary>
/// 1×1 expansion (BN, ReLU6; absent when the block does not expand), depthwise 3×3 (BN, ReLU6), 1×1
/// linear projection (BN), and the input added back where <see cref="InvertedResidualBlock.HasResidual"/>.
/// </summary>
internal sealed class InvertedResidual : nn.Module<Tensor, Tensor>
{
    // Field names are the tensor-name segments of the plan (expand, depthwise, project).
    private readonly ConvBatchNorm? expand;
    private readonly ConvBatchNorm depthwise;
    private readonly ConvBatchNorm project;
    private readonly bool _residual;

    public InvertedResidual(string name, InvertedResidualBlock block, ComputeMode mode) : base(name)
    {
        _residual = block.HasResidual;
        if (block.Expands)
            expand = new ConvBatchNorm("expand", block.InChannels, block.ExpandedChannels, 1, 1, 1, mode);
        depthwise = new ConvBatchNorm("depthwise", block.ExpandedChannels, block.ExpandedChannels, 3, block.Stride, block.ExpandedChannels, mode);
        project = new ConvBatchNorm("project", block.ExpandedChannels, block.OutChannels, 1, 1, 1, mode);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        // In-place ReLU6 is safe after batch norm: its backward needs its input, not its output.
        var x = expand is null ? input : MobileNet.Relu6(expand.forward(input));
        x = project.forward(MobileNet.Relu6(depthwise.forward(x)));
        return _residual ? x.add_(input) : x;
    }
}
