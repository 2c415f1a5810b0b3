using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Families;

namespace ShapeDnn.Core.Tests.Families;

/// <summary>Shape identity, names, keys and design spaces carry the family; Wide ResNet's stay as they were.</summary>
public class NetworkFamiliesTests
{
    [Test]
    public void Wide_resnet_names_and_keys_are_those_of_before_families()
    {
        var shape = new Shape(16, 4);
        Assert.That(shape.Family, Is.EqualTo("wrn"));
        Assert.That(shape.Name, Is.EqualTo("WRN-16-4"));
        Assert.That(shape.Key, Is.EqualTo("d16-w4"));
        Assert.That(new Shape("wrn", 16, 4), Is.EqualTo(shape));
        Assert.That(default(Shape) with { Depth = 16, Width = 4 }, Is.EqualTo(shape), "default(Shape) is a Wide ResNet");
    }

    [Test]
    public void Other_families_are_named_and_keyed_by_family_and_never_equal_a_wide_resnet()
    {
        var dense = new Shape("densenet-bc", 100, 12);
        Assert.That(dense.Name, Is.EqualTo("DenseNet-BC-100-12"));
        Assert.That(dense.Key, Is.EqualTo("densenet-bc-d100-w12"));
        Assert.That(new Shape("densenet-bc", 16, 4), Is.Not.EqualTo(new Shape(16, 4)));
        Assert.That(new Shape("densenet-bc", 16, 4).Key, Is.Not.EqualTo(new Shape(16, 4).Key));
    }

    [Test]
    public void A_densenet_space_uses_its_own_keys()
    {
        var space = DesignSpaceSpec.Parse("depths=40,100;growth=12,24", NetworkFamilies.Get("densenet-bc"));

        Assert.That(space.Shapes.Select(s => s.Name), Is.EqualTo(new[] { "DenseNet-BC-40-12", "DenseNet-BC-40-24", "DenseNet-BC-100-12", "DenseNet-BC-100-24" }));
        Assert.That(space.ToString(), Is.EqualTo("depths=40,100;growth=12,24"));
        Assert.That(DesignSpaceSpec.Parse("depths=10,16;widths=1,2").ToString(), Is.EqualTo("depths=10,16;widths=1,2"), "the Wide ResNet text is unchanged");
    }

    [TestCase("depths=40;widths=12", "unknown key 'widths'")]
    [TestCase("depths=40;growth=1.5", "whole number")]
    [TestCase("depths=42;growth=12", "6n+4")]
    public void A_densenet_space_rejects_what_the_family_does_not_have(string text, string message)
    {
        var e = Assert.Throws<ShapeDnnException>(() => DesignSpaceSpec.Parse(text, NetworkFamilies.Get("densenet-bc")));
        Assert.That(e!.Code, Is.EqualTo(ErrorCode.BadDesignSpace));
        Assert.That(e.Message, Does.Contain(message).And.Contain("growth="));
    }

    [Test]
    public void Family_lists_take_one_several_or_all()
    {
        Assert.That(NetworkFamilies.ParseList(null).Select(f => f.Id), Is.EqualTo(new[] { "wrn" }));
        Assert.That(NetworkFamilies.ParseList("densenet-bc").Select(f => f.Id), Is.EqualTo(new[] { "densenet-bc" }));
        Assert.That(NetworkFamilies.ParseList("densenet-bc, wrn,densenet-bc").Select(f => f.Id), Is.EqualTo(new[] { "densenet-bc", "wrn" }));
        Assert.That(NetworkFamilies.ParseList("all"), Is.EqualTo(NetworkFamilies.All));
    }

    [Test]
    public void An_unknown_family_is_named_with_a_suggestion()
    {
        var e = Assert.Throws<ShapeDnnException>(() => NetworkFamilies.ParseList("densenet"));
        Assert.That(e!.Code, Is.EqualTo(ErrorCode.BadDesignSpace));
        Assert.That(e.Message, Does.Contain("'densenet'").And.Contain("densenet-bc"));
    }

    [Test]
    public void Every_family_plans_every_shape_of_its_default_space()
    {
        var input = new InputShape(1, 28, 28, 10);
        foreach (var family in NetworkFamilies.All)
            foreach (var shape in family.DefaultSpace.Shapes)
            {
                Assert.That(DesignSpaceSpec.ShapeProblem(family, shape.Depth, shape.Width), Is.Null, shape.Name);
                var plan = family.Plan(shape, input);
                Assert.That(plan.Shape, Is.EqualTo(shape));
                Assert.That(plan.ParameterCount, Is.GreaterThan(0), shape.Name);
                Assert.That(plan.Tensors.Select(t => t.Name), Is.Unique, shape.Name);
            }
    }
}

/// <summary>The report JSON names each shape's family; a report written before families reads as Wide ResNet.</summary>
public class ReportFamilyTests
{
    [Test]
    public void A_report_row_carries_its_family_and_a_row_without_one_is_a_wide_resnet()
    {
        var row = new ShapeDnn.Reporting.ShapeRow
        {
            Name = "DenseNet-BC-10-6", Family = "densenet-bc", Depth = 10, Width = 6, Parameters = 1, SizeBytes = 4, MultiplyAccumulates = 1, Feasible = true,
        };
        var info = ShapeDnnJsonContext.Default.GetTypeInfo(typeof(ShapeDnn.Reporting.ShapeRow))!;

        string json = System.Text.Json.JsonSerializer.Serialize(row, info);
        var old = (ShapeDnn.Reporting.ShapeRow)System.Text.Json.JsonSerializer.Deserialize(json.Replace("\"family\": \"densenet-bc\",", ""), info)!;

        Assert.That(json, Does.Contain("\"family\": \"densenet-bc\""));
        Assert.That(old.Family, Is.EqualTo("wrn"));
    }
}
