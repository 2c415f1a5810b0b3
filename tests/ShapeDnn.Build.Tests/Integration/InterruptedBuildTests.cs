using System.Diagnostics;
using System.Runtime.InteropServices;
using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>
/// Builds stopped while the worker trains: by Ctrl+C (SIGINT, MSBuild cancels the task, which
/// sends SIGTERM) and by kill -9 (the orphaned worker notices its build is gone). Neither leaves a
/// partial output, a stray temporary file or a worker behind; the training that finished stays
/// cached and the next build resumes from it. The interrupt never races the training: the test-only
/// hook <c>SHAPEDNN_TEST_HOLD_TRAINING</c> keeps the second training running until the interrupt comes.
/// </summary>
[TestFixture, NonParallelizable]
public sealed partial class InterruptedBuildTests
{
    private const int SigInt = 2, SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [TestCase(SigInt, TestName = "Should_stop_the_worker_cleanly_on_Ctrl_C_and_build_next_time")]
    [TestCase(SigKill, TestName = "Should_leave_no_half_written_outputs_when_the_build_is_killed_and_build_next_time")]
    public void Interrupt_during_training(int signal)
    {
        // Given: a project whose search trains two shapes (a private, empty cache): MaximizeAccuracy starts from the
        // large shape cheapest to train (WRN-16-1) and then trains one it does not bound (wider), within a ceiling of two.
        using var project = new TestProject("Interrupted");
        project.Write("""
            <ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>
            <ShapeDnnGoal>MaximizeAccuracy</ShapeDnnGoal>
            <ShapeDnnDesignSpace>depths=10,16;widths=1,1.5</ShapeDnnDesignSpace>
            """);
        Assert.That(Dotnet.Run(project.Directory, "restore", "-v:q").Succeeded, Is.True);
        var hook = System.IO.Directory.CreateDirectory(Path.Combine(project.Directory, "hook")).FullName;
        var held = Path.Combine(hook, "training-held");

        // When: the build is interrupted while the second shape trains (the first has finished)
        var start = Dotnet.StartInfo(project.Directory, "build", "--no-restore", "-nologo", "-v:n", "-m:1", "-tl:off");
        start.Environment["SHAPEDNN_TEST_HOLD_TRAINING"] = hook;
        // Tests started from a background shell (`nohup … &`, a non-interactive `cmd &`) inherit SIGINT ignored, and .NET keeps an
        // inherited SIG_IGN, so the build would never see the Ctrl+C this test sends (it hung, with no cancellation line, whenever
        // .ci/run was started that way). env resets SIGINT to its default for the build alone; it execs, so the pid stays the build's.
        if (OperatingSystem.IsLinux())
        {
            start.ArgumentList.Insert(0, start.FileName);
            start.ArgumentList.Insert(0, "--default-signal=INT");
            start.FileName = "env";
        }
        using var build = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        build.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        build.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        build.BeginOutputReadLine();
        build.BeginErrorReadLine();
        Assert.That(WaitForFile(held, TimeSpan.FromMinutes(5)), Is.True, () => $"the second training never started:\n{output}");
        int worker = int.Parse(File.ReadAllText(held).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(Kill(build.Id, signal), Is.EqualTo(0));
        // A guard, not a pace: the build ends within seconds of the signal; if not, its own output says where it was.
        Assert.That(build.WaitForExit(TimeSpan.FromMinutes(1)), Is.True, () => $"the build ends:\n{output}");

        // Then: the worker exits too, and nothing partial is left behind
        Assert.That(WaitForExit(worker, TimeSpan.FromSeconds(60)), Is.True, $"the worker (pid {worker}) stops");
        Assert.That(WorkerProcesses.WithArgument(project.GeneratedFolder), Is.Empty, "no other worker is left");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0));
        var leftovers = System.IO.Directory.EnumerateFiles(project.GeneratedFolder).Select(Path.GetFileName).Where(f => f != "TinyModel.inputs.txt");
        Assert.That(leftovers, Is.Empty, "no output and no temporary file");
        var cacheTemporaries = System.IO.Directory.EnumerateFiles(project.CacheDir, "*.tmp-*", SearchOption.AllDirectories).ToList();
        if (signal == SigInt) Assert.That(cacheTemporaries, Is.Empty, "a cancelled worker cleans up its cache writes");
        Assert.That(TrainedEntries(project), Has.Count.EqualTo(1), "the training that finished is cached");

        // And when: built again
        var next = project.Build();

        // Then: it resumes, training only the shape that was interrupted
        Assert.That(next.Succeeded, Is.True, next.ToString());
        Assert.That(next.Output.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"TinyModel: shape \d+ of \d+: training ")), Is.EqualTo(1), next.ToString());
        Assert.That(TrainedEntries(project), Has.Count.EqualTo(2));
        Assert.That(project.RunApp().Succeeded, Is.True);
    }

    private static List<string> TrainedEntries(TestProject project)
    {
        var trained = Path.Combine(project.CacheDir, "trained");
        return System.IO.Directory.Exists(trained) ? System.IO.Directory.EnumerateDirectories(trained).Where(d => !Path.GetFileName(d).StartsWith('.')).ToList() : [];
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

    /// <summary>Waits on the exit of process <paramref name="pid"/>; true when it is gone.</summary>
    private static bool WaitForExit(int pid, TimeSpan timeout)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WaitForExit(timeout);
        }
        catch (ArgumentException)
        {
            return true; // already gone
        }
    }
}
