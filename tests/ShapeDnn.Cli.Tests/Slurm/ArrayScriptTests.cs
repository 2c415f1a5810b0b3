using System.Diagnostics;
using ShapeDnn.Cli.Execution.Slurm;

namespace ShapeDnn.Cli.Tests.Slurm;

/// <summary>The array script, run by bash as Slurm would run it for one task (no cluster needed).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ArrayScriptTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("sdnn-array-script-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static SlurmSettings Settings(string? setup = null) =>
        new("gpu", "proj", "high", "1:00:00", 1, 8, ["--mem=16G"], setup, 2, TimeSpan.FromMinutes(5));

    [Test]
    public void The_script_asks_for_the_resources_of_the_settings()
    {
        var script = ArrayScript.Generate(_folder, "shapednn-train", Settings(), ["/opt/shapednn/shapednn"]);
        Assert.That(script.Split('\n').Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)), Is.SupersetOf(new[]
        {
            "#SBATCH --partition=gpu", "#SBATCH --account=proj", "#SBATCH --qos=high", "#SBATCH --time=1:00:00",
            "#SBATCH --gpus-per-task=1", "#SBATCH --cpus-per-task=8", "#SBATCH --mem=16G",
        }));
    }

    [Test]
    public void Each_task_runs_the_worker_with_its_own_arguments_and_channel_folder_after_the_setup_script()
    {
        var run = Path.Combine(_folder, "run with 'quotes'");
        var worker = Path.Combine(_folder, "worker.sh");
        File.WriteAllText(worker, "#!/bin/bash\nprintf '%s\\n' \"$SETUP_RAN\" \"$@\"\n");
        File.SetUnixFileMode(worker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var setup = Path.Combine(_folder, "setup.sh");
        File.WriteAllText(setup, "export SETUP_RAN=yes\n");
        Directory.CreateDirectory(ArrayScript.TaskFolder(run, 1));
        File.WriteAllLines(ArrayScript.ArgumentsFile(run, 1), ["train", "--shape", "WRN-10-1", "an argument with spaces"]);
        var script = Path.Combine(_folder, "array.sh");
        File.WriteAllText(script, ArrayScript.Generate(run, "t", Settings(setup), [worker]));

        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        info.Environment["SLURM_ARRAY_TASK_ID"] = "1";
        info.Environment["SLURM_ARRAY_JOB_ID"] = "77";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();

        Assert.That(process.ExitCode, Is.EqualTo(0), stderr.Result);
        Assert.That(lines, Is.EqualTo(new[]
        {
            "yes", "train", "--shape", "WRN-10-1", "an argument with spaces", "--channel-folder", ArrayScript.AttemptFolder(run, 1, "77"),
        }));
        Assert.That(Directory.Exists(ArrayScript.AttemptFolder(run, 1, "77")), Is.True, "the attempt's channel folder is created before the worker starts");
    }

    [Test]
    public void A_failing_setup_script_ends_the_task_with_its_own_message()
    {
        var setup = Path.Combine(_folder, "setup.sh");
        File.WriteAllText(setup, "false\n");
        Directory.CreateDirectory(ArrayScript.TaskFolder(_folder, 0));
        File.WriteAllLines(ArrayScript.ArgumentsFile(_folder, 0), ["train"]);
        var script = Path.Combine(_folder, "array.sh");
        File.WriteAllText(script, ArrayScript.Generate(_folder, "t", Settings(setup), ["/bin/true"]));
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true };
        info.ArgumentList.Add(script);
        info.Environment["SLURM_ARRAY_TASK_ID"] = "0";
        info.Environment["SLURM_ARRAY_JOB_ID"] = "5";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(ArrayScript.SetupFailedExit));
        Assert.That(stderr, Does.Contain("the node set-up script").And.Contain("failed"));
    }

    [TestCase("PREEMPTED", "0:0", null, true)]
    [TestCase("CANCELLED", "0:15", null, true)]
    [TestCase("NODE_FAIL", "0:0", null, true)]
    [TestCase("FAILED", "0:9", 137, true)]
    [TestCase("FAILED", "130:0", 130, true)]
    [TestCase("FAILED", "1:0", 1, false)]
    [TestCase("TIMEOUT", "0:0", 0, false)]
    [TestCase("OUT_OF_MEMORY", "0:0", 0, false)]
    public void Only_tasks_ended_from_outside_the_worker_are_resubmitted(string state, string detail, int? exit, bool again) =>
        Assert.That(TaskEnding.FromOutside(new SlurmTaskState("1_0", state, detail), exit), Is.EqualTo(again));
}
