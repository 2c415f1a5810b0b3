using ShapeDnn.Cli.Execution.Slurm;

namespace ShapeDnn.Cli.Tests.Slurm;

/// <summary>What the executor reads from sbatch, sacct and squeue (examples of Slurm 22.05's output).</summary>
public sealed class SlurmOutputTests
{
    [TestCase("123\n", "123")]
    [TestCase("4567;cluster-a\n", "4567")]
    [TestCase("sbatch: warning: something\n89\n", "89")]
    [TestCase("", null)]
    public void The_job_id_of_sbatch_parsable(string output, string? id) => Assert.That(SlurmOutput.JobId(output), Is.EqualTo(id));

    [Test]
    public void Sacct_rows_are_read_per_task_and_folded_pending_rows_expanded()
    {
        const string output = """
            12_0|COMPLETED|0:0|None
            12_0.batch|COMPLETED|0:0|
            12_1|CANCELLED by 0|0:15|None
            12_[2-4,7%2]|PENDING|0:0|Resources
            13_0|RUNNING|0:0|None
            """;
        var tasks = SlurmOutput.SacctTasks(output, "12");
        Assert.That(tasks.Select(t => t.TaskId), Is.EqualTo(new[] { "12_0", "12_1", "12_2", "12_3", "12_4", "12_7" }));
        Assert.That(tasks.Select(t => t.Phase), Is.EqualTo(new[]
        {
            SlurmTaskPhase.Completed, SlurmTaskPhase.Ended, SlurmTaskPhase.Waiting, SlurmTaskPhase.Waiting, SlurmTaskPhase.Waiting, SlurmTaskPhase.Waiting,
        }));
        Assert.That(tasks[1].State, Is.EqualTo("CANCELLED"));
        Assert.That(tasks[2].Detail, Is.EqualTo("Resources"), "a pending task's reason, not its exit code");
        Assert.That(tasks[1].Detail, Is.EqualTo("0:15"), "an ended task's exit code");
    }

    [Test]
    public void Squeue_rows_are_read_per_task()
    {
        var tasks = SlurmOutput.SqueueTasks("5_0|RUNNING|None\n5_1|PREEMPTED|None\n5_2|NODE_FAIL|None\n5_3|REQUEUED|BeginTime\n", "5");
        Assert.That(tasks.Select(t => t.Phase), Is.EqualTo(new[] { SlurmTaskPhase.Running, SlurmTaskPhase.Ended, SlurmTaskPhase.Ended, SlurmTaskPhase.Waiting }));
    }

    [Test]
    public void Sacct_without_slurmdbd_is_recognised() =>
        Assert.That(SlurmOutput.AccountingDisabled("Slurm accounting storage is disabled\n"), Is.True);

    [Test]
    public void The_poll_interval_doubles_while_nothing_changes_and_starts_over_after_a_change()
    {
        var schedule = new PollSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        var seconds = Enumerable.Range(0, 5).Select(_ => schedule.Next().TotalSeconds).ToList();
        Assert.That(seconds, Is.EqualTo(new[] { 1.0, 2, 4, 5, 5 }));
        schedule.Changed();
        Assert.That(schedule.Next(), Is.EqualTo(TimeSpan.FromSeconds(1)));
    }
}
