using ShapeDnn.Cache;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Tensors;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Cache;

public class TrainedShapeCacheTests
{
    private string _root = null!;
    private readonly List<string> _warnings = [];
    private static readonly NetworkPlan Plan = WideResNetPlanner.Plan(new Shape(10, 1), new InputShape(1, 12, 12, 3));

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "shapednn-cache-test-" + Guid.NewGuid().ToString("N"));
        _warnings.Clear();
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private TrainedShapeCache Cache() => new(_root, _warnings.Add);

    private static CachedTraining Metrics() => new("WRN-10-1", 0.91, 0.9, [new EpochStatistics(1, 0.5, 0.91, 2.0, 1000)], 2.0, 500, "cpu", "test", DateTime.UtcNow);

    [Test]
    public void Should_return_what_was_stored()
    {
        var weights = RandomWeights.Create(Plan, 1);
        Cache().Store("k1", Metrics(), weights);

        var metrics = Cache().TryGetMetrics("k1");
        var back = Cache().TryGetWeights("k1", Plan);

        Assert.That(metrics!.ValidationAccuracy, Is.EqualTo(0.91));
        Assert.That(back!.Select(w => w.Data), Is.EqualTo(weights.Select(w => w.Data)));
        Assert.That(_warnings, Is.Empty);
    }

    [Test]
    public void Should_miss_for_an_unknown_key() => Assert.That(Cache().TryGetMetrics("nope"), Is.Null);

    [Test]
    public void Should_discard_an_entry_with_corrupt_weights_and_say_so()
    {
        Cache().Store("k2", Metrics(), RandomWeights.Create(Plan, 1));
        var weightsPath = Directory.GetFiles(Path.Combine(_root, "trained", "k2"), "*.sdnt").Single();
        var bytes = File.ReadAllBytes(weightsPath);
        bytes[100] ^= 0xFF;
        File.WriteAllBytes(weightsPath, bytes);

        Assert.That(Cache().TryGetWeights("k2", Plan), Is.Null);
        Assert.That(_warnings.Single(), Does.StartWith("SDNN016: "));
        Assert.That(Cache().TryGetMetrics("k2"), Is.Null, "the corrupt entry is gone, so the shape is retrained");
    }

    [Test]
    public void Should_discard_an_entry_with_unreadable_metrics()
    {
        Cache().Store("k3", Metrics(), RandomWeights.Create(Plan, 1));
        File.WriteAllText(Path.Combine(_root, "trained", "k3", "metrics.json"), "{ truncated");
        Assert.That(Cache().TryGetMetrics("k3"), Is.Null);
        Assert.That(_warnings, Has.Count.EqualTo(1));
    }

    [Test]
    public void Should_reject_weights_of_another_shape()
    {
        Cache().Store("k4", Metrics(), RandomWeights.Create(Plan, 1));
        var other = WideResNetPlanner.Plan(new Shape(10, 2), new InputShape(1, 12, 12, 3));
        Assert.That(Cache().TryGetWeights("k4", other), Is.Null);
    }

    [Test]
    public void Should_leave_no_temporary_folder_behind()
    {
        Cache().Store("k5", Metrics(), RandomWeights.Create(Plan, 1));
        Assert.That(Directory.GetDirectories(Path.Combine(_root, "trained")).Select(Path.GetFileName), Is.EqualTo(new[] { "k5" }));
    }

    [Test]
    public void Should_write_files_atomically_leaving_no_temporary_file()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "model.onnx");
        File.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "new content");
        Assert.That(File.ReadAllText(path), Is.EqualTo("new content"));
        Assert.That(Directory.GetFiles(_root), Has.Length.EqualTo(1));
    }
}
