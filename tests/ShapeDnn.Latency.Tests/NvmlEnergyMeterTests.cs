using System.Diagnostics;
using ShapeDnn.DesignSpace;
using ShapeDnn.Latency.Energy;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Tests;

/// <summary>
/// Energy per pass from a coarse, slow cumulative counter (NVML's): the window arithmetic on simulated
/// readings (exact), and the measuring loop on a fake GPU that spins for each pass (real time, short).
/// </summary>
public sealed class NvmlEnergyMeterTests
{
    private static readonly LatencyMeasurement Latency = new(2.0, 1.9, 2.2, 50, 4, "test GPU");

    /// <summary>
    /// A simulated loop: the board draws <paramref name="idleWatts"/> until <paramref name="startMs"/>, then passes of
    /// <paramref name="passMs"/> run back to back until <paramref name="endMs"/> at <paramref name="mjPerPass"/> each
    /// (idle power included), synchronised every <paramref name="group"/> passes. The counter shows the energy of its
    /// last update instant (every <paramref name="updateMs"/>) and is read every <paramref name="readMs"/>.
    /// </summary>
    private static (List<CounterReading> Readings, List<PassMark> Marks) Simulate(
        double passMs = 1, double mjPerPass = 300, int group = 10, double updateMs = 50, double readMs = 1.3,
        double startMs = 200, double endMs = 2600, double idleWatts = 60, ulong origin = 5_000_000, Func<double, ulong, ulong>? distort = null)
    {
        double Energy(double t) => idleWatts * Math.Min(t, startMs) + mjPerPass * Math.Clamp(t - startMs, 0, endMs - startMs) / passMs
            + idleWatts * Math.Max(0, t - endMs);
        var readings = new List<CounterReading>();
        for (double t = 0.37; t < endMs + 100; t += readMs)
        {
            double update = Math.Floor(t / updateMs) * updateMs;
            ulong shown = unchecked(origin + (ulong)Math.Round(Energy(update)));
            readings.Add(new CounterReading(TimeSpan.FromMilliseconds(t), distort?.Invoke(t, shown) ?? shown));
        }
        var marks = new List<PassMark>();
        for (long passes = 0; startMs + passes * passMs <= endMs; passes += group)
            marks.Add(new PassMark(TimeSpan.FromMilliseconds(startMs + passes * passMs), passes));
        return (readings, marks);
    }

    [Test]
    public void Energy_per_pass_is_the_counter_increase_over_the_passes_finished_between_two_updates()
    {
        var (readings, marks) = Simulate();

        var r = CounterWindow.Evaluate(readings, marks, TimeSpan.FromSeconds(1));

        Assert.That(r.MillijoulesPerPass, Is.EqualTo(300).Within(0.1).Percent, "idle power before the loop and the counter's 50 ms steps do not leak in");
        Assert.That(r.MillisecondsPerPass, Is.EqualTo(1.0).Within(0.1).Percent);
        Assert.That(r.Seconds, Is.EqualTo(2.3).Within(0.0013), "from the update at 250 ms (the first one inside the loop) to the one at 2550 ms, give or take a reading");
        Assert.That(r.Passes, Is.LessThan(r.PassesRun), "passes before the first and after the last update are not counted");
        Assert.That(r.CounterUpdates, Is.EqualTo(46), "updates at 300, 350, … 2550 ms");
    }

    [Test]
    public void An_update_read_first_inside_the_loop_but_made_before_it_began_is_not_an_edge()
    {
        // The loop begins at 10 ms; idle 5 mJ/ms before, 25 mJ per 1 ms pass after. The update at 12 ms is first read
        // at 14 ms, but the reading before it (8 ms) predates the loop: which passes it covers is unknown.
        var readings = new List<CounterReading>
        {
            new(TimeSpan.FromMilliseconds(0), 0),
            new(TimeSpan.FromMilliseconds(8), 40),
            new(TimeSpan.FromMilliseconds(14), 100),
            new(TimeSpan.FromMilliseconds(20), 300),
            new(TimeSpan.FromMilliseconds(40), 800),
            new(TimeSpan.FromMilliseconds(60), 1300),
        };
        var marks = Enumerable.Range(0, 11).Select(i => new PassMark(TimeSpan.FromMilliseconds(10 + 5 * i), 5 * i)).ToList();

        var r = CounterWindow.Evaluate(readings, marks, TimeSpan.FromSeconds(1));

        Assert.That(r.Millijoules, Is.EqualTo(1000));
        Assert.That(r.Passes, Is.EqualTo(40).Within(1e-9));
        Assert.That(r.MillijoulesPerPass, Is.EqualTo(25).Within(1e-9));
    }

    [Test]
    public void A_counter_that_wraps_at_64_bits_is_followed_across_the_wrap()
    {
        var (readings, marks) = Simulate(origin: ulong.MaxValue - 300_000);
        Assert.That(readings.Zip(readings.Skip(1)).Any(p => p.Second.Millijoules < p.First.Millijoules), "the simulated counter must wrap inside the window");

        var r = CounterWindow.Evaluate(readings, marks, TimeSpan.FromSeconds(1));

        Assert.That(r.MillijoulesPerPass, Is.EqualTo(300).Within(0.1).Percent);
    }

    [Test]
    public void A_counter_that_goes_backwards_is_an_error()
    {
        // A driver reset at 1 s: the counter starts again near 0.
        var (readings, marks) = Simulate(distort: (t, v) => t < 1000 ? v : v - 5_000_000);

        var e = Assert.Throws<EnergyCounterException>(() => CounterWindow.Evaluate(readings, marks, TimeSpan.FromSeconds(1)))!;

        Assert.That(e.Message, Does.Contain("went backwards"));
    }

    [Test]
    public void A_counter_that_stalls_while_passes_run_is_an_error()
    {
        ulong? frozen = null;
        var (readings, marks) = Simulate(distort: (t, v) => t < 800 ? v : frozen ??= v);

        var e = Assert.Throws<EnergyCounterException>(() => CounterWindow.Evaluate(readings, marks, TimeSpan.FromMilliseconds(500)))!;

        Assert.That(e.Message, Does.Contain("did not advance").And.Contain("stalled at"));
    }

    [Test]
    public void A_jump_no_device_could_use_is_an_error()
    {
        var (readings, marks) = Simulate(distort: (t, v) => t < 1000 ? v : v + 1_000_000_000_000);

        var e = Assert.Throws<EnergyCounterException>(() => CounterWindow.Evaluate(readings, marks, TimeSpan.FromSeconds(1)))!;

        Assert.That(e.Message, Does.Contain("jumped"));
    }

    [Test]
    public void A_counter_that_updates_less_than_twice_during_the_loop_gives_no_figure()
    {
        var (readings, marks) = Simulate(updateMs: 2000);

        var e = Assert.Throws<EnergyCounterException>(() => CounterWindow.Evaluate(readings, marks, TimeSpan.FromSeconds(10)))!;

        Assert.That(e.Message, Does.Contain("fewer than twice"));
    }

    [Test]
    public void Passes_finished_between_synchronisations_are_interpolated()
    {
        var marks = new List<PassMark> { new(TimeSpan.FromMilliseconds(10), 0), new(TimeSpan.FromMilliseconds(20), 40), new(TimeSpan.FromMilliseconds(30), 80) };

        Assert.That(CounterWindow.PassesAt(marks, TimeSpan.FromMilliseconds(5)), Is.EqualTo(0));
        Assert.That(CounterWindow.PassesAt(marks, TimeSpan.FromMilliseconds(12.5)), Is.EqualTo(10).Within(1e-9));
        Assert.That(CounterWindow.PassesAt(marks, TimeSpan.FromMilliseconds(25)), Is.EqualTo(60).Within(1e-9));
        Assert.That(CounterWindow.PassesAt(marks, TimeSpan.FromMilliseconds(99)), Is.EqualTo(80));
    }

    /// <summary>
    /// A GPU in real time: each pass spins for <see cref="PassTime"/> and adds <see cref="MillijoulesPerPass"/>; the
    /// counter shows the energy at its last update (every <see cref="UpdateEvery"/>) and each read may take
    /// <see cref="ReadCostMilliseconds"/>, as a slow driver call does. It records which thread reads it.
    /// </summary>
    private sealed class SpinningGpu : IEnergyCounter, IInferenceWorkload, IPreparedInference
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _trueMillijoules = 5_000_000;
        private ulong _shown = 5_000_000;
        private TimeSpan _lastUpdate;
        private int _reads;
        private int _readsOnPassThread;

        public TimeSpan PassTime = TimeSpan.FromMicroseconds(50);
        public long MillijoulesPerPass = 300;
        public TimeSpan UpdateEvery = TimeSpan.FromMilliseconds(20);
        public int ReadCostMilliseconds;
        public bool Stalled;
        public int PassThread = Environment.CurrentManagedThreadId;
        public long Passes;
        public readonly List<int> RunSizes = [];

        public int Reads => Volatile.Read(ref _reads);
        public int ReadsOnPassThread => Volatile.Read(ref _readsOnPassThread);
        public string Description => "fake counter";

        public ulong ReadMillijoules()
        {
            Interlocked.Increment(ref _reads);
            if (Environment.CurrentManagedThreadId == PassThread) Interlocked.Increment(ref _readsOnPassThread);
            // A slow driver call (simulated latency, not synchronisation).
            if (ReadCostMilliseconds > 0) Thread.Sleep(ReadCostMilliseconds);
            if (!Stalled && _clock.Elapsed - _lastUpdate >= UpdateEvery)
            {
                _shown = (ulong)Interlocked.Read(ref _trueMillijoules);
                _lastUpdate = _clock.Elapsed;
            }
            return _shown;
        }

        public IPreparedInference Prepare(NetworkPlan plan, int batchSize) => this;

        public void Run(int passes)
        {
            RunSizes.Add(passes);
            for (int i = 0; i < passes; i++)
            {
                var end = _clock.Elapsed + PassTime;
                while (_clock.Elapsed < end) Thread.SpinWait(10);
                Interlocked.Add(ref _trueMillijoules, MillijoulesPerPass);
                Passes++;
            }
        }

        public void Dispose() { }
    }

    [Test]
    public void A_slow_counter_is_read_on_its_own_thread_and_does_not_slow_the_pass_loop()
    {
        // Each read takes 15 ms. Reading it between groups of 20 passes (1 ms) would run the loop at under 7 % of its speed.
        var gpu = new SpinningGpu { ReadCostMilliseconds = 15 };

        var r = CounterWindow.Measure(gpu, gpu.Run, passesPerGroup: 20, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1));

        Assert.That(gpu.Reads, Is.GreaterThan(2));
        Assert.That(gpu.ReadsOnPassThread, Is.Zero, "the thread that runs the passes never reads the counter");
        Assert.That(gpu.RunSizes, Is.All.EqualTo(20), "one synchronisation per group, not per pass");
        Assert.That(r.MillisecondsPerPass, Is.LessThan(4 * gpu.PassTime.TotalMilliseconds), "the loop ran near full speed while the counter was read");
        Assert.That(r.MillijoulesPerPass, Is.EqualTo(300).Within(5).Percent, "energy divided by the passes finished in the window");
        Assert.That(r.Seconds, Is.GreaterThanOrEqualTo(0.3));
    }

    [Test]
    public void Meter_measures_back_to_back_passes_of_the_prepared_network_and_labels_the_figure()
    {
        var gpu = new SpinningGpu();
        var meter = new NvmlEnergyMeter(gpu, gpu, new EstimatedGpuEnergyMeter(100), TimeSpan.FromMilliseconds(200));

        var before = DateTimeOffset.UtcNow;
        var figure = meter.Energy(TestModels.Tiny, Latency);
        var after = DateTimeOffset.UtcNow;

        Assert.That(figure.Source, Is.EqualTo(FigureSource.Measured));
        Assert.That(figure.Millijoules, Is.EqualTo(300).Within(5).Percent);
        // The window in wall-clock time lets another reader of the same counter check the figure (benchmarks/gpu).
        var window = figure.Window!;
        Assert.That(window.Start, Is.GreaterThanOrEqualTo(before));
        Assert.That(window.End, Is.LessThanOrEqualTo(after));
        Assert.That((window.End - window.Start).TotalMilliseconds, Is.GreaterThanOrEqualTo(200));
        Assert.That(window.Millijoules / window.Passes, Is.EqualTo(figure.Millijoules).Within(1e-9));
        Assert.That(gpu.RunSizes, Is.All.EqualTo(5), "2 ms passes, synchronised every 10 ms of work");
        Assert.That(figure.Method, Does.StartWith("measured: fake counter").And.Contain("back to back").And.Contain("idle power included"));
        Assert.That(meter.MethodFingerprint, Does.Contain("fake counter").And.Contain($"v{NvmlEnergyMeter.MethodVersion}"));
    }

    [Test]
    public void Meter_falls_back_to_the_labelled_estimate_when_the_counter_stalls()
    {
        var gpu = new SpinningGpu { Stalled = true };
        var meter = new NvmlEnergyMeter(gpu, gpu, new EstimatedGpuEnergyMeter(100), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50));

        var figure = meter.Energy(TestModels.Tiny, Latency);

        Assert.That(meter.IsEstimate, Is.False);
        Assert.That(figure.Source, Is.EqualTo(FigureSource.Estimated));
        Assert.That(figure.Millijoules, Is.EqualTo(200).Within(1e-9), "100 W × 2 ms");
        Assert.That(figure.Method, Does.Contain("fake counter failed").And.Contain("did not advance"));
    }

    [Test]
    public void A_counter_that_cannot_be_read_gives_the_estimate_with_the_drivers_message()
    {
        var meter = new NvmlEnergyMeter(new SpinningGpu(), new BrokenCounter(), new EstimatedGpuEnergyMeter(100), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50));

        var figure = meter.Energy(TestModels.Tiny, Latency);

        Assert.That(figure.Source, Is.EqualTo(FigureSource.Estimated));
        Assert.That(figure.Method, Does.Contain("NVML stopped answering"));
    }

    private sealed class BrokenCounter : IEnergyCounter
    {
        public string Description => "broken counter";
        public ulong ReadMillijoules() => throw new EnergyCounterException("NVML stopped answering for the fake GPU: GPU is lost");
    }

    [Test]
    public void Without_an_NVIDIA_driver_the_factory_chooses_the_labelled_estimate_and_says_why()
    {
        if (File.Exists("/proc/driver/nvidia/version")) Assert.Ignore("This machine has an NVIDIA driver.");
        var gpu = new SpinningGpu();
        var choice = EnergyMeterFactory.CreateForCuda(gpu, 0);

        Assert.That(choice.Meter.IsEstimate, Is.True);
        Assert.That(choice.Reason, Does.Contain("libnvidia-ml.so.1 cannot be loaded"));
        Assert.That(choice.Meter.Energy(TestModels.Tiny, Latency).Source, Is.EqualTo(FigureSource.Estimated));
    }
}
