using System.Text.Json;
using ShapeDnn.Cli.Tests.EndToEnd;

namespace ShapeDnn.Cli.Tests.Slurm;

/// <summary>
/// Searches through the local Slurm cluster (<c>--executor slurm</c>): an array task killed midway is
/// submitted again and the search finishes with every shape trained once; the pick is the local
/// executor's.
/// </summary>
[NonParallelizable]
public sealed class SlurmSearchTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("sdnn-slurm-search-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    // As ParentKillTests: no shape is stopped early, and WRN-10-6 trains long enough (about 30 times
    // WRN-10-1's work) to be killed between its first epoch and its last.
    internal static string[] Search(string output, string executor, params string[] more) =>
    [
        "search", "--data", ShapeDnnProcess.SampleData, "--constraints", "MinAccuracy=1%", "--goal", "MinimizeSize", "--out", output,
        "--name", "SlurmModel", "--device", "cpu", "--parallel", "2", "--json", "--executor", executor,
        "--budget", "epochs=3;subset=256;validation=64;test=64;shapes=2", "--design-space", "depths=10;widths=1,6", .. more,
    ];

    [Test]
    public void A_task_killed_midway_is_submitted_again_nothing_is_lost_or_trained_twice_and_the_pick_is_the_local_executors()
    {
        var slurm = SlurmCluster.Require();
        var cache = Path.Combine(_root, "cache");
        string stdout, stderr;
        using (var search = ShapeDnnProcess.StartWith(cache, slurm.Environment, Search(Path.Combine(_root, "out-slurm"), "slurm", "--slurm-partition", LocalSlurm.Partition)))
        {
            // WRN-10-6's task has reported its first epoch: kill that array task (as a pre-emption or an operator would).
            var task = WaitForFirstEpoch(cache, "WRN-10-6", search);
            var (cancelled, output) = slurm.Command("scancel", task);
            Assert.That(cancelled, Is.EqualTo(0), output);
            int exit;
            (exit, stdout, stderr) = search.WaitForExit(TimeSpan.FromMinutes(15));
            Assert.That(exit, Is.EqualTo(0), stdout + stderr + slurm.Logs);
            Assert.That(stderr, Does.Contain($"Slurm task {task} ended (CANCELLED) without a result; submitted again"));
        }

        Assert.That(slurm.ActiveJobs(), Is.Empty, "jobs were left queued or running");
        // Nothing trained twice: one training per shape in the search's log and one entry per shape in the cache, each of the whole recipe.
        foreach (var shape in new[] { "WRN-10-1", "WRN-10-6" })
            Assert.That(Count(stderr, $"training {shape} "), Is.EqualTo(1), $"{shape} trained more than once:\n{stderr}");
        var entries = Directory.GetDirectories(Path.Combine(cache, "trained")).Where(d => !Path.GetFileName(d).StartsWith('.')).ToList();
        Assert.That(entries, Has.Count.EqualTo(2));
        foreach (var entry in entries)
        {
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(entry, "metrics.json")));
            Assert.That(metrics.RootElement.GetProperty("epochs").GetArrayLength(), Is.EqualTo(3), entry);
        }
        var slurmReport = Picked(stdout);
        Assert.That(slurmReport.Trained, Is.EqualTo(2), "nothing lost: both shapes in the report");
        Assert.That(Directory.Exists(Path.Combine(cache, "slurm")) ? Directory.GetDirectories(Path.Combine(cache, "slurm")) : [], Is.Empty, "the run's folder is removed");

        // Same seeds, same pick, same accuracies, whichever executor trained.
        var (localExit, localOut, localErr) = ShapeDnnProcess.Run(Path.Combine(_root, "cache-local"), Search(Path.Combine(_root, "out-local"), "local"));
        Assert.That(localExit, Is.EqualTo(0), localOut + localErr);
        var localReport = Picked(localOut);
        Assert.That(slurmReport.Chosen, Is.EqualTo(localReport.Chosen));
        Assert.That(slurmReport.Accuracies, Is.EqualTo(localReport.Accuracies));
    }

    [Test]
    public void A_cancelled_search_cancels_its_tasks_and_leaves_nothing_queued()
    {
        var slurm = SlurmCluster.Require();
        var cache = Path.Combine(_root, "cache");
        using var search = ShapeDnnProcess.StartWith(cache, slurm.Environment, Search(Path.Combine(_root, "out"), "slurm", "--slurm-partition", LocalSlurm.Partition));
        WaitForFirstEpoch(cache, "WRN-10-6", search);
        Assert.That(slurm.Snapshot(), Is.Not.Empty, "the large shape's task should still be running");

        search.Terminate(); // SIGTERM: what Ctrl+C and a cancelled build do
        var (exit, _, stderr) = search.WaitForExit(TimeSpan.FromMinutes(2));

        Assert.That(exit, Is.EqualTo(130), stderr);
        Assert.That(stderr, Does.Contain("SDNN017"));
        Assert.That(slurm.ActiveJobs(), Is.Empty, "tasks were left queued or running");
    }

    /// <summary>
    /// Waits until the array task training <paramref name="shape"/> has written an epoch event to its
    /// channel (the file is the event; it is read until it says so), and returns that task's id.
    /// </summary>
    internal static string WaitForFirstEpoch(string cache, string shape, ShapeDnnProcess search)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var arguments in Directory.Exists(Path.Combine(cache, "slurm"))
                         ? Directory.EnumerateFiles(Path.Combine(cache, "slurm"), "arguments", SearchOption.AllDirectories) : [])
            {
                if (!File.ReadAllLines(arguments).Contains(shape)) continue;
                var taskFolder = Path.GetDirectoryName(arguments)!;
                foreach (var attempt in Directory.EnumerateDirectories(taskFolder, "attempt-*"))
                {
                    var events = Path.Combine(attempt, "events.jsonl");
                    if (File.Exists(events) && File.ReadAllText(events).Contains("\"event\":\"epoch\"", StringComparison.Ordinal))
                        return $"{Path.GetFileName(attempt)["attempt-".Length..]}_{Path.GetFileName(taskFolder)["task-".Length..]}";
                }
            }
            Thread.Sleep(100); // the worker is another process on another "node": its file is the only signal
        }
        search.Dispose();
        Assert.Fail($"{shape}'s task reported no epoch within 10 minutes.");
        return "";
    }

    internal static (string Chosen, int Trained, IReadOnlyList<(string, double)> Accuracies) Picked(string json)
    {
        using var report = JsonDocument.Parse(json);
        var root = report.RootElement;
        var accuracies = root.GetProperty("shapes").EnumerateArray()
            .Where(s => s.TryGetProperty("training", out var t) && t.ValueKind == JsonValueKind.Object)
            .Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("training").GetProperty("validationAccuracy").GetDouble()))
            .OrderBy(s => s.Item1, StringComparer.Ordinal).ToList();
        return (root.GetProperty("chosen").GetProperty("name").GetString()!, root.GetProperty("search").GetProperty("trainedShapes").GetInt32(), accuracies);
    }

    private static int Count(string text, string what) => text.Split('\n').Count(l => l.Contains(what, StringComparison.Ordinal));
}
