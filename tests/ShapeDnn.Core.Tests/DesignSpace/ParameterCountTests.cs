using ShapeDnn.DesignSpace;
using ShapeDnn.Families;

namespace ShapeDnn.Core.Tests.DesignSpace;

public class ParameterCountTests
{
    private static readonly InputShape Cifar10 = new(3, 32, 32, 10);

    // Zagoruyko & Komodakis, "Wide Residual Networks", Table 1/4: CIFAR-10 parameter counts,
    // published to the digits given here.
    [TestCase(16, 4, 2.7e6, 0.05e6)]
    [TestCase(40, 4, 8.9e6, 0.05e6)]
    [TestCase(28, 10, 36.5e6, 0.05e6)]
    public void Should_match_the_published_wide_resnet_counts(int depth, double width, double published, double precision)
    {
        long count = WideResNetPlanner.Plan(new Shape(depth, width), Cifar10).ParameterCount;
        Assert.That(count, Is.EqualTo(published).Within(precision));
    }

    [Test]
    public void Should_count_a_small_network_exactly_by_hand()
    {
        // WRN-10-1 on 1×28×28, 10 classes: stem 16·1·9; group0 16→16 (no shortcut conv);
        // group1 16→32 with a 1×1 shortcut; group2 32→64 with a 1×1 shortcut; head BN + fc.
        long stem = 16 * 1 * 9;
        long g0 = 2 * 16 + 16 * 16 * 9 + 2 * 16 + 16 * 16 * 9;
        long g1 = 2 * 16 + 32 * 16 * 9 + 2 * 32 + 32 * 32 * 9 + 32 * 16;
        long g2 = 2 * 32 + 64 * 32 * 9 + 2 * 64 + 64 * 64 * 9 + 64 * 32;
        long head = 2 * 64 + 64 * 10 + 10;

        var plan = WideResNetPlanner.Plan(new Shape(10, 1), new InputShape(1, 28, 28, 10));

        Assert.That(plan.ParameterCount, Is.EqualTo(stem + g0 + g1 + g2 + head));
    }

    [Test]
    public void Should_size_fp32_models_including_batch_norm_statistics()
    {
        var plan = WideResNetPlanner.Plan(new Shape(16, 2), new InputShape(1, 28, 28, 10));
        long bnChannels = plan.Blocks.Sum(b => b.InChannels + b.OutChannels) + plan.HeadChannels;
        Assert.That(plan.Fp32SizeBytes, Is.EqualTo((plan.ParameterCount + 2 * bnChannels) * 4));
    }

    [Test]
    public void Should_round_fractional_widths_and_halve_feature_maps_per_group()
    {
        var plan = WideResNetPlanner.Plan(new Shape(16, 1.5), new InputShape(1, 27, 27, 3));
        Assert.That(plan.Blocks.Select(b => b.OutChannels).Distinct(), Is.EqualTo(new[] { 24, 48, 96 }));
        Assert.That(plan.Blocks[^1].OutputHeight, Is.EqualTo(7)); // 27 → 27 → 14 → 7
        Assert.That(plan.Blocks.Count(b => b.HasShortcutConv), Is.EqualTo(3)); // 16→24, 24→48, 48→96
    }

    [Test]
    public void Should_grow_with_depth_and_width()
    {
        var input = new InputShape(1, 28, 28, 10);
        long Count(int d, double w) => WideResNetPlanner.Plan(new Shape(d, w), input).ParameterCount;
        Assert.That(Count(16, 1), Is.GreaterThan(Count(10, 1)));
        Assert.That(Count(10, 1.5), Is.GreaterThan(Count(10, 1)));
        Assert.That(WideResNetPlanner.Plan(new Shape(16, 2), input).MultiplyAccumulates,
            Is.GreaterThan(WideResNetPlanner.Plan(new Shape(10, 2), input).MultiplyAccumulates));
    }

    [TestCase(12)]
    [TestCase(4)]
    public void Should_reject_depths_not_of_the_form_6n_plus_4(int depth) =>
        Assert.Throws<ArgumentException>(() => WideResNetPlanner.Plan(new Shape(depth, 1), new InputShape(1, 28, 28, 10)));
}
