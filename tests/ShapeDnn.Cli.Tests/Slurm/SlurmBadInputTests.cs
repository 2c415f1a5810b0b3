using ShapeDnn.Cli.Tests.EndToEnd;

namespace ShapeDnn.Cli.Tests.Slurm;

/// <summary>
/// What goes wrong with <c>--executor slurm</c>, each a clear SDNN error before any training, and nothing
/// left in the queue: Slurm missing, a partition Slurm does not know, a job that never starts, a node
/// without the worker bundle, a cache folder the nodes do not see.
/// </summary>
[NonParallelizable]
public sealed class SlurmBadInputTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("sdnn-slurm-bad-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private (int Exit, string Stdout, string Stderr) Search(IReadOnlyDictionary<string, string> environment, params string[] slurmOptions)
    {
        using var search = ShapeDnnProcess.StartWith(Path.Combine(_root, "cache"), environment, SlurmSearchTests.Search(Path.Combine(_root, "out"), "slurm", slurmOptions));
        return search.WaitForExit(TimeSpan.FromMinutes(5));
    }

    [Test]
    public void Without_sbatch_the_search_says_that_slurm_is_missing()
    {
        var (exit, _, stderr) = Search(new Dictionary<string, string> { ["PATH"] = Path.Combine(_root, "no-slurm-here") });
        Assert.That(exit, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("SDNN028: 'sbatch' cannot be run"));
    }

    [Test]
    public void An_unknown_partition_is_slurms_own_refusal_quoted()
    {
        var slurm = SlurmCluster.Require();
        var (exit, _, stderr) = Search(slurm.Environment, "--slurm-partition", "no-such-partition");
        Assert.That(exit, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("SDNN028: sbatch refused the job: ").And.Contain("invalid partition"));
        Assert.That(slurm.ActiveJobs(), Is.Empty);
    }

    [Test]
    public void A_job_that_never_starts_times_out_naming_its_tasks_and_is_cancelled()
    {
        var slurm = SlurmCluster.Require();
        var (exit, _, stderr) = Search(slurm.Environment, "--slurm-sbatch-args", "--begin=now+1hour", "--slurm-pending-timeout", "5");
        Assert.That(exit, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Match(@"SDNN029: Slurm did not start \d+_0 PENDING \(BeginTime\) within [0-9.]+ s; all were cancelled"));
        Assert.That(slurm.ActiveJobs(), Is.Empty);
    }

    [Test]
    public void A_node_without_the_worker_bundle_fails_with_the_tasks_own_error()
    {
        var slurm = SlurmCluster.Require();
        var (exit, _, stderr) = Search(slurm.Environment, "--slurm-worker", "/nonexistent/shapednn");
        Assert.That(exit, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("SDNN030: The probe task").And.Contain("/nonexistent/shapednn").And.Contain("No such file or directory"));
        Assert.That(slurm.ActiveJobs(), Is.Empty);
    }

    [Test]
    public void A_cache_folder_the_nodes_do_not_see_is_found_before_any_training_is_submitted()
    {
        var slurm = SlurmCluster.Require();
        // The "node" runs the task in a mount namespace where the cache folder is an empty tmpfs, as a node without the shared file system would.
        var cache = Path.Combine(_root, "cache");
        Directory.CreateDirectory(cache);
        var setup = Path.Combine(_root, "hide-cache.sh");
        File.WriteAllText(setup,
            "if [ -z \"${SDNN_HIDDEN:-}\" ]; then export SDNN_HIDDEN=1; " +
            $"exec unshare --mount --propagation private /bin/bash -c 'mount -t tmpfs tmpfs \"$1\" && exec /bin/bash \"$2\"' hide '{cache}' \"$0\"; fi\n");
        var (exit, _, stderr) = Search(slurm.Environment, "--slurm-setup", setup);
        Assert.That(exit, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("SDNN031: The probe task").And.Contain("do not see the search's folders"));
        Assert.That(slurm.ActiveJobs(), Is.Empty);
    }
}
