using ShapeDnn.Diagnostics;
using ShapeDnn.Training.Profiling;

namespace ShapeDnn.Training.Tests.Profiling;

public sealed class TorchCudaProfilerOptionsTests
{
    [Test]
    public void The_benchmark_override_sets_only_the_time_cap()
    {
        var defaults = new TorchCudaProfilerOptions();

        // Not the default (0.4 s), so that an ignored override cannot pass.
        var changed = defaults.WithTimeCapFrom("1.25");

        Assert.That(defaults.Timing.TimeCap, Is.Not.EqualTo(TimeSpan.FromSeconds(1.25)));
        Assert.That(changed.Timing.TimeCap, Is.EqualTo(TimeSpan.FromSeconds(1.25)));
        Assert.That(changed.Timing with { TimeCap = defaults.Timing.TimeCap }, Is.EqualTo(defaults.Timing));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Without_the_override_the_measured_default_stays(string? text)
    {
        var defaults = new TorchCudaProfilerOptions();

        Assert.That(defaults.WithTimeCapFrom(text).Timing, Is.EqualTo(defaults.Timing));
    }

    [TestCase("abc")]
    [TestCase("0")]
    [TestCase("0.01")]
    [TestCase("11")]
    [TestCase("NaN")]
    public void A_malformed_override_is_a_bad_option_error_naming_the_variable(string text)
    {
        var e = Assert.Throws<ShapeDnnException>(() => new TorchCudaProfilerOptions().WithTimeCapFrom(text))!;

        Assert.That(e.Code, Is.EqualTo(ErrorCode.BadOption));
        Assert.That(e.Message, Does.Contain(TorchCudaProfilerOptions.TimeCapEnvironmentVariable).And.Contain(text));
    }
}
