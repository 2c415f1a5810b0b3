using System.Text.Json;

namespace ShapeDnn.Cli.Tests.EndToEnd;

/// <summary>
/// Where a training runs changes nothing it computes: the same tiny CPU search trained in process
/// (<c>--parallel 1</c>) and by the local executor's worker processes (<c>--parallel 2</c>), each with a
/// cache of its own, gives the same pick and bit-identical losses and accuracies for every shape both trained.
/// </summary>
[NonParallelizable]
public sealed class ExecutorDeterminismTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("shapednn-executor-tests-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private JsonDocument Search(string name, params string[] placement)
    {
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Path.Combine(_root, name, "cache"),
            ["search", "--data", ShapeDnnProcess.SampleData, "--constraints", "MinAccuracy=1%", "--goal", "MinimizeSize",
             "--out", Path.Combine(_root, name, "out"), "--name", "SameModel", "--device", "cpu", "--json",
             "--budget", "epochs=2;subset=600;validation=100;test=100;shapes=2", "--design-space", "depths=10;widths=1,1.5", .. placement]);
        Assert.That(exit, Is.EqualTo(0), stderr);
        return JsonDocument.Parse(stdout);
    }

    /// <summary>Per trained shape, its epochs' training loss and validation accuracy, and its test accuracy (NaN for a run stopped early).</summary>
    private static Dictionary<string, (double[] Epochs, double Test)> Trained(JsonDocument report) =>
        report.RootElement.GetProperty("shapes").EnumerateArray()
            .Where(s => s.TryGetProperty("training", out var t) && t.ValueKind == JsonValueKind.Object)
            .ToDictionary(s => s.GetProperty("name").GetString()!, s =>
            {
                var training = s.GetProperty("training");
                var epochs = training.GetProperty("epochs").EnumerateArray()
                    .SelectMany(e => new[] { e.GetProperty("trainLoss").GetDouble(), e.GetProperty("validationAccuracy").GetDouble() }).ToArray();
                var test = training.GetProperty("testAccuracy");
                return (epochs, test.ValueKind == JsonValueKind.Number ? test.GetDouble() : double.NaN);
            });

    [Test]
    public void The_same_seeds_give_the_same_results_and_pick_in_process_and_over_the_local_executor()
    {
        using var inProcess = Search("in-process", "--parallel", "1");
        using var workers = Search("workers", "--executor", "local", "--parallel", "2");

        Assert.That(workers.RootElement.GetProperty("devices").GetProperty("training").GetString(), Does.Contain("worker process"), "the second search trained in workers");
        Assert.That(workers.RootElement.GetProperty("chosen").GetProperty("name").GetString(), Is.EqualTo(inProcess.RootElement.GetProperty("chosen").GetProperty("name").GetString()));
        var a = Trained(inProcess);
        var b = Trained(workers);
        var both = a.Keys.Intersect(b.Keys).ToList();
        Assert.That(both, Does.Contain(inProcess.RootElement.GetProperty("chosen").GetProperty("name").GetString()));
        foreach (var shape in both)
        {
            // A run one search stopped early and the other did not agrees on the epochs both trained.
            int common = Math.Min(a[shape].Epochs.Length, b[shape].Epochs.Length);
            Assert.That(common, Is.GreaterThan(0));
            Assert.That(b[shape].Epochs.Take(common), Is.EqualTo(a[shape].Epochs.Take(common)), $"{shape}: per-epoch loss and validation accuracy");
            if (a[shape].Epochs.Length == b[shape].Epochs.Length)
                Assert.That(b[shape].Test, Is.EqualTo(a[shape].Test), $"{shape}: test accuracy");
        }
    }
}
