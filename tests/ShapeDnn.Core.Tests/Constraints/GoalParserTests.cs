using ShapeDnn.Constraints;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Core.Tests.Constraints;

public class GoalParserTests
{
    [TestCase("MinimizeSize", Goal.MinimizeSize)]
    [TestCase("minimizelatency", Goal.MinimizeLatency)]
    [TestCase(" MinimizeEnergy ", Goal.MinimizeEnergy)]
    [TestCase("MAXIMIZEACCURACY", Goal.MaximizeAccuracy)]
    public void Should_parse_goals_case_insensitively(string text, Goal expected) =>
        Assert.That(GoalParser.Parse(text), Is.EqualTo(expected));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Should_report_a_missing_goal(string? text) =>
        Assert.That(Assert.Throws<ShapeDnnException>(() => GoalParser.Parse(text))!.Code, Is.EqualTo(ErrorCode.MissingGoal));

    [TestCase("MinimiseSize")]
    [TestCase("1")]
    [TestCase("MinimizeSize,MinimizeLatency")]
    public void Should_report_an_unknown_goal(string text) =>
        Assert.That(Assert.Throws<ShapeDnnException>(() => GoalParser.Parse(text))!.Code, Is.EqualTo(ErrorCode.UnknownGoal));

    [Test]
    public void Should_suggest_the_british_spelling_fix() =>
        Assert.That(Assert.Throws<ShapeDnnException>(() => GoalParser.Parse("MinimiseEnergy"))!.Message, Does.Contain("did you mean MinimizeEnergy?"));
}
