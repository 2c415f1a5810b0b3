using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;

namespace ShapeDnn.Core.Tests.Engine;

/// <summary>The text of <c>--time-budget</c> / <c>ShapeDnnTimeBudget</c>.</summary>
public class SearchTimeBudgetTests
{
    [TestCase("90s", 90)]
    [TestCase("5m", 300)]
    [TestCase("1h", 3600)]
    [TestCase("1h30m", 5400)]
    [TestCase("1h0m5s", 3605)]
    [TestCase(" 2M ", 120)]
    public void Should_read_hours_minutes_and_seconds(string text, int seconds)
    {
        Assert.That(SearchTimeBudget.Parse(text, "--time-budget"), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
        Assert.That(SearchTimeBudget.Parse(SearchTimeBudget.Format(TimeSpan.FromSeconds(seconds)), "--time-budget"), Is.EqualTo(TimeSpan.FromSeconds(seconds)), "the canonical text reads back");
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Should_mean_no_ceiling_when_blank(string? text) => Assert.That(SearchTimeBudget.Parse(text, "--time-budget"), Is.Null);

    [TestCase("5", "is not a duration")]
    [TestCase("5 minutes", "is not a duration")]
    [TestCase("1.5h", "is not a duration")]
    [TestCase("30m1h", "is not a duration")]
    [TestCase("-5m", "is not a duration")]
    [TestCase("99999999999h", "is not a duration")]
    [TestCase("0s", "no time at all")]
    [TestCase("0h0m", "no time at all")]
    [TestCase("721h", "longer than 30 days")]
    public void Should_reject_with_the_name_of_the_setting(string text, string fragment)
    {
        var error = Assert.Throws<ShapeDnnException>(() => SearchTimeBudget.Parse(text, "ShapeDnnTimeBudget"))!;

        Assert.That(error.Code, Is.EqualTo(ErrorCode.BadOption));
        Assert.That(error.Message, Does.StartWith($"ShapeDnnTimeBudget '{text}' ").And.Contain(fragment));
    }

    [Test]
    public void Should_format_compactly() => Assert.That(SearchTimeBudget.Format(TimeSpan.FromSeconds(5400)), Is.EqualTo("1h30m"));
}
