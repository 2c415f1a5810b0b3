using ShapeDnn.DesignSpace;
using ShapeDnn.Latency.Energy;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Tests;

/// <summary>NVML's arithmetic over a fake counter that, like NVML's, updates only every few passes.</summary>
public sealed class NvmlEnergyMeterTests
{
    private static readonly LatencyMeasurement Latency = new(2.0, 1.9, 2.2, 50, 4, "test GPU");

    /// <summary>A GPU on a simulated clock: each pass takes 2 ms and costs 300 mJ; the counter shows the
    /// energy only at its update instants (every <see cref="UpdateEvery"/>), optionally stalling or jumping back.</summary>
    private sealed class FakeGpu : IEnergyCounter, IInferenceWorkload, IPreparedInference
    {
        public TimeSpan Now;
        public double TrueMillijoules = 5_000_000;
        public TimeSpan UpdateEvery = TimeSpan.FromMilliseconds(50);
        public TimeSpan? StallAfter;
        public TimeSpan? GoBackAt;
        public int Passes;
        private ulong _shown = 5_000_000;
        private TimeSpan _lastUpdate;

        public string Description => "fake counter";

        public ulong ReadMillijoules()
        {
            if (GoBackAt is { } back && Now >= back) return 42;
            if (StallAfter is { } stall && Now >= stall) return _shown;
            if (Now - _lastUpdate >= UpdateEvery)
            {
                _shown = (ulong)TrueMillijoules;
                _lastUpdate = Now;
            }
            return _shown;
        }

        public IPreparedInference Prepare(NetworkPlan plan, int batchSize) => this;

        public void Run(int passes)
        {
            for (int i = 0; i < passes; i++) RunOnce();
        }

        public void RunOnce()
        {
            Passes++;
            Now += TimeSpan.FromMilliseconds(2);
            TrueMillijoules += 300;
        }

        public void Dispose() { }
    }

    [Test]
    public void Window_counts_energy_and_passes_between_two_counter_updates()
    {
        var gpu = new FakeGpu();
        var result = CounterWindow.Measure(gpu, gpu.RunOnce, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), () => gpu.Now);

        Assert.That(result.MillijoulesPerPass, Is.EqualTo(300).Within(1e-9), "edge-aligned: no quantisation error");
        Assert.That(result.Seconds, Is.GreaterThanOrEqualTo(1.0));
        Assert.That(result.Passes, Is.LessThan(gpu.Passes), "passes before the first update are not counted");
    }

    [Test]
    public void A_stalled_counter_is_an_error()
    {
        var gpu = new FakeGpu { StallAfter = TimeSpan.FromMilliseconds(300) };
        var e = Assert.Throws<EnergyCounterException>(() =>
            CounterWindow.Measure(gpu, gpu.RunOnce, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.5), () => gpu.Now))!;
        Assert.That(e.Message, Does.Contain("did not advance"));
    }

    [Test]
    public void A_counter_that_goes_backwards_is_an_error()
    {
        var gpu = new FakeGpu { GoBackAt = TimeSpan.FromMilliseconds(400) };
        var e = Assert.Throws<EnergyCounterException>(() =>
            CounterWindow.Measure(gpu, gpu.RunOnce, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), () => gpu.Now))!;
        Assert.That(e.Message, Does.Contain("went backwards"));
    }

    [Test]
    public void Meter_falls_back_to_the_labelled_estimate_when_the_counter_stalls()
    {
        // Real clock: the fake counter never changes, so the stall timeout (50 ms) ends each attempt.
        var gpu = new FakeGpu { StallAfter = TimeSpan.Zero };
        var meter = new NvmlEnergyMeter(gpu, gpu, new EstimatedGpuEnergyMeter(100), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50));

        var figure = meter.Energy(TestModels.Tiny, Latency);

        Assert.That(meter.IsEstimate, Is.False);
        Assert.That(figure.Source, Is.EqualTo(FigureSource.Estimated));
        Assert.That(figure.Millijoules, Is.EqualTo(200).Within(1e-9), "100 W × 2 ms");
        Assert.That(figure.Method, Does.Contain("fake counter failed").And.Contain("did not advance"));
    }

    [Test]
    public void Without_an_NVIDIA_driver_the_factory_chooses_the_labelled_estimate_and_says_why()
    {
        if (File.Exists("/proc/driver/nvidia/version")) Assert.Ignore("This machine has an NVIDIA driver.");
        var gpu = new FakeGpu();
        var choice = EnergyMeterFactory.CreateForCuda(gpu, 0);

        Assert.That(choice.Meter.IsEstimate, Is.True);
        Assert.That(choice.Reason, Does.Contain("libnvidia-ml.so.1 cannot be loaded"));
        Assert.That(choice.Meter.Energy(TestModels.Tiny, Latency).Source, Is.EqualTo(FigureSource.Estimated));
    }
}
