using ShapeDnn.Profiles;

namespace ShapeDnn.Core.Tests.Profiles;

/// <summary>The timing loop on a simulated device and clock: every figure is exact arithmetic, no real time passes.</summary>
public sealed class RepeatedTimingTests
{
    /// <summary>
    /// A device on a fake clock. Each call costs <see cref="CallOverhead"/> once (launch of the first pass,
    /// synchronisation, reading the clock) and each pass <see cref="PassTime"/> (or the time <see cref="PassTimes"/> gives).
    /// </summary>
    private sealed class FakeDevice
    {
        public TimeSpan Now;
        public TimeSpan PassTime = TimeSpan.FromMilliseconds(0.1);
        public TimeSpan CallOverhead = TimeSpan.Zero;
        public Func<int, TimeSpan>? PassTimes;
        public readonly List<(TimeSpan At, int Passes)> Calls = [];
        public long Passes;

        public TimeSpan Clock() => Now;

        public void Run(int passes)
        {
            Calls.Add((Now, passes));
            Now += CallOverhead;
            for (int i = 0; i < passes; i++) Now += PassTimes?.Invoke(Calls.Count) ?? PassTime;
            Passes += passes;
        }
    }

    private static readonly TimingOptions Gpu = new(WarmupRuns: 20, MinRuns: 50, MaxRuns: 2000, TargetRelativeSpread: 0.05, TimeCap: TimeSpan.FromSeconds(3),
        WarmupTime: TimeSpan.FromMilliseconds(500), MinSampleTime: TimeSpan.FromMilliseconds(2));

    private static LatencyMeasurement Measure(FakeDevice device, TimingOptions options, CancellationToken cancellationToken = default) =>
        RepeatedTiming.Measure(device.Run, options, 1, "fake", cancellationToken, device.Clock);

    [Test]
    public void A_sub_millisecond_pass_is_timed_in_back_to_back_groups_so_the_per_call_cost_is_spread_over_them()
    {
        // 0.1 ms of work and 0.05 ms of launch/synchronise cost per call: timed alone, a pass would read 0.15 ms (+50 %).
        var device = new FakeDevice { PassTime = TimeSpan.FromMilliseconds(0.1), CallOverhead = TimeSpan.FromMilliseconds(0.05) };

        var m = Measure(device, Gpu);

        Assert.That(m.PassesPerSample, Is.InRange(19, 21), "≈ 2 ms of passes per sample");
        Assert.That(m.MedianMilliseconds, Is.EqualTo(0.1).Within(3).Percent, "the per-call cost is spread over the group");
        Assert.That(m.MedianMilliseconds * m.PassesPerSample, Is.GreaterThanOrEqualTo(2.0 - 1e-9), "a sample lasts at least the least sample time");
        var timed = device.Calls.Skip(device.Calls.Count - m.Runs).ToList();
        Assert.That(timed.Select(c => c.Passes), Is.All.EqualTo(m.PassesPerSample), "every timed sample runs the same group");
    }

    [Test]
    public void Without_a_least_sample_time_each_pass_is_timed_alone()
    {
        var device = new FakeDevice { PassTime = TimeSpan.FromMilliseconds(0.1), CallOverhead = TimeSpan.FromMilliseconds(0.05) };

        var m = Measure(device, new TimingOptions(WarmupRuns: 5, MinRuns: 10));

        Assert.That(m.PassesPerSample, Is.EqualTo(1));
        Assert.That(device.Calls.Select(c => c.Passes), Is.All.EqualTo(1));
        Assert.That(m.MedianMilliseconds, Is.EqualTo(0.15).Within(1e-9), "one call per pass, its own cost included, as a CPU app pays it");
        Assert.That(m.Runs, Is.EqualTo(10), "a steady pass stops at the least number of samples");
    }

    [Test]
    public void Warm_up_lasts_its_least_time_although_its_pass_count_is_reached_much_sooner()
    {
        var device = new FakeDevice { PassTime = TimeSpan.FromMilliseconds(0.1) };

        int group = RepeatedTiming.WarmUp(device.Run, Gpu, CancellationToken.None, device.Clock);

        Assert.That(device.Passes, Is.GreaterThan(Gpu.WarmupRuns));
        Assert.That(device.Now, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(500)), "clocks need time under load, not a pass count");
        Assert.That(device.Now, Is.LessThan(TimeSpan.FromMilliseconds(505)), "warm-up stops within one group of its least time");
        Assert.That(group, Is.EqualTo(20));
    }

    [Test]
    public void A_hiccup_in_the_last_warm_up_group_does_not_shrink_the_samples_to_one_pass()
    {
        // 0.1 ms a pass, but the host is descheduled during the last group of the warm-up (20 ms a pass from 495 ms on):
        // that group alone would say "a pass lasts longer than a sample", and one-pass samples would be swamped by their own cost.
        var device = new FakeDevice();
        device.PassTimes = _ => device.Now >= TimeSpan.FromMilliseconds(495) && device.Now < TimeSpan.FromMilliseconds(700)
            ? TimeSpan.FromMilliseconds(20) : TimeSpan.FromMilliseconds(0.1);

        int group = RepeatedTiming.WarmUp(device.Run, Gpu, CancellationToken.None, device.Clock);

        Assert.That(device.Now - device.Calls[^1].At, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(20)), "the hiccup hit the last group");
        Assert.That(group, Is.EqualTo(20), "2 ms of 0.1 ms passes, from the fastest group");
    }

    [Test]
    public void A_first_pass_slower_than_the_whole_warm_up_does_not_make_every_sample_a_single_pass()
    {
        // cuDNN autotunes during the first pass (500 ms, past a quarter of the 1.5 s cap); afterwards a pass takes 0.5 ms.
        var device = new FakeDevice { PassTimes = call => call == 1 ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromMilliseconds(0.5) };

        int group = RepeatedTiming.WarmUp(device.Run, Gpu with { TimeCap = TimeSpan.FromSeconds(1.5) }, CancellationToken.None, device.Clock);

        Assert.That(group, Is.EqualTo(4), "2 ms of 0.5 ms passes, from the second call");
    }

    [Test]
    public void Warm_up_takes_at_most_a_quarter_of_the_time_cap()
    {
        var device = new FakeDevice { PassTime = TimeSpan.FromMilliseconds(0.1) };

        RepeatedTiming.WarmUp(device.Run, Gpu with { TimeCap = TimeSpan.FromMilliseconds(400) }, CancellationToken.None, device.Clock);

        Assert.That(device.Now, Is.InRange(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(103)));
    }

    [Test]
    public void A_slow_shape_warms_up_in_two_passes_and_still_gets_its_least_samples_past_the_cap()
    {
        var device = new FakeDevice { PassTime = TimeSpan.FromMilliseconds(400) };

        var m = Measure(device, Gpu with { TimeCap = TimeSpan.FromSeconds(1) });

        Assert.That(device.Calls, Has.Count.EqualTo(2 + 3), "two warm-up passes (the first pays for the set-up; both past a quarter of the cap), then three samples");
        Assert.That(m.Runs, Is.EqualTo(3));
        Assert.That(m.PassesPerSample, Is.EqualTo(1), "a pass longer than the least sample time is timed alone");
        Assert.That(m.MedianMilliseconds, Is.EqualTo(400).Within(1e-9));
    }

    [Test]
    public void Noisy_samples_are_taken_until_the_time_cap_and_keep_their_spread()
    {
        // Every other call is 30 % slower: the spread never falls under 5 %.
        var device = new FakeDevice { PassTimes = call => TimeSpan.FromMilliseconds(call % 2 == 0 ? 1.3 : 1.0) };

        var m = Measure(device, Gpu with { TimeCap = TimeSpan.FromSeconds(1) });

        Assert.That(device.Now, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(device.Now, Is.LessThan(TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(3)), "stops at the first sample past the cap");
        Assert.That(m.Runs, Is.LessThan(Gpu.MaxRuns));
        Assert.That(m.P10Milliseconds, Is.EqualTo(1.0).Within(1e-9));
        Assert.That(m.P90Milliseconds, Is.EqualTo(1.3).Within(1e-9));
        Assert.That(m.RelativeSpread, Is.GreaterThan(Gpu.TargetRelativeSpread));
    }

    [Test]
    public void A_pass_too_short_to_time_is_grouped_up_to_the_most_passes_per_sample()
    {
        // 1 µs a pass would need 2,000 passes for 2 ms.
        var device = new FakeDevice { PassTime = TimeSpan.FromMicroseconds(1) };

        var m = Measure(device, Gpu with { MaxPassesPerSample = 64, TimeCap = TimeSpan.FromMilliseconds(4) });

        Assert.That(m.PassesPerSample, Is.EqualTo(64));
    }

    [Test]
    public void Cancellation_stops_the_loop()
    {
        using var cancel = new CancellationTokenSource();
        var device = new FakeDevice { PassTimes = call => { if (call == 30) cancel.Cancel(); return TimeSpan.FromMilliseconds(1); } };

        Assert.Throws<OperationCanceledException>(() => Measure(device, Gpu, cancel.Token));
        Assert.That(device.Calls, Has.Count.EqualTo(30));
    }

    [TestCase(0.1, 20)]
    [TestCase(0.7, 3)]
    [TestCase(2.0, 1)]
    [TestCase(50.0, 1)]
    public void Passes_per_sample_make_a_sample_last_the_least_sample_time(double passMilliseconds, int expected) =>
        Assert.That(Gpu.PassesPerSample(TimeSpan.FromMilliseconds(passMilliseconds)), Is.EqualTo(expected));
}
