using ShapeDnn.Cli.Execution.Slurm;

namespace ShapeDnn.Cli.Tests.Slurm;

/// <summary>The test cluster itself: it runs a job array, and squeue reports every task's end (what the executor relies on without slurmdbd).</summary>
[NonParallelizable]
public sealed class LocalSlurmTests
{
    [Test]
    public void The_local_cluster_runs_an_array_and_reports_each_task()
    {
        var slurm = SlurmCluster.Require();
        var folder = Directory.CreateTempSubdirectory("sdnn-slurm-array-").FullName;
        try
        {
            var script = Path.Combine(folder, "job.sh");
            File.WriteAllText(script, "#!/bin/bash\nif [ \"$SLURM_ARRAY_TASK_ID\" = 1 ]; then exit 3; fi\necho done > \"$0.$SLURM_ARRAY_TASK_ID\"\n");
            var (exit, output) = slurm.Command("sbatch", "--parsable", "--array=0-1", $"--output={folder}/out-%a", script);
            Assert.That(exit, Is.EqualTo(0), output);
            var job = SlurmOutput.JobId(output)!;

            IReadOnlyList<SlurmTaskState> tasks;
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            do
            {
                Thread.Sleep(200); // the scheduler is another process: its answer is the event
                tasks = SlurmOutput.SqueueTasks(slurm.Command("squeue", "-h", "-r", "--states=all", "-j", job, "-o", "%i|%T|%r").Output, job);
            } while ((tasks.Count < 2 || tasks.Any(t => t.Phase is SlurmTaskPhase.Waiting or SlurmTaskPhase.Running)) && DateTime.UtcNow < deadline);

            Assert.That(tasks.OrderBy(t => t.TaskId).Select(t => (t.TaskId, t.State)),
                Is.EqualTo(new[] { ($"{job}_0", "COMPLETED"), ($"{job}_1", "FAILED") }), slurm.Logs);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
