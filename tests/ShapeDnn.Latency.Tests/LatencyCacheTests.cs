using ShapeDnn.Diagnostics;
using ShapeDnn.Latency.Cache;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Tests;

public sealed class LatencyCacheTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Path.Combine(Path.GetTempPath(), "shapednn-latency-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void A_cache_hit_returns_the_same_figure_without_measuring()
    {
        var factory = new TestModels.CountingFactory();
        var profiler = new CachingLatencyProfiler(new OnnxCpuLatencyProfiler(factory.Build, TestModels.QuickOptions), new LatencyCache(_folder));

        var first = profiler.Measure(TestModels.Tiny, 1, CancellationToken.None);
        var second = profiler.Measure(TestModels.Tiny, 1, CancellationToken.None);
        // A new cache object over the same folder: the figure comes from disk, not from memory.
        var third = new CachingLatencyProfiler(new OnnxCpuLatencyProfiler(factory.Build, TestModels.QuickOptions), new LatencyCache(_folder))
            .Measure(TestModels.Tiny, 1, CancellationToken.None);

        Assert.That(factory.Calls, Is.EqualTo(1));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(third, Is.EqualTo(first));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1));
        Assert.That(Directory.GetFiles(_folder, "*.tmp"), Is.Empty);
    }

    [Test]
    public void Another_batch_size_is_another_entry()
    {
        var factory = new TestModels.CountingFactory();
        var profiler = new CachingLatencyProfiler(new OnnxCpuLatencyProfiler(factory.Build, TestModels.QuickOptions), new LatencyCache(_folder));

        profiler.Measure(TestModels.Tiny, 1, CancellationToken.None);
        profiler.Measure(TestModels.Tiny, 2, CancellationToken.None);

        Assert.That(factory.Calls, Is.EqualTo(2));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(2));
    }

    [TestCase("{ not json")]
    [TestCase("")]
    [TestCase("""{"key":"someone else's key","medianMilliseconds":1,"p10Milliseconds":1,"p90Milliseconds":1,"runs":1,"batchSize":1,"device":"x","measuredAt":"2025-01-01T00:00:00Z"}""")]
    public void A_corrupt_entry_is_measured_again_and_replaced(string content)
    {
        var factory = new TestModels.CountingFactory();
        var warnings = new List<ErrorCode>();
        var cache = new LatencyCache(_folder, (code, _) => warnings.Add(code));
        var profiler = new CachingLatencyProfiler(new OnnxCpuLatencyProfiler(factory.Build, TestModels.QuickOptions), cache);
        var key = new LatencyCacheKey(profiler.DeviceFingerprint, TestModels.Tiny.Shape, TestModels.Tiny.Input, 1);
        Directory.CreateDirectory(_folder);
        File.WriteAllText(cache.PathOf(key), content);

        var m = profiler.Measure(TestModels.Tiny, 1, CancellationToken.None);

        Assert.That(factory.Calls, Is.EqualTo(1));
        Assert.That(warnings, Is.EqualTo(new[] { ErrorCode.CorruptCacheEntry }));
        Assert.That(cache.TryGet(key, out var stored), Is.True);
        Assert.That(stored, Is.EqualTo(m));
    }

    [Test]
    public void Keys_differ_by_device_shape_input_and_batch()
    {
        var plan = TestModels.Tiny;
        var key = new LatencyCacheKey("dev", plan.Shape, plan.Input, 1);
        var others = new[]
        {
            key with { DeviceFingerprint = "dev2" },
            key with { Shape = new DesignSpace.Shape(16, 0.25) },
            key with { Input = plan.Input with { Classes = 11 } },
            key with { BatchSize = 8 },
        };

        Assert.That(others.Select(k => k.FileName), Has.None.EqualTo(key.FileName));
        Assert.That(others.Select(k => k.FileName).Distinct().Count(), Is.EqualTo(others.Length));
    }

    [Test]
    public void A_latency_entry_keeps_its_passes_per_sample()
    {
        var cache = new LatencyCache(_folder);
        var key = new LatencyCacheKey("gpu-a", TestModels.Tiny.Shape, TestModels.Tiny.Input, 4);
        var measured = new LatencyMeasurement(0.25, 0.24, 0.27, 120, 4, "fake GPU", FigureSource.Measured, PassesPerSample: 8);

        cache.Store(key, measured);

        Assert.That(cache.TryGet(key, out var read), Is.True);
        Assert.That(read, Is.EqualTo(measured));
        Assert.That(key.Text, Does.StartWith($"v{LatencyCacheKey.MethodVersion}|"), "the method version is part of every key");
    }
}

/// <summary>A figure too noisy to trust is used in its run but never cached as if sound.</summary>
public sealed class UnreliableLatencyCacheTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Path.Combine(Path.GetTempPath(), "shapednn-latency-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private sealed class BusyMachineProfiler : ILatencyProfiler
    {
        public int Calls { get; private set; }
        public string DeviceFingerprint => "busy";
        public string DeviceDescription => "busy cpu";
        public LatencyMeasurement Measure(DesignSpace.NetworkPlan plan, int batchSize, CancellationToken cancellationToken)
        {
            Calls++;
            return new LatencyMeasurement(0.381, 0.2, 4.27, 40, batchSize, "busy cpu");
        }
    }

    [Test]
    public void An_unreliable_figure_is_not_cached_and_the_next_run_measures_again()
    {
        var inner = new BusyMachineProfiler();
        ILatencyProfiler Profiler() => new CachingLatencyProfiler(new NoiseCheckedLatencyProfiler(inner, null), new LatencyCache(_folder));

        var first = Profiler().Measure(TestModels.Tiny, 1, CancellationToken.None);
        var second = Profiler().Measure(TestModels.Tiny, 1, CancellationToken.None);

        Assert.That(first.Unreliable && second.Unreliable, Is.True);
        Assert.That(inner.Calls, Is.EqualTo(2 * NoiseCheckedLatencyProfiler.Attempts), "measured again in the next run, not read back");
        Assert.That(Directory.Exists(_folder) ? Directory.GetFiles(_folder) : [], Is.Empty);
    }
}
