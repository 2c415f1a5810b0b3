using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace ShapeDnn.Cli.Tests.EndToEnd;

/// <summary>
/// Faults of issue 10 on the real <c>shapednn</c>: two identical searches at once on one cache, and a
/// SIGKILL while the three outputs are being put in place.
/// </summary>
[NonParallelizable]
public partial class FaultTests
{
    private string _root = null!;

    private static readonly string[] Tiny =
        ["--budget", "epochs=2;subset=1500;validation=300;test=300;shapes=2", "--design-space", "depths=10;widths=1,1.5"];

    [SetUp]
    public void CreateRoot() => Directory.CreateDirectory(_root = Path.Combine(Path.GetTempPath(), "shapednn-fault-tests-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string Path_(string name) => Path.Combine(_root, name);

    private static string[] Search(string output) =>
        ["search", "--data", ShapeDnnProcess.SampleData, "--constraints", "MaxParameters=200k; MinAccuracy=25%", "--goal", "MinimizeSize", "--out", output, "--name", "FashionModel", .. Tiny];

    [GeneratedRegex(@"training (WRN-\d+-[\d.]+)")]
    private static partial Regex TrainingLine();

    [Test]
    public void Two_identical_searches_at_once_on_one_cache_train_each_shape_once()
    {
        var cache = Path_("cache");
        using var first = ShapeDnnProcess.Start(cache, Search(Path_("out1")));
        using var second = ShapeDnnProcess.Start(cache, Search(Path_("out2")));
        var a = first.WaitForExit(TimeSpan.FromMinutes(10));
        var b = second.WaitForExit(TimeSpan.FromMinutes(10));

        Assert.That(a.ExitCode, Is.EqualTo(0), a.Stdout + a.Stderr);
        Assert.That(b.ExitCode, Is.EqualTo(0), b.Stdout + b.Stderr);
        using var reportA = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path_("out1"), "FashionModel.report.json")));
        using var reportB = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path_("out2"), "FashionModel.report.json")));
        int FromScratch(JsonDocument r) => r.RootElement.GetProperty("search").GetProperty("trainedFromScratch").GetInt32();
        int Trained(JsonDocument r) => r.RootElement.GetProperty("search").GetProperty("trainedShapes").GetInt32();
        var trainedByEither = TrainingLine().Matches(a.Stdout).Concat(TrainingLine().Matches(b.Stdout)).Select(m => m.Groups[1].Value).ToList();
        TestContext.Out.WriteLine($"trained from scratch: {FromScratch(reportA)} + {FromScratch(reportB)}; console: {string.Join(", ", trainedByEither)}");

        Assert.That(Trained(reportA), Is.EqualTo(Trained(reportB)));
        Assert.That(FromScratch(reportA) + FromScratch(reportB), Is.EqualTo(Trained(reportA)), "each shape trained by one search only");
        Assert.That(trainedByEither, Is.Unique.And.Count.EqualTo(Trained(reportA)));
        string Chosen(JsonDocument r) => r.RootElement.GetProperty("chosen").GetProperty("name").GetString()!;
        Assert.That(Chosen(reportB), Is.EqualTo(Chosen(reportA)));
        Assert.That(File.ReadAllBytes(Path.Combine(Path_("out2"), "FashionModel.onnx")), Is.EqualTo(File.ReadAllBytes(Path.Combine(Path_("out1"), "FashionModel.onnx"))),
            "the same network, whichever search trained it");
    }

    [Test]
    public void A_search_killed_while_its_outputs_are_put_in_place_leaves_none_half_written_and_the_next_run_recovers()
    {
        // Given: outputs of an earlier search in the folder (and its trainings in the cache)
        var cache = Path_("cache");
        var output = Path_("out");
        var earlier = ShapeDnnProcess.Run(cache, Search(output));
        Assert.That(earlier.ExitCode, Is.EqualTo(0), earlier.Stdout + earlier.Stderr);
        var oldCode = File.ReadAllText(Path.Combine(output, "FashionModel.g.cs"));

        // When: the same search is killed (SIGKILL) just after the first output is in place (test-only hook)
        var hook = Directory.CreateDirectory(Path_("hook")).FullName;
        using (var killed = ShapeDnnProcess.StartWith(cache, new Dictionary<string, string> { ["SHAPEDNN_TEST_HOLD_OUTPUTS"] = hook }, Search(output)))
        {
            Assert.That(WaitForFile(Path.Combine(hook, "outputs-held"), TimeSpan.FromMinutes(5)), Is.True, "the search reached its outputs");
            killed.KillNow();
        }

        // Then: every file is whole, old or new, and no report describes files it does not match
        var left = Directory.GetFiles(output).Select(Path.GetFileName).ToList();
        Assert.That(left, Does.Contain("FashionModel.onnx"));
        Assert.That(left, Does.Not.Contain("FashionModel.report.json"), "the old report went first, the new one comes last");
        using (var session = new InferenceSession(Path.Combine(output, "FashionModel.onnx")))
            Assert.That(session.InputMetadata.Keys, Is.EqualTo(new[] { "pixels" }), "the network is whole");
        Assert.That(File.ReadAllText(Path.Combine(output, "FashionModel.g.cs")), Is.EqualTo(oldCode), "the class is the old one, whole");

        // And when: run again
        var next = ShapeDnnProcess.Run(cache, Search(output));

        // Then: all three, nothing trained again, no temporary left
        Assert.That(next.ExitCode, Is.EqualTo(0), next.Stdout + next.Stderr);
        Assert.That(next.Stdout, Does.Not.Contain("training WRN"));
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "FashionModel.g.cs", "FashionModel.onnx", "FashionModel.report.html", "FashionModel.report.json" }));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "FashionModel.report.json")));
        Assert.That(report.RootElement.GetProperty("chosen").GetProperty("name").GetString(), Is.Not.Empty);
    }

    /// <summary>Waits for <paramref name="path"/> to appear (a watcher, plus a check in case it appeared before the watcher started).</summary>
    private static bool WaitForFile(string path, TimeSpan timeout)
    {
        using var appeared = new ManualResetEventSlim();
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path)) { EnableRaisingEvents = true };
        watcher.Created += (_, _) => appeared.Set();
        watcher.Renamed += (_, _) => appeared.Set();
        return File.Exists(path) || appeared.Wait(timeout);
    }
}
