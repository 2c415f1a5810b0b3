using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Latency.Cache;
using ShapeDnn.Latency.Energy;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Tests;

public sealed class EnergyCacheTests
{
    private static readonly LatencyMeasurement Latency = new(2.0, 1.9, 2.2, 50, 4, "test GPU", PassesPerSample: 3);
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Path.Combine(Path.GetTempPath(), "shapednn-energy-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A counter-based meter that counts its measurements; each gives a new figure, so a cached one is recognisable.</summary>
    private sealed class CountingMeter(FigureSource source = FigureSource.Measured, string method = "nvml-total-energy/v2;fake GPU") : IMeasuringEnergyMeter
    {
        public int Calls;
        public bool IsEstimate => false;
        public string MethodFingerprint => method;

        public EnergyFigure Energy(NetworkPlan plan, LatencyMeasurement latency)
        {
            Calls++;
            return new EnergyFigure(100 + Calls, source, $"measured: fake counter, call {Calls}");
        }
    }

    [Test]
    public void A_measured_figure_is_reused_across_runs_without_measuring()
    {
        var meter = new CountingMeter();

        var first = new CachingEnergyMeter(meter, new EnergyCache(_folder), "gpu-a").Energy(TestModels.Tiny, Latency);
        // A new cache object over the same folder: the figure comes from disk, as in the next build.
        var second = new CachingEnergyMeter(meter, new EnergyCache(_folder), "gpu-a").Energy(TestModels.Tiny, Latency);

        Assert.That(meter.Calls, Is.EqualTo(1));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(second.Source, Is.EqualTo(FigureSource.Measured));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1), "one entry, no temporary file left");
    }

    [Test]
    public void Another_device_counter_method_shape_or_batch_size_is_measured_again()
    {
        var meter = new CountingMeter();
        var cache = new EnergyCache(_folder);
        new CachingEnergyMeter(meter, cache, "gpu-a").Energy(TestModels.Tiny, Latency);

        new CachingEnergyMeter(meter, cache, "gpu-b").Energy(TestModels.Tiny, Latency);
        new CachingEnergyMeter(new CountingMeter(method: "nvml-total-energy/v3;fake GPU"), cache, "gpu-a").Energy(TestModels.Tiny, Latency);
        new CachingEnergyMeter(meter, cache, "gpu-a").Energy(TestModels.Large, Latency);
        new CachingEnergyMeter(meter, cache, "gpu-a").Energy(TestModels.Tiny, Latency with { BatchSize = 8 });

        Assert.That(meter.Calls, Is.EqualTo(4));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(5));
    }

    [Test]
    public void An_estimate_after_a_counter_failure_is_not_cached()
    {
        var meter = new CountingMeter(FigureSource.Estimated);
        var caching = new CachingEnergyMeter(meter, new EnergyCache(_folder), "gpu-a");

        var first = caching.Energy(TestModels.Tiny, Latency);
        caching.Energy(TestModels.Tiny, Latency);

        Assert.That(first.Source, Is.EqualTo(FigureSource.Estimated));
        Assert.That(meter.Calls, Is.EqualTo(2), "the counter is tried again next time");
        Assert.That(Directory.Exists(_folder) ? Directory.GetFiles(_folder) : [], Is.Empty);
    }

    [TestCase("{ not json")]
    [TestCase("")]
    [TestCase("""{"key":"someone else's key","millijoules":1,"method":"m","measuredAt":"2025-01-01T00:00:00Z"}""")]
    [TestCase("""{"key":"KEY","millijoules":-5,"method":"m","measuredAt":"2025-01-01T00:00:00Z"}""")]
    [TestCase("""{"key":"KEY","millijoules":5,"method":"","measuredAt":"2025-01-01T00:00:00Z"}""")]
    public void A_corrupt_entry_is_measured_again_and_replaced(string content)
    {
        var meter = new CountingMeter();
        var warnings = new List<ErrorCode>();
        var cache = new EnergyCache(_folder, (code, _) => warnings.Add(code));
        var key = new EnergyCacheKey("gpu-a", meter.MethodFingerprint, TestModels.Tiny.Shape, TestModels.Tiny.Input, Latency.BatchSize);
        Directory.CreateDirectory(_folder);
        File.WriteAllText(cache.PathOf(key), content.Replace("KEY", key.Text.Replace("\\", "\\\\").Replace("\"", "\\\""), StringComparison.Ordinal));

        var figure = new CachingEnergyMeter(meter, cache, "gpu-a").Energy(TestModels.Tiny, Latency);

        Assert.That(meter.Calls, Is.EqualTo(1));
        Assert.That(warnings, Is.EqualTo(new[] { ErrorCode.CorruptCacheEntry }));
        Assert.That(cache.TryGet(key, out var stored), Is.True);
        Assert.That(stored, Is.EqualTo(figure));
    }

    [Test]
    public void Only_measured_figures_can_be_stored()
    {
        var key = new EnergyCacheKey("gpu-a", "m", TestModels.Tiny.Shape, TestModels.Tiny.Input, 1);

        Assert.Throws<ArgumentException>(() => new EnergyCache(_folder).Store(key, new EnergyFigure(1, FigureSource.Estimated, "estimate")));
    }
}
