using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Core.Tests.Families;

/// <summary><c>--family</c> with <c>--design-space</c>: one space per family searched.</summary>
public class SearchSpacesTests
{
    [Test]
    public void The_default_is_the_paper_grid_described_as_before_families()
    {
        var spaces = SearchSpaces.Parse(null, null);
        Assert.That(spaces, Is.EqualTo(new[] { DesignSpaceSpec.Paper }));
        Assert.That(SearchSpaces.Describe(SearchSpaces.Parse(null, "depths=10,16;widths=1,2")), Is.EqualTo("depths=10,16;widths=1,2"));
    }

    [Test]
    public void One_family_reads_its_own_keys()
    {
        var spaces = SearchSpaces.Parse("densenet-bc", "depths=40,100;growth=12,24");
        Assert.That(spaces.Single().Shapes.Select(s => s.Key), Is.EqualTo(new[] { "densenet-bc-d40-w12", "densenet-bc-d40-w24", "densenet-bc-d100-w12", "densenet-bc-d100-w24" }));
        Assert.That(SearchSpaces.Describe(spaces), Is.EqualTo("densenet-bc: depths=40,100;growth=12,24"));
    }

    [Test]
    public void Several_families_take_one_part_each_and_default_the_rest()
    {
        var spaces = SearchSpaces.Parse("wrn,densenet-bc", "densenet-bc: depths=40;growth=12");
        Assert.That(spaces.Select(s => s.Family), Is.EqualTo(new[] { "wrn", "densenet-bc" }));
        Assert.That(spaces[0], Is.EqualTo(DesignSpaceSpec.Paper));
        Assert.That(spaces[1].Shapes.Select(s => s.Name), Is.EqualTo(new[] { "DenseNet-BC-40-12" }));
        Assert.That(SearchSpaces.Describe(spaces), Does.StartWith("wrn: depths=10,16").And.EndWith(" | densenet-bc: depths=40;growth=12"));
    }

    [TestCase("wrn,densenet-bc", "depths=10;widths=1", "names no family")]
    [TestCase("wrn", "densenet-bc: depths=40;growth=12", "not searched")]
    [TestCase("densenet-bc", "densenet-bc: depths=40 | densenet-bc: depths=100", "given twice")]
    [TestCase("mlp", null, "Unknown network family 'mlp'")]
    public void Spaces_that_do_not_fit_the_families_are_rejected(string families, string? space, string message)
    {
        var e = Assert.Throws<ShapeDnnException>(() => SearchSpaces.Parse(families, space));
        Assert.That(e!.Code, Is.EqualTo(ErrorCode.BadDesignSpace));
        Assert.That(e.Message, Does.Contain(message));
    }
}
