using ShapeDnn.DesignSpace;

namespace ShapeDnn.Families;

/// <summary>
/// Turns a DenseNet-BC <see cref="Shape"/> (depth L = 6n+4, width = growth rate k) into a
/// <see cref="DenseNetBCPlan"/>, as Huang et al. built it for 32×32 inputs: three dense blocks of
/// n = (L − 4) / 6 bottleneck layers, a 2k-channel stem, compression 0.5.
/// </summary>
public static class DenseNetBCPlanner
{
    /// <summary>Dense blocks of the network.</summary>
    public const int BlockCount = 3;

    /// <summary>Output channels of the bottleneck 1×1 convolution per unit of growth rate (4k).</summary>
    public const int BottleneckFactor = 4;

    /// <summary>Fraction of channels a transition keeps (θ = 0.5).</summary>
    public const double Compression = 0.5;

    /// <summary>Bottleneck layers per dense block of depth <paramref name="depth"/>, n = (L − 4) / 6.</summary>
    public static int LayersPerBlock(int depth) => (depth - 4) / 6;

    /// <summary>Builds the plan.</summary>
    /// <exception cref="ArgumentException">The shape is not a DenseNet-BC, the depth is not 6n+4 or the growth rate is not a positive whole number.</exception>
    public static DenseNetBCPlan Plan(Shape shape, InputShape input)
    {
        if (shape.Family != DenseNetBCFamily.FamilyId)
            throw new ArgumentException($"{shape.Name} is not a DenseNet-BC.", nameof(shape));
        if (!Shape.IsValidDepth(shape.Depth))
            throw new ArgumentException($"Depth {shape.Depth} is not of the form 6n+4 with n >= 1.", nameof(shape));
        if (!(shape.Width >= 1) || shape.Width != Math.Floor(shape.Width))
            throw new ArgumentException($"Growth rate {shape.Width} must be a positive whole number.", nameof(shape));

        int k = (int)shape.Width;
        int channels = 2 * k, h = input.Height, w = input.Width;
        var blocks = new List<DenseBlock>();
        var transitions = new List<DenseTransition>();
        for (int b = 0; b < BlockCount; b++)
        {
            var layers = new List<DenseLayer>();
            for (int l = 0; l < LayersPerBlock(shape.Depth); l++)
            {
                layers.Add(new DenseLayer($"block{b}.layer{l}", channels, BottleneckFactor * k, k));
                channels += k;
            }
            blocks.Add(new DenseBlock($"block{b}", layers, h, w));
            if (b == BlockCount - 1) break;
            int kept = (int)Math.Floor(channels * Compression);
            transitions.Add(new DenseTransition($"transition{b}", channels, kept, h, w));
            channels = kept;
            // 2×2 average pooling with stride 2 and no padding: out = floor(in / 2).
            h /= 2;
            w /= 2;
        }
        return new DenseNetBCPlan(shape, input, 2 * k, blocks, transitions, channels);
    }
}
