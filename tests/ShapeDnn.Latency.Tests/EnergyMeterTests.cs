using ShapeDnn.DesignSpace;
using ShapeDnn.Latency.Energy;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Tests;

public sealed class EnergyMeterTests
{
    private static readonly LatencyMeasurement Latency = new(2.0, 1.9, 2.2, 50, 4, "test device");

    [Test]
    public void Estimate_is_assumed_power_times_latency_and_labelled()
    {
        var meter = new EstimatedCpuEnergyMeter(activeThreads: 4);

        var figure = meter.Energy(TestModels.Tiny, Latency);

        Assert.That(meter.IsEstimate, Is.True);
        Assert.That(figure.Source, Is.EqualTo(FigureSource.Estimated));
        Assert.That(figure.Millijoules, Is.EqualTo(5.0 * 4 * 2.0).Within(1e-9)); // 20 W × 2 ms = 40 mJ
        Assert.That(figure.Method, Does.StartWith("estimate:").And.Contain("5 W per busy thread").And.Contain("4 threads").And.Contain("20 W"));
    }

    /// <summary>A fake powercap folder: two package zones (zone 0 close to wrapping) and a core sub-zone that must be ignored.</summary>
    private sealed class FakeSysfs : IDisposable
    {
        public string Root { get; } = Path.Combine(Path.GetTempPath(), "shapednn-rapl-" + Guid.NewGuid().ToString("N"));

        public FakeSysfs()
        {
            Zone("intel-rapl:0", energy: 999_000, max: 1_000_000);
            Zone("intel-rapl:1", energy: 5_000, max: 1_000_000);
            Zone("intel-rapl:0:0", energy: 0, max: 1_000_000);
        }

        public void Zone(string name, long energy, long max)
        {
            Directory.CreateDirectory(Path.Combine(Root, name));
            File.WriteAllText(Path.Combine(Root, name, "max_energy_range_uj"), $"{max}\n");
            Set(name, energy);
        }

        public long Get(string zone) => long.Parse(File.ReadAllText(Path.Combine(Root, zone, "energy_uj")));

        public void Set(string zone, long energy) => File.WriteAllText(Path.Combine(Root, zone, "energy_uj"), $"{energy}\n");

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    /// <summary>Each pass adds 600 µJ to package 0 (wrapping at its maximum), 400 µJ to package 1 and 10⁶ µJ to the sub-zone.</summary>
    private sealed class FakeWorkload(FakeSysfs sysfs) : IInferenceWorkload, IPreparedInference
    {
        public int Passes;

        public IPreparedInference Prepare(NetworkPlan plan, int batchSize) => this;

        public void Run(int passes)
        {
            for (int i = 0; i < passes; i++) RunOne();
        }

        private void RunOne()
        {
            Passes++;
            sysfs.Set("intel-rapl:0", (sysfs.Get("intel-rapl:0") + 600) % 1_000_000);
            sysfs.Set("intel-rapl:1", sysfs.Get("intel-rapl:1") + 400);
            sysfs.Set("intel-rapl:0:0", sysfs.Get("intel-rapl:0:0") + 1_000_000);
        }

        public void Dispose() { }
    }

    [Test]
    public void Rapl_energy_is_the_counter_delta_per_pass_across_a_wrap_around()
    {
        using var sysfs = new FakeSysfs();
        var workload = new FakeWorkload(sysfs);
        var meter = RaplEnergyMeter.TryCreate(workload, out string reason, sysfs.Root, window: TimeSpan.Zero, minRuns: 5);
        Assert.That(meter, Is.Not.Null, reason);

        var figure = meter!.Energy(TestModels.Tiny, Latency);

        // Package 0 went 999000 → 2000 (wrapped): 3000 µJ; package 1 2000 µJ; 5000 µJ / 5 passes = 1 mJ.
        Assert.That(workload.Passes, Is.EqualTo(5));
        Assert.That(sysfs.Get("intel-rapl:0"), Is.EqualTo(2_000), "the fake counter must have wrapped");
        Assert.That(figure.Millijoules, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(figure.Source, Is.EqualTo(FigureSource.Measured));
        Assert.That(meter.IsEstimate, Is.False);
        Assert.That(figure.Method, Does.Contain("RAPL").And.Contain("2 package zone(s)").And.Contain("5 passes"));
    }

    [Test]
    public void Factory_picks_rapl_where_readable()
    {
        using var sysfs = new FakeSysfs();

        var choice = EnergyMeterFactory.Create(new FakeWorkload(sysfs), activeThreads: 2, sysfs.Root);

        Assert.That(choice.Meter, Is.InstanceOf<RaplEnergyMeter>());
        Assert.That(choice.Reason, Does.Contain("intel-rapl:0").And.Contain("intel-rapl:1").And.Not.Contain("intel-rapl:0:0"));
    }

    [Test]
    public void Factory_falls_back_to_the_estimate_and_says_why()
    {
        using var sysfs = new FakeSysfs();
        string missing = Path.Combine(sysfs.Root, "absent");

        var choice = EnergyMeterFactory.Create(new FakeWorkload(sysfs), activeThreads: 2, missing);

        Assert.That(choice.Meter, Is.InstanceOf<EstimatedCpuEnergyMeter>());
        Assert.That(choice.Meter.IsEstimate, Is.True);
        Assert.That(choice.Reason, Does.StartWith("estimated").And.Contain(missing).And.Contain("does not exist"));
    }

    [Test]
    public void Unreadable_counter_falls_back_to_the_estimate()
    {
        using var sysfs = new FakeSysfs();
        File.WriteAllText(Path.Combine(sysfs.Root, "intel-rapl:1", "energy_uj"), "garbage");

        var choice = EnergyMeterFactory.Create(new FakeWorkload(sysfs), activeThreads: 2, sysfs.Root);

        Assert.That(choice.Meter, Is.InstanceOf<EstimatedCpuEnergyMeter>());
        Assert.That(choice.Reason, Does.Contain("not readable"));
    }

    [Test]
    public void Rapl_meter_runs_the_real_profiler_workload()
    {
        // The profiler is the workload RAPL measures in the product; a fake counter keeps the arithmetic checkable.
        using var sysfs = new FakeSysfs();
        var profiler = new OnnxCpuLatencyProfiler(StandInOnnxModel.Build, TestModels.QuickOptions);
        var meter = RaplEnergyMeter.TryCreate(profiler, out _, sysfs.Root, window: TimeSpan.FromMilliseconds(50), minRuns: 3)!;

        var figure = meter.Energy(TestModels.Tiny, Latency);

        Assert.That(figure.Millijoules, Is.EqualTo(0)); // nothing advanced the fake counters
        Assert.That(figure.Method, Does.Contain("passes"));
    }
}
