namespace ShapeDnn.Reporting.Html.Tests;

public class FiguresTests
{
    [TestCase(999_999.99999, "", "1M")]
    [TestCase(200_000.0, "", "200k")]
    [TestCase(1_500_000.0, "", "1.5M")]
    [TestCase(0.2, "ms", "0.2 ms")]
    [TestCase(3.0, "ms", "3 ms")]
    [TestCase(150.0, "mJ", "150 mJ")]
    public void Should_label_axis_ticks_in_the_axis_unit(double value, string unit, string expected) =>
        Assert.That(Figures.Axis(value, unit), Is.EqualTo(expected));
}
