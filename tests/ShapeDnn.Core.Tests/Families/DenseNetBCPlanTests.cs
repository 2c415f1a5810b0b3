using ShapeDnn.DesignSpace;
using ShapeDnn.Families;

namespace ShapeDnn.Core.Tests.Families;

public class DenseNetBCPlanTests
{
    private static readonly InputShape Cifar10 = new(3, 32, 32, 10);

    private static Shape DenseNet(int depth, double growth) => new(DenseNetBCFamily.FamilyId, depth, growth);

    // Huang et al., "Densely Connected Convolutional Networks", Table 2: DenseNet-BC parameter counts
    // on CIFAR, published to the digits given here.
    [TestCase(100, 12, 0.8e6, 0.05e6)]
    [TestCase(250, 24, 15.3e6, 0.05e6)]
    [TestCase(190, 40, 25.6e6, 0.05e6)]
    public void Should_match_the_published_densenet_bc_counts(int depth, int growth, double published, double precision)
    {
        long count = DenseNetBCPlanner.Plan(DenseNet(depth, growth), Cifar10).ParameterCount;
        TestContext.Out.WriteLine($"DenseNet-BC-{depth}-{growth}: {count:N0} parameters (published {published / 1e6:0.0} M)");
        Assert.That(count, Is.EqualTo(published).Within(precision));
    }

    [Test]
    public void Should_count_a_small_network_exactly_by_hand()
    {
        // DenseNet-BC-10-2 on 1×8×8, 3 classes: n = 1 bottleneck layer per block; stem 1→4;
        // block0 4→6, transition 6→3 (8×8 → 4×4); block1 3→5, transition 5→2 (4×4 → 2×2); block2 2→4; head.
        static long Layer(long c) => 2 * c + 8 * c + 2 * 8 + 2 * 8 * 9; // bn1, conv1 1×1 to 4k = 8, bn2, conv2 3×3 to k = 2
        static long Transition(long c, long o) => 2 * c + o * c;
        long expected = 4 * 1 * 9 + Layer(4) + Transition(6, 3) + Layer(3) + Transition(5, 2) + Layer(2) + 2 * 4 + 4 * 3 + 3;

        var plan = DenseNetBCPlanner.Plan(DenseNet(10, 2), new InputShape(1, 8, 8, 3));

        Assert.That(plan.ParameterCount, Is.EqualTo(expected));
        Assert.That(plan.HeadChannels, Is.EqualTo(4));
        Assert.That(plan.Transitions.Select(t => (t.InChannels, t.OutChannels)), Is.EqualTo(new[] { (6, 3), (5, 2) }));
        Assert.That(plan.Blocks.Select(b => b.Height), Is.EqualTo(new[] { 8, 4, 2 }));
        // MACs: stem, per layer 1×1 and 3×3 at its block's resolution, transitions before pooling, classifier.
        long macs = 64 * 4 * 9 + 64 * (8 * 4 + 2 * 8 * 9) + 64 * 3 * 6 + 16 * (8 * 3 + 2 * 8 * 9) + 16 * 2 * 5 + 4 * (8 * 2 + 2 * 8 * 9) + 4 * 3;
        Assert.That(plan.MultiplyAccumulates, Is.EqualTo(macs));
        Assert.That(plan.Fp32SizeBytes, Is.EqualTo((plan.ParameterCount + plan.Tensors.Where(t => !t.IsLearnable).Sum(t => t.ElementCount)) * 4));
    }

    [Test]
    public void Should_halve_odd_sides_by_floor_in_the_transitions()
    {
        var plan = DenseNetBCPlanner.Plan(DenseNet(16, 6), new InputShape(1, 27, 27, 3));
        Assert.That(plan.Blocks.Select(b => (b.Height, b.Width)), Is.EqualTo(new[] { (27, 27), (13, 13), (6, 6) }));
        Assert.That(plan.Blocks.Select(b => b.Layers.Count), Is.All.EqualTo(2));
    }

    [Test]
    public void Should_grow_with_depth_and_growth_rate()
    {
        var input = new InputShape(1, 28, 28, 10);
        long Count(int d, int k) => NetworkFamilies.Plan(DenseNet(d, k), input).ParameterCount;
        Assert.That(Count(16, 12), Is.GreaterThan(Count(10, 12)));
        Assert.That(Count(10, 24), Is.GreaterThan(Count(10, 12)));
    }
}
