using ShapeDnn.Constraints;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Core.Tests.Constraints;

public class ConstraintParserTests
{
    [Test]
    public void Should_parse_every_key_with_units_as_in_the_design()
    {
        var c = ConstraintParser.Parse("MaxParameters=500k; MaxSize=2MB; MaxLatency=1.5ms; MaxEnergy=3mJ; MinAccuracy=93%");

        Assert.That(c.MaxParameters, Is.EqualTo(500_000));
        Assert.That(c.MaxSizeBytes, Is.EqualTo(2_000_000));
        Assert.That(c.MaxLatencyMilliseconds, Is.EqualTo(1.5).Within(1e-12));
        Assert.That(c.MaxEnergyMillijoules, Is.EqualTo(3).Within(1e-12));
        Assert.That(c.MinAccuracy, Is.EqualTo(0.93).Within(1e-12));
    }

    [TestCase("maxlatency=250us", 0.25)]
    [TestCase("MAXLATENCY=2 s", 2000)]
    [TestCase("MaxLatency=1e-1ms", 0.1)]
    public void Should_convert_latency_units_to_milliseconds_and_ignore_key_case(string text, double expected) =>
        Assert.That(ConstraintParser.Parse(text).MaxLatencyMilliseconds, Is.EqualTo(expected).Within(1e-9));

    [TestCase("MaxEnergy=0.5J", 500)]
    [TestCase("MaxEnergy=800uJ", 0.8)]
    public void Should_convert_energy_units_to_millijoules(string text, double expected) =>
        Assert.That(ConstraintParser.Parse(text).MaxEnergyMillijoules, Is.EqualTo(expected).Within(1e-9));

    [TestCase("MaxSize=512B", 512)]
    [TestCase("MaxSize=1.5KB", 1500)]
    [TestCase("MaxSize=2MiB", 2 * 1024 * 1024)]
    [TestCase("MaxParameters=1.2M", 1_200_000)]
    [TestCase("MaxParameters=75000", 75_000)]
    public void Should_convert_sizes_and_counts(string text, long expected)
    {
        var c = ConstraintParser.Parse(text);
        Assert.That(c.MaxSizeBytes ?? c.MaxParameters, Is.EqualTo(expected));
    }

    [Test]
    public void Should_accept_accuracy_as_a_fraction() =>
        Assert.That(ConstraintParser.Parse("MinAccuracy=0.9").MinAccuracy, Is.EqualTo(0.9).Within(1e-12));

    [Test]
    public void Should_treat_blank_text_and_trailing_separators_as_no_limit()
    {
        Assert.That(ConstraintParser.Parse("  "), Is.EqualTo(ConstraintSet.None));
        Assert.That(ConstraintParser.Parse("MaxSize=1MB;;").MaxSizeBytes, Is.EqualTo(1_000_000));
    }

    [TestCase("MaxLatency", ErrorCode.ConstraintSyntax)]
    [TestCase("MaxLatency=", ErrorCode.ConstraintSyntax)]
    [TestCase("=2ms", ErrorCode.ConstraintSyntax)]
    [TestCase("MaxLatency=2ms=3ms", ErrorCode.ConstraintSyntax)]
    [TestCase("MaxLatencies=2ms", ErrorCode.UnknownConstraint)]
    [TestCase("MaxLatency=fast", ErrorCode.BadNumber)]
    [TestCase("MaxLatency=1,5ms", ErrorCode.BadNumber)]
    [TestCase("MaxLatency=2", ErrorCode.BadUnit)]
    [TestCase("MaxLatency=2min", ErrorCode.BadUnit)]
    [TestCase("MaxSize=2", ErrorCode.BadUnit)]
    [TestCase("MaxParameters=2m", ErrorCode.BadUnit)]
    [TestCase("MaxEnergy=3W", ErrorCode.BadUnit)]
    [TestCase("MinAccuracy=93", ErrorCode.BadUnit)]
    [TestCase("MinAccuracy=120%", ErrorCode.ContradictoryConstraints)]
    [TestCase("MaxLatency=0ms", ErrorCode.ContradictoryConstraints)]
    [TestCase("MaxLatency=-1ms", ErrorCode.ContradictoryConstraints)]
    [TestCase("MaxSize=1MB; maxsize=2MB", ErrorCode.ContradictoryConstraints)]
    public void Should_reject_malformed_text_with_its_own_code(string text, ErrorCode expected)
    {
        var ex = Assert.Throws<ShapeDnnException>(() => ConstraintParser.Parse(text))!;
        Assert.That(ex.Code, Is.EqualTo(expected), ex.Message);
    }

    [Test]
    public void Should_suggest_the_closest_key_for_a_typo()
    {
        var ex = Assert.Throws<ShapeDnnException>(() => ConstraintParser.Parse("MaxLatncy=2ms"))!;
        Assert.That(ex.Message, Does.Contain("did you mean MaxLatency?"));
        Assert.That(ex.ToString(), Does.StartWith("SDNN002: "));
    }

    [Test]
    public void Should_name_the_offending_entry_in_the_message()
    {
        var ex = Assert.Throws<ShapeDnnException>(() => ConstraintParser.Parse("MaxSize=1MB; MaxLatency=2parsecs"))!;
        Assert.That(ex.Message, Does.Contain("MaxLatency=2parsecs"));
    }

    [Test]
    public void Should_round_trip_through_the_canonical_text()
    {
        var c = ConstraintParser.Parse("MaxParameters=500k; MaxSize=2MB; MaxLatency=1.5ms; MaxEnergy=3mJ; MinAccuracy=93%");
        Assert.That(ConstraintParser.Parse(c.ToString()), Is.EqualTo(c));
    }
}
