using System.Globalization;

namespace ShapeDnn.Cli.Tests.EndToEnd;

/// <summary>
/// <c>search --parallel 2</c> whose process is killed outright (SIGKILL) while its workers train:
/// the workers must go with it, leave no weights in the temp folder, and the training that had
/// finished must be in the cache, so that the next run trains only the rest.
/// </summary>
[NonParallelizable]
public sealed class ParentKillTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("shapednn-kill-tests-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    // An accuracy every shape reaches, so that no training is stopped early: the search's first round
    // trains the two cheapest shapes at once, and WRN-10-1 finishes while WRN-10-6 (about 30 times the
    // work) is still training.
    private string[] Search(string output) =>
    [
        "search", "--data", ShapeDnnProcess.SampleData, "--constraints", "MinAccuracy=1%", "--goal", "MinimizeSize", "--out", output,
        "--name", "KillModel", "--device", "cpu", "--parallel", "2",
        "--budget", "epochs=3;subset=256;validation=64;test=64;shapes=2", "--design-space", "depths=10;widths=1,6",
    ];

    [Test]
    public void Workers_die_with_a_killed_search_and_the_finished_training_is_cached()
    {
        var cache = Path.Combine(_root, "cache");
        int parentId;
        List<int> workers;
        using (var search = ShapeDnnProcess.Start(cache, Search(Path.Combine(_root, "out1"))))
        {
            parentId = search.Id;
            // Both workers have reported an epoch, and the small shape has finished.
            var small = search.WhenLine(l => l.Contains("WRN-10-1: validation accuracy", StringComparison.Ordinal));
            // Mid-epoch progress, or the end of its first epoch, whichever the log shows first.
            var large = search.WhenLine(l => l.Contains("WRN-10-6  epoch 1/3", StringComparison.Ordinal) || l.Contains("WRN-10-6 epoch 1/3:", StringComparison.Ordinal));
            Assert.That(Task.WhenAll(small, large).Wait(TimeSpan.FromMinutes(5)), Is.True, "the search did not train both shapes at once");
            workers = ChildrenOf(parentId);
            Assert.That(workers, Is.Not.Empty, "the large shape's worker should still be training");

            search.KillHard();
            search.WaitForExit(TimeSpan.FromMinutes(1));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (workers.Any(IsAlive) && DateTime.UtcNow < deadline) Thread.Sleep(100); // polling the pids, bounded
        Assert.That(workers.Where(IsAlive), Is.Empty, "workers outlived their parent");
        var left = Directory.EnumerateDirectories(Path.GetTempPath(), $"shapednn-worker-{parentId.ToString(CultureInfo.InvariantCulture)}-*")
            .Where(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Any()).ToList();
        Assert.That(left, Is.Empty, "a worker folder with files was left in the temp folder");

        var (exit, stdout, stderr) = ShapeDnnProcess.Run(cache, Search(Path.Combine(_root, "out2")));

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Not.Contain("training WRN-10-1"), "the finished training was lost");
        Assert.That(stdout, Does.Match(@"WRN-10-1: validation accuracy .* \(cached\)"));
        Assert.That(stdout, Does.Contain("training WRN-10-6"), "the interrupted training is done now");
    }

    /// <summary>Processes whose parent is <paramref name="parent"/> (from /proc: the field after the command name).</summary>
    private static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent) children.Add(pid);
            }
            catch (IOException) { } // the process ended meanwhile
        }
        return children;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z'; // a zombie has exited
        }
        catch (IOException)
        {
            return false;
        }
    }
}
