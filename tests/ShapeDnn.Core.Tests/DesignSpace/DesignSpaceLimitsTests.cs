using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Core.Tests.DesignSpace;

/// <summary>The design space's documented limits (issue 10): checked before anything is enumerated or built.</summary>
public class DesignSpaceLimitsTests
{
    private static ShapeDnnException Rejected(string text)
    {
        var e = Assert.Throws<ShapeDnnException>(() => DesignSpaceSpec.Parse(text))!;
        Assert.That(e.Code, Is.EqualTo(ErrorCode.BadDesignSpace), e.Message);
        return e;
    }

    [Test]
    public void Should_refuse_a_range_beyond_the_deepest_depth_without_expanding_it()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Rejected("depths=10..1e9;widths=1");
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20), "the range is checked arithmetically, not enumerated");
        Assert.That(e.Message, Does.Contain($"10..{Limits.MaxDepth}"));
    }

    [TestCase("depths=2147483644")]
    [TestCase("depths=10000")]
    [TestCase("depths=106")]
    public void Should_refuse_depths_above_the_limit(string text) =>
        Assert.That(Rejected(text).Message, Does.Contain($"between 10 and {Limits.MaxDepth}"));

    [Test]
    public void Should_accept_the_deepest_depth() =>
        Assert.That(DesignSpaceSpec.Parse($"depths={Limits.MaxDepth};widths=1").Depths, Is.EqualTo(new[] { Limits.MaxDepth }));

    [TestCase("widths=0.01")]
    [TestCase("widths=1e-300")]
    [TestCase("widths=0.031")]
    public void Should_refuse_a_width_that_gives_a_group_of_no_channels(string text) =>
        Assert.That(Rejected(text).Message, Does.Contain("0 channels"));

    [Test]
    public void Should_accept_the_smallest_width_whose_groups_all_have_a_channel()
    {
        var shape = DesignSpaceSpec.Parse("depths=10;widths=0.032").Shapes.Single();
        var plan = WideResNetPlanner.Plan(shape, new InputShape(1, 28, 28, 10));
        Assert.That(plan.Blocks.Select(b => b.OutChannels), Is.All.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void Should_refuse_widths_that_would_share_a_name() =>
        Assert.That(Rejected("widths=1,1.0001").Message, Does.Contain("more than 3 decimals"));

    [TestCase(";")]
    [TestCase(" ; ; ")]
    public void Should_refuse_text_without_an_entry_instead_of_searching_the_whole_space(string text) =>
        Assert.That(Rejected(text).Message, Does.Contain("has no depths"));

    [Test]
    public void Should_keep_blank_text_as_the_papers_space() =>
        Assert.That(DesignSpaceSpec.Parse("  ").Count, Is.EqualTo(110));

    [Test]
    public void Should_refuse_more_shapes_than_a_space_may_hold()
    {
        var widths = string.Join(",", Enumerable.Range(1, 64).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(Rejected($"depths=10..100;widths={widths}").Message, Does.Contain($"more than the {Limits.MaxShapes:N0}"));
    }

    [TestCase(10, 1.0, null)]
    [TestCase(12, 1.0, "6n+4")]
    [TestCase(2147483644L, 1.0, "between 10 and 100")]
    [TestCase(10, 0.0, "above 0")]
    [TestCase(10, 0.01, "0 channels")]
    public void Should_apply_one_rule_to_every_named_shape(long depth, double width, string? problem)
    {
        var found = DesignSpaceSpec.ShapeProblem(depth, width);
        if (problem is null) Assert.That(found, Is.Null);
        else Assert.That(found, Does.Contain(problem));
    }
}
