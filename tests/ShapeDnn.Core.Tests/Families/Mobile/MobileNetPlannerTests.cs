using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Families;

namespace ShapeDnn.Core.Tests.Families.Mobile;

public class MobileNetPlannerTests
{
    private static readonly InputShape ImageNet = new(3, 224, 224, 1000);

    [Test]
    public void Depth_53_at_width_1_on_ImageNet_is_MobileNetV2_with_torchvisions_parameter_count()
    {
        // torchvision's mobilenet_v2 (the reference implementation of Sandler et al.) documents 3,504,872
        // parameters for 3×224×224 and 1000 classes: the 3.5 M of the paper's table.
        var plan = MobileNetPlanner.Plan(Mobile(53, 1), ImageNet);

        TestContext.Out.WriteLine($"{plan.Shape.Name}: {plan.ParameterCount:N0} parameters, {plan.MultiplyAccumulates:N0} MACs");
        Assert.That(plan.ParameterCount, Is.EqualTo(3_504_872));
        Assert.That(plan.Blocks, Has.Count.EqualTo(17));
        Assert.That(plan.Blocks[^1].OutputHeight, Is.EqualTo(7), "224 / 32");
        Assert.That(plan.HeadChannels, Is.EqualTo(1280));
    }

    // The multiply-adds the MobileNetV2 authors publish for their 224×224 checkpoints (TensorFlow models,
    // research/slim/nets/mobilenet): 582 M at 1.4, 300 M at 1.0, 209 M at 0.75, 97 M at 0.5, 59 M at 0.35.
    [TestCase(1.4, 582e6)]
    [TestCase(1.0, 300e6)]
    [TestCase(0.75, 209e6)]
    [TestCase(0.5, 97e6)]
    [TestCase(0.35, 59e6)]
    public void Multiply_accumulates_on_ImageNet_match_the_published_figures(double width, double published)
    {
        long macs = MobileNetPlanner.Plan(Mobile(53, width), ImageNet).MultiplyAccumulates;

        TestContext.Out.WriteLine($"Mobile-53-{width}: {macs:N0} MACs (published {published:N0})");
        Assert.That(macs, Is.EqualTo(published).Within(0.01 * published));
    }

    [Test]
    public void A_small_network_counts_exactly_by_hand()
    {
        // Mobile-23-0.25 on 1×28×28, 10 classes: one block per stage, channels 8 (stem), 8, 8, 8, 16, 24, 40, 80
        // (each base × 0.25 rounded to a multiple of 8, at least 8), head 1280.
        static long ConvBn(long outC, long inC, long k) => outC * inC * k * k + 2 * outC;
        static long Block(long inC, long t, long outC) =>
            (t == 1 ? 0 : ConvBn(inC * t, inC, 1)) + ConvBn(inC * t, 1, 3) + ConvBn(outC, inC * t, 1);
        long expected = ConvBn(8, 1, 3)
            + Block(8, 1, 8) + Block(8, 6, 8) + Block(8, 6, 8) + Block(8, 6, 16) + Block(16, 6, 24) + Block(24, 6, 40) + Block(40, 6, 80)
            + ConvBn(1280, 80, 1) + 1280 * 10 + 10;

        var plan = MobileNetPlanner.Plan(Mobile(23, 0.25), new InputShape(1, 28, 28, 10));

        Assert.That(plan.ParameterCount, Is.EqualTo(expected));
        // fp32 size: the parameters and each batch norm's running mean and variance.
        Assert.That(plan.Fp32SizeBytes, Is.EqualTo(4 * (expected + 2 * BatchNormChannels(plan))));
    }

    [Test]
    public void Multiply_accumulates_of_a_small_network_count_every_convolution_at_its_resolution()
    {
        // Mobile-23-1 on 1×28×28: stem stride 1 (28×28), stages 3, 4 and 6 halve: 28 → 14 → 7 → 4.
        var plan = MobileNetPlanner.Plan(Mobile(23, 1), new InputShape(1, 28, 28, 10));
        long macs = 28 * 28 * 32 * 1 * 9;
        long Block(long inSide, long outSide, long inC, long t, long outC) =>
            (t == 1 ? 0 : inSide * inSide * inC * t * inC) + outSide * outSide * inC * t * 9 + outSide * outSide * outC * inC * t;
        macs += Block(28, 28, 32, 1, 16) + Block(28, 28, 16, 6, 24) + Block(28, 14, 24, 6, 32) + Block(14, 7, 32, 6, 64)
            + Block(7, 7, 64, 6, 96) + Block(7, 4, 96, 6, 160) + Block(4, 4, 160, 6, 320);
        macs += 4 * 4 * 1280 * 320 + 1280 * 10;

        Assert.That(plan.MultiplyAccumulates, Is.EqualTo(macs));
    }

    [TestCase(28, 28, 1, new[] { 1, 1, 2, 2, 1, 2, 1 }, 4)]
    [TestCase(32, 32, 1, new[] { 1, 1, 2, 2, 1, 2, 1 }, 4)]
    [TestCase(64, 64, 1, new[] { 1, 2, 2, 2, 1, 2, 1 }, 4)]
    [TestCase(224, 224, 2, new[] { 1, 2, 2, 2, 1, 2, 1 }, 7)]
    [TestCase(8, 8, 1, new[] { 1, 1, 1, 1, 1, 2, 1 }, 4)]
    [TestCase(4, 4, 1, new[] { 1, 1, 1, 1, 1, 1, 1 }, 4)]
    public void Small_images_keep_the_last_downsamplings_that_leave_a_map_of_four_pixels(
        int height, int width, int stemStride, int[] stageStrides, int finalSide)
    {
        var plan = MobileNetPlanner.Plan(Mobile(23, 1), new InputShape(1, height, width, 10));

        Assert.That(plan.StemStride, Is.EqualTo(stemStride));
        Assert.That(plan.Blocks.Select(b => b.Stride), Is.EqualTo(stageStrides));
        Assert.That(Math.Min(plan.Blocks[^1].OutputHeight, plan.Blocks[^1].OutputWidth), Is.EqualTo(finalSide));
    }

    [Test]
    public void Non_square_images_fit_the_shorter_side()
    {
        var plan = MobileNetPlanner.Plan(Mobile(23, 1), new InputShape(3, 31, 20, 5));

        // 20 keeps three downsamplings (20 → 10 → 5 → 3 is below 4, so two: 20 → 10 → 5); 31 → 16 → 8.
        Assert.That(plan.Blocks.Count(b => b.Stride == 2), Is.EqualTo(2));
        Assert.That((plan.Blocks[^1].OutputHeight, plan.Blocks[^1].OutputWidth), Is.EqualTo((8, 5)));
    }

    [TestCase(23, new[] { 1, 1, 1, 1, 1, 1, 1 })]
    [TestCase(26, new[] { 1, 1, 1, 2, 1, 1, 1 })]
    [TestCase(29, new[] { 1, 1, 2, 2, 1, 1, 1 })]
    [TestCase(35, new[] { 1, 1, 2, 2, 2, 2, 1 })]
    [TestCase(41, new[] { 1, 2, 2, 3, 2, 2, 1 })]
    [TestCase(47, new[] { 1, 2, 3, 4, 2, 2, 1 })]
    [TestCase(53, new[] { 1, 2, 3, 4, 3, 3, 1 })]
    [TestCase(56, new[] { 1, 2, 3, 5, 3, 3, 1 })]
    public void Depth_spreads_blocks_over_the_stages_like_MobileNetV2(int depth, int[] blocks)
    {
        Assert.That(MobileNetPlanner.BlocksPerStage(depth), Is.EqualTo(blocks));
        Assert.That(MobileNetPlanner.Plan(Mobile(depth, 1), ImageNet).Blocks, Has.Count.EqualTo(blocks.Sum()));
    }

    [Test]
    public void A_deeper_network_has_at_least_as_many_blocks_in_every_stage()
    {
        for (int depth = MobileNetPlanner.MinDepth; depth + 3 <= 100; depth += 3)
        {
            var shallow = MobileNetPlanner.BlocksPerStage(depth);
            var deep = MobileNetPlanner.BlocksPerStage(depth + 3);
            Assert.That(deep.Zip(shallow).All(p => p.First >= p.Second) && deep.Sum() == shallow.Sum() + 1, Is.True,
                $"depth {depth}: [{string.Join(",", shallow)}] → [{string.Join(",", deep)}]");
        }
    }

    [Test]
    public void A_wider_network_has_at_least_as_many_channels_in_every_layer()
    {
        // The search's dominance rule assumes that a wider shape of the family is no smaller anywhere.
        var input = new InputShape(1, 28, 28, 10);
        for (int milli = 10; milli < 3000; milli += 5)
        {
            var narrow = MobileNetPlanner.Plan(Mobile(29, milli / 1000.0), input);
            var wide = MobileNetPlanner.Plan(Mobile(29, (milli + 5) / 1000.0), input);
            var pairs = narrow.Tensors.Zip(wide.Tensors, (n, w) => (n, w));
            Assert.That(pairs.All(p => p.n.Dimensions.Zip(p.w.Dimensions).All(d => d.First <= d.Second)), Is.True,
                $"width {milli / 1000.0} → {(milli + 5) / 1000.0}");
        }
    }

    [TestCase(0.25, 8, 8, 80)]
    [TestCase(0.35, 16, 8, 112)]
    [TestCase(0.5, 16, 8, 160)]
    [TestCase(0.75, 24, 16, 240)]
    [TestCase(1.4, 48, 24, 448)]
    public void Channels_are_multiples_of_eight_as_MobileNetV2_rounds_them(double width, int stem, int first, int last)
    {
        var plan = MobileNetPlanner.Plan(Mobile(53, width), ImageNet);

        Assert.That(plan.StemChannels, Is.EqualTo(stem));
        Assert.That(plan.Blocks[0].OutChannels, Is.EqualTo(first));
        Assert.That(plan.Blocks[^1].OutChannels, Is.EqualTo(last));
        Assert.That(plan.Blocks.SelectMany(b => new[] { b.InChannels, b.ExpandedChannels, b.OutChannels }).All(c => c % 8 == 0), Is.True);
        Assert.That(plan.HeadChannels, Is.EqualTo(MobileNetPlanner.MakeDivisible(1280 * Math.Max(1, width))));
    }

    [Test]
    public void Residuals_join_stride_one_blocks_of_equal_channels_only()
    {
        var plan = MobileNetPlanner.Plan(Mobile(53, 1), ImageNet);

        // Every block but the first of each stage: 17 blocks − 7 stages.
        Assert.That(plan.Blocks.Count(b => b.HasResidual), Is.EqualTo(10));
        Assert.That(plan.Blocks.Where(b => b.Prefix.EndsWith(".block0", StringComparison.Ordinal)).Any(b => b.HasResidual), Is.False);
        Assert.That(plan.Blocks[0].Expands, Is.False, "the first stage does not expand (t = 1)");
    }

    [Test]
    public void Size_and_work_grow_with_depth_and_width()
    {
        var input = new InputShape(1, 28, 28, 10);
        MobileNetPlan P(int d, double w) => MobileNetPlanner.Plan(Mobile(d, w), input);

        Assert.That(P(29, 0.5).ParameterCount, Is.GreaterThan(P(23, 0.5).ParameterCount));
        Assert.That(P(23, 0.75).ParameterCount, Is.GreaterThan(P(23, 0.5).ParameterCount));
        Assert.That(P(29, 0.5).MultiplyAccumulates, Is.GreaterThan(P(23, 0.5).MultiplyAccumulates));
        Assert.That(P(23, 0.75).MultiplyAccumulates, Is.GreaterThan(P(23, 0.5).MultiplyAccumulates));
    }

    [TestCase(53, 1, "Mobile-53-1", "mobile-d53-w1")]
    [TestCase(35, 0.75, "Mobile-35-0.75", "mobile-d35-w0.75")]
    public void Names_and_keys_carry_the_family(int depth, double width, string name, string key)
    {
        Assert.That(Mobile(depth, width).Name, Is.EqualTo(name));
        Assert.That(Mobile(depth, width).Key, Is.EqualTo(key));
        Assert.That(new Shape(depth, width).Key, Is.Not.EqualTo(key), "a Wide ResNet of the same numbers has another cache key");
    }

    [TestCase(20, 1, "not 3B + 2")]
    [TestCase(24, 1, "not 3B + 2")]
    [TestCase(101, 1, "not 3B + 2")]
    [TestCase(23, 0, "above 0")]
    [TestCase(23, 0.1234, "decimals")]
    public void Shapes_that_cannot_be_built_are_named_with_the_reason(int depth, double width, string reason)
    {
        Assert.That(DesignSpaceSpec.ShapeProblem(MobileFamily.Instance, depth, width), Does.Contain(reason));
    }

    [Test]
    public void Every_default_shape_can_be_built()
    {
        var space = MobileFamily.Instance.DefaultSpace;

        Assert.That(space.Count, Is.EqualTo(36));
        foreach (var shape in space.Shapes)
        {
            Assert.That(shape.Family, Is.EqualTo("mobile"));
            Assert.That(DesignSpaceSpec.ShapeProblem(MobileFamily.Instance, shape.Depth, shape.Width), Is.Null, shape.Name);
            Assert.That(NetworkFamilies.Plan(shape, new InputShape(1, 28, 28, 10)), Is.InstanceOf<MobileNetPlan>(), shape.Name);
        }
    }

    [Test]
    public void The_grid_takes_lists_and_ranges_in_blocks_and_quarter_widths()
    {
        var space = DesignSpaceSpec.Parse("depths=23..29,53;widths=0.25..0.75,1.4", MobileFamily.Instance);

        Assert.That(space.Depths, Is.EqualTo(new[] { 23, 26, 29, 53 }));
        Assert.That(space.Widths, Is.EqualTo(new[] { 0.25, 0.5, 0.75, 1.4 }));
        Assert.That(space.Shapes.Select(s => s.Name).First(), Is.EqualTo("Mobile-23-0.25"));
        Assert.That(space.ToString(), Is.EqualTo("depths=23,26,29,53;widths=0.25,0.5,0.75,1.4"));
    }

    [Test]
    public void A_grid_depth_that_is_not_3B_plus_2_is_refused_with_SDNN008()
    {
        var error = Assert.Throws<ShapeDnnException>(() => DesignSpaceSpec.Parse("depths=23,24", MobileFamily.Instance));

        Assert.That(error!.Code, Is.EqualTo(ErrorCode.BadDesignSpace));
        Assert.That(error.Message, Does.Contain("24").And.Contain("3B + 2"));
    }

    [Test]
    public void A_Wide_ResNet_shape_is_not_planned_as_a_mobile_network()
    {
        Assert.That(() => MobileNetPlanner.Plan(new Shape(23, 1), ImageNet), Throws.ArgumentException);
    }

    private static Shape Mobile(int depth, double width) => new(MobileFamily.FamilyId, depth, width);

    private static long BatchNormChannels(MobileNetPlan plan) =>
        plan.Tensors.Where(t => t.Name.EndsWith(".bn.running_mean", StringComparison.Ordinal)).Sum(t => t.ElementCount);
}
