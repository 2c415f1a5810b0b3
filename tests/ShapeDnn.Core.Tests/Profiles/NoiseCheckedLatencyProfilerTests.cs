using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Profiles;

namespace ShapeDnn.Core.Tests.Profiles;

public class NoiseCheckedLatencyProfilerTests
{
    private static readonly NetworkPlan Plan = WideResNetPlanner.Plan(new Shape(10, 1), new InputShape(1, 12, 12, 3));

    /// <summary>Answers with the given figures in turn and counts the calls.</summary>
    private sealed class ScriptedProfiler(params LatencyMeasurement[] answers) : ILatencyProfiler
    {
        public int Calls { get; private set; }
        public string DeviceFingerprint => "scripted";
        public string DeviceDescription => "scripted device";
        public LatencyMeasurement Measure(NetworkPlan plan, int batchSize, CancellationToken cancellationToken) => answers[Math.Min(Calls++, answers.Length - 1)];
    }

    // What a busy machine gave: 0.381 ms ±534 % (p10 to p90 spans 10.7 medians).
    private static readonly LatencyMeasurement Busy = new(0.381, 0.2, 4.27, 40, 1, "cpu");
    private static readonly LatencyMeasurement LessBusy = new(0.35, 0.2, 1.0, 40, 1, "cpu");
    private static readonly LatencyMeasurement Quiet = new(0.300, 0.29, 0.31, 40, 1, "cpu");

    [Test]
    public void Should_keep_a_sound_figure_measured_once()
    {
        var inner = new ScriptedProfiler(Quiet);
        var warnings = new List<string>();
        var figure = new NoiseCheckedLatencyProfiler(inner, warnings.Add).Measure(Plan, 1, default);
        Assert.That((figure, inner.Calls, warnings.Count), Is.EqualTo((Quiet, 1, 0)));
    }

    [Test]
    public void Should_measure_a_noisy_figure_again_and_keep_the_sound_one()
    {
        var inner = new ScriptedProfiler(Busy, Quiet);
        var warnings = new List<string>();
        var figure = new NoiseCheckedLatencyProfiler(inner, warnings.Add).Measure(Plan, 1, default);

        Assert.That(figure, Is.EqualTo(Quiet));
        Assert.That(figure.Unreliable, Is.False);
        Assert.That(inner.Calls, Is.EqualTo(2));
        Assert.That(warnings, Is.Empty);
    }

    [Test]
    public void Should_mark_a_figure_that_stays_noisy_as_unreliable_and_say_so()
    {
        var inner = new ScriptedProfiler(Busy, LessBusy, Busy, Quiet);
        var warnings = new List<string>();
        var figure = new NoiseCheckedLatencyProfiler(inner, warnings.Add).Measure(Plan, 1, default);

        Assert.That(inner.Calls, Is.EqualTo(NoiseCheckedLatencyProfiler.Attempts), "the retries are bounded");
        Assert.That(figure.Unreliable, Is.True);
        Assert.That(figure.MedianMilliseconds, Is.EqualTo(LessBusy.MedianMilliseconds), "the least noisy attempt is kept");
        Assert.That(warnings.Single(), Does.Contain("WRN-10-1").And.Contain("unreliable").And.Contain("not cached"));
    }

    [Test]
    public void Should_call_noisy_only_a_spread_beyond_the_documented_bound()
    {
        Assert.That(new LatencyMeasurement(1, 0.5, 1.5, 10, 1, "cpu").IsNoisy, Is.False, "±50 % is the bound itself");
        Assert.That(new LatencyMeasurement(1, 0.5, 1.6, 10, 1, "cpu").IsNoisy, Is.True);
    }
}
