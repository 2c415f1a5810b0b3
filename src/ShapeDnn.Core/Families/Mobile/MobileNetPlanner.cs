using ShapeDnn.DesignSpace;

namespace ShapeDnn.Families;

/// <summary>
/// Turns a mobile <see cref="Shape"/> (depth, width multiplier) and an <see cref="InputShape"/> into a <see cref="MobileNetPlan"/>:
/// MobileNetV2's table with its channels scaled, its blocks spread over the stages by depth, and its
/// downsamplings fitted to the image size.
/// </summary>
/// <remarks>
/// <para><b>Depth</b> counts weighted layers, as a Wide ResNet's does: the stem, two convolutions in the
/// first block (it does not expand), three in every other block, the head convolution and the classifier,
/// so B blocks make depth 3B + 2 and MobileNetV2's 17 blocks make 53. Every stage has at least one block
/// (depth ≥ 23); the first and last stage keep exactly one, as in MobileNetV2. The blocks beyond one per
/// stage go one at a time to the middle stage with the largest (MobileNetV2 extras) / (extras so far + 1),
/// the earlier stage on a tie (a divisor method): depth 53 gives MobileNetV2's 1, 2, 3, 4, 3, 3, 1, and a
/// deeper network never has fewer blocks in any stage than a shallower one.</para>
/// <para><b>Width</b> multiplies every channel count, which is then rounded to a multiple of 8 as
/// MobileNetV2 does (nearest, at least 8, never more than 10 % below the exact value); the head
/// convolution has 1280 × max(1, width) channels, so narrow networks keep a wide classifier.</para>
/// <para><b>Strides</b>: the 224×224 network downsamples five times (stem, stages 2, 3, 4 and 6), leaving
/// a 7×7 map. On small images that leaves nothing to look at (32 → 1) and the stem alone discards three
/// quarters of a 28×28 image's pixels, so the planner keeps only as many downsamplings as leave the last
/// feature map at least <see cref="MinFinalSide"/> pixels on its shorter side, dropping the earliest first:
/// 28×28 and 32×32 keep three (stages 3, 4, 6: 28 → 14 → 7 → 4, 32 → 16 → 8 → 4, the schedule of the
/// common CIFAR MobileNetV2), 64×64 keeps four, and 224×224 all five, which is MobileNetV2 itself.</para>
/// </remarks>
public static class MobileNetPlanner
{
    /// <summary>MobileNetV2's bottleneck table.</summary>
    public static readonly IReadOnlyList<MobileStage> Stages =
    [
        new(1, 16, 1, 1),
        new(6, 24, 2, 2),
        new(6, 32, 3, 2),
        new(6, 64, 4, 2),
        new(6, 96, 3, 1),
        new(6, 160, 3, 2),
        new(6, 320, 1, 1),
    ];

    /// <summary>Stem output channels at width 1.</summary>
    public const int BaseStemChannels = 32;

    /// <summary>Head convolution channels at width 1 (and below).</summary>
    public const int BaseHeadChannels = 1280;

    /// <summary>Channel counts are multiples of this.</summary>
    public const int ChannelDivisor = 8;

    /// <summary>The shortest side the last feature map may have before a downsampling is dropped.</summary>
    public const int MinFinalSide = 4;

    /// <summary>Weighted layers outside the blocks' 3 per block: stem and classifier, less the first block's missing expansion, plus the head convolution.</summary>
    private const int LayersOutsideBlocks = 2;

    /// <summary>The depth of a network of <paramref name="blocks"/> inverted residual blocks: 3B + 2.</summary>
    public static int DepthOf(int blocks) => 3 * blocks + LayersOutsideBlocks;

    /// <summary>The shallowest depth: one block per stage.</summary>
    public static int MinDepth => DepthOf(Stages.Count);

    /// <summary>Whether <paramref name="depth"/> is 3B + 2 with at least one block per stage.</summary>
    public static bool IsValidDepth(long depth) => depth >= MinDepth && (depth - LayersOutsideBlocks) % 3 == 0;

    /// <summary>
    /// <paramref name="value"/> rounded to a multiple of <paramref name="divisor"/>: nearest, at least the
    /// divisor, and one step up where rounding lost more than 10 % (MobileNetV2's <c>_make_divisible</c>).
    /// </summary>
    public static int MakeDivisible(double value, int divisor = ChannelDivisor)
    {
        int rounded = Math.Max(divisor, (int)(value + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }

    /// <summary>Blocks per stage for <paramref name="depth"/>.</summary>
    /// <exception cref="ArgumentException">The depth is not 3B + 2 with B ≥ one per stage.</exception>
    public static int[] BlocksPerStage(int depth)
    {
        if (!IsValidDepth(depth))
            throw new ArgumentException($"Depth {depth} is not 3B + 2 with at least {Stages.Count} blocks (23, 26, 29, …).", nameof(depth));
        int extra = (depth - LayersOutsideBlocks) / 3 - Stages.Count;
        var blocks = Enumerable.Repeat(1, Stages.Count).ToArray();
        for (int e = 0; e < extra; e++)
        {
            int best = -1;
            for (int s = 0; s < Stages.Count; s++)
            {
                int weight = Stages[s].BaseBlocks - 1;
                if (weight == 0) continue;
                // weight / (given + 1) > best's, compared in integers; strict, so the earlier stage wins ties.
                if (best < 0 || (long)weight * blocks[best] > (long)(Stages[best].BaseBlocks - 1) * blocks[s]) best = s;
            }
            blocks[best]++;
        }
        return blocks;
    }

    /// <summary>
    /// Which of the stem and the stages downsample: the last of the 224×224 network's five
    /// downsamplings that leave a final map of at least <see cref="MinFinalSide"/> pixels.
    /// </summary>
    /// <returns>The stem's stride and each stage's first stride.</returns>
    public static (int Stem, int[] Stages) Strides(InputShape input)
    {
        int side = Math.Min(input.Height, input.Width);
        int available = 1 + Stages.Count(s => s.ImageNetStride == 2);
        int kept = available;
        while (kept > 0 && Halve(side, kept) < MinFinalSide) kept--;
        int dropped = available - kept;
        int stem = dropped > 0 ? 1 : 2;
        dropped = Math.Max(0, dropped - 1);
        var strides = new int[Stages.Count];
        for (int s = 0; s < Stages.Count; s++)
        {
            strides[s] = Stages[s].ImageNetStride;
            if (strides[s] == 2 && dropped > 0)
            {
                strides[s] = 1;
                dropped--;
            }
        }
        return (stem, strides);
    }

    /// <summary>Builds the plan.</summary>
    /// <exception cref="ArgumentException">The shape is not a mobile one, its depth is not 3B + 2 with a block per stage, or its width is not positive.</exception>
    public static MobileNetPlan Plan(Shape shape, InputShape input)
    {
        if (shape.Family != MobileFamily.FamilyId)
            throw new ArgumentException($"{shape.Name} is not a mobile network.", nameof(shape));
        double width = shape.Width;
        if (!(width > 0) || !double.IsFinite(width))
            throw new ArgumentException($"Width {width} must be positive.", nameof(shape));
        var blocksPerStage = BlocksPerStage(shape.Depth);
        var (stemStride, stageStrides) = Strides(input);

        int stemChannels = MakeDivisible(BaseStemChannels * width);
        int h = Downsample(input.Height, stemStride), w = Downsample(input.Width, stemStride);
        int stemHeight = h, stemWidth = w;
        var blocks = new List<InvertedResidualBlock>();
        int inChannels = stemChannels;
        for (int s = 0; s < Stages.Count; s++)
        {
            var stage = Stages[s];
            int outChannels = MakeDivisible(stage.BaseChannels * width);
            for (int b = 0; b < blocksPerStage[s]; b++)
            {
                int stride = b == 0 ? stageStrides[s] : 1;
                int expanded = (int)Math.Round((double)inChannels * stage.Expansion, MidpointRounding.ToEven);
                int outH = Downsample(h, stride), outW = Downsample(w, stride);
                blocks.Add(new InvertedResidualBlock($"stage{s + 1}.block{b}", inChannels, expanded, outChannels, stride, h, w, outH, outW));
                (h, w, inChannels) = (outH, outW, outChannels);
            }
        }
        int headChannels = MakeDivisible(BaseHeadChannels * Math.Max(1.0, width));
        return new MobileNetPlan(shape, input, stemChannels, stemStride, stemHeight, stemWidth, blocks, headChannels);
    }

    /// <summary>A 3×3 convolution with padding 1: out = floor((in − 1) / stride) + 1.</summary>
    private static int Downsample(int side, int stride) => (side - 1) / stride + 1;

    private static int Halve(int side, int times)
    {
        for (int i = 0; i < times; i++) side = Downsample(side, 2);
        return side;
    }
}
