using System.Diagnostics;
using System.Runtime.InteropServices;
using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>
/// Builds stopped while the worker trains: by Ctrl+C (SIGINT, MSBuild cancels the task, which
/// sends SIGTERM) and by kill -9 (the orphaned worker notices its build is gone). Neither leaves a
/// partial output or a stray temporary file, and the next build succeeds.
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
        // Given: a project whose search will train (a private, empty cache)
        using var project = new TestProject("Interrupted");
        project.Write("<ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>");
        Assert.That(Dotnet.Run(project.Directory, "restore", "-v:q").Succeeded, Is.True);

        // When: the build is interrupted once training has started
        var start = Dotnet.StartInfo(project.Directory, "build", "--no-restore", "-nologo", "-v:n", "-m:1", "-tl:off");
        using var build = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var training = new ManualResetEventSlim();
        build.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.Contains("] training ", StringComparison.Ordinal)) training.Set();
        };
        build.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        build.BeginOutputReadLine();
        build.BeginErrorReadLine();
        bool started = training.Wait(TimeSpan.FromMinutes(3));
        Assert.That(started, Is.True, () => $"training never started:\n{output}");
        Assert.That(Kill(build.Id, signal), Is.EqualTo(0));
        Assert.That(build.WaitForExit(TimeSpan.FromMinutes(1)), Is.True, "the build ends");

        // Then: the worker stops too, and nothing partial is left behind
        Assert.That(WorkerProcesses.WaitUntilGone(project.GeneratedFolder, TimeSpan.FromSeconds(60)), Is.True, "the worker stops");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0));
        var leftovers = Directory.EnumerateFiles(project.GeneratedFolder).Select(Path.GetFileName).Where(f => f != "TinyModel.inputs.txt");
        Assert.That(leftovers, Is.Empty, "no output and no temporary file");
        var cacheTemporaries = Directory.Exists(project.CacheDir)
            ? Directory.EnumerateFiles(project.CacheDir, "*.tmp-*", SearchOption.AllDirectories).ToList() : [];
        if (signal == SigInt) Assert.That(cacheTemporaries, Is.Empty, "a cancelled worker cleans up its cache writes");

        // And when: built again
        var next = project.Build();

        // Then
        Assert.That(next.Succeeded, Is.True, next.ToString());
        Assert.That(project.RunApp().Succeeded, Is.True);
    }
}
