using ShapeDnn.DesignSpace;

namespace ShapeDnn.Families;

/// <summary>Turns a Wide ResNet <see cref="Shape"/> and an <see cref="InputShape"/> into a <see cref="WideResNetPlan"/>.</summary>
public static class WideResNetPlanner
{
    /// <summary>Base channels of the three groups before the width multiplier.</summary>
    public static readonly int[] GroupBaseChannels = [16, 32, 64];

    /// <summary>Stride of the first block of each group.</summary>
    public static readonly int[] GroupStrides = [1, 2, 2];

    /// <summary>Output channels of the stem convolution.</summary>
    public const int StemChannels = 16;

    /// <summary>Blocks per group of depth <paramref name="depth"/>, n = (depth − 4) / 6.</summary>
    public static int BlocksPerGroup(int depth) => (depth - 4) / 6;

    /// <summary>Channels of a group for width multiplier <paramref name="width"/>: round(base × k), at least 1.</summary>
    public static int GroupChannels(int baseChannels, double width) =>
        Math.Max(1, (int)Math.Round(baseChannels * width, MidpointRounding.AwayFromZero));

    /// <summary>Builds the plan.</summary>
    /// <exception cref="ArgumentException">The shape is not a Wide ResNet, the depth is not 6n+4 or the width is not positive.</exception>
    public static WideResNetPlan Plan(Shape shape, InputShape input)
    {
        if (shape.Family != NetworkFamilies.WideResNetId)
            throw new ArgumentException($"{shape.Name} is not a Wide ResNet.", nameof(shape));
        if (!Shape.IsValidDepth(shape.Depth))
            throw new ArgumentException($"Depth {shape.Depth} is not of the form 6n+4 with n >= 1.", nameof(shape));
        if (!(shape.Width > 0))
            throw new ArgumentException($"Width {shape.Width} must be positive.", nameof(shape));

        var blocks = new List<ResidualBlock>();
        int inChannels = StemChannels, h = input.Height, w = input.Width;
        for (int g = 0; g < GroupBaseChannels.Length; g++)
        {
            int outChannels = GroupChannels(GroupBaseChannels[g], shape.Width);
            for (int b = 0; b < BlocksPerGroup(shape.Depth); b++)
            {
                int stride = b == 0 ? GroupStrides[g] : 1;
                // A 3×3 convolution with padding 1: out = floor((in − 1) / stride) + 1.
                h = (h - 1) / stride + 1;
                w = (w - 1) / stride + 1;
                blocks.Add(new ResidualBlock($"group{g}.block{b}", inChannels, outChannels, stride, h, w));
                inChannels = outChannels;
            }
        }
        return new WideResNetPlan(shape, input, StemChannels, blocks, inChannels);
    }
}
