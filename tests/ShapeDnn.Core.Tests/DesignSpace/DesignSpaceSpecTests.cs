using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Core.Tests.DesignSpace;

public class DesignSpaceSpecTests
{
    [Test]
    public void Should_default_to_the_papers_110_shapes()
    {
        var space = DesignSpaceSpec.Parse(null);
        Assert.That(space.Count, Is.EqualTo(110));
        Assert.That(space.Depths, Is.EqualTo(new[] { 10, 16, 22, 28, 34, 40, 46, 52, 58, 64 }));
        Assert.That(space.Widths, Is.EqualTo(new[] { 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10 }));
    }

    [Test]
    public void Should_narrow_the_space_with_lists()
    {
        var space = DesignSpaceSpec.Parse("depths=10,16,22;widths=1,2,4");
        Assert.That(space.Shapes.Select(s => s.Name).ToList(), Has.Member("WRN-22-4").And.Count.EqualTo(9));
    }

    [Test]
    public void Should_expand_ranges_and_keep_the_other_axis_from_the_paper()
    {
        var space = DesignSpaceSpec.Parse("Depths=10..28");
        Assert.That(space.Depths, Is.EqualTo(new[] { 10, 16, 22, 28 }));
        Assert.That(space.Widths, Is.EqualTo(DesignSpaceSpec.Paper.Widths));
    }

    [TestCase("depths=12")]
    [TestCase("depths=4")]
    [TestCase("widths=0")]
    [TestCase("widths=two")]
    [TestCase("heights=1")]
    [TestCase("depths=10;depths=16")]
    [TestCase("depths=28..10")]
    [TestCase("depths")]
    public void Should_reject_invalid_spaces(string text) =>
        Assert.That(Assert.Throws<ShapeDnnException>(() => DesignSpaceSpec.Parse(text))!.Code, Is.EqualTo(ErrorCode.BadDesignSpace));

    [Test]
    public void Should_round_trip_through_its_text()
    {
        var space = DesignSpaceSpec.Parse("depths=10,16;widths=1,1.5");
        var again = DesignSpaceSpec.Parse(space.ToString());
        Assert.That(again.Shapes, Is.EqualTo(space.Shapes));
    }
}
