using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace ShapeDnn.Build.Tasks;

/// <summary>
/// Runs the worker and hands its output lines, in order of arrival, to the calling thread (MSBuild's
/// logger must be called from the task's own thread). Cancellation sends SIGTERM so the worker
/// stops between batches and exits with 130, leaving only complete cache entries; a worker still
/// running after the grace period is killed. Atomic writes keep outputs whole even then.
/// </summary>
internal static class WorkerProcess
{
    /// <summary>Exit code of a worker that stopped because it was asked to.</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Name of the variable that tells the worker which process to outlive no longer.</summary>
    public const string ParentPidVariable = "SHAPEDNN_PARENT_PID";

    public static int Run(string fileName, IEnumerable<string> arguments, Action<WorkerLine> onLine, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // A build killed outright (kill -9) cannot cancel the worker; the worker watches this process instead.
        start.Environment[ParentPidVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var lines = new BlockingCollection<WorkerLine>();
        using var process = new Process { StartInfo = start };
        int open = 2;
        void Closed()
        {
            if (Interlocked.Decrement(ref open) == 0) lines.CompleteAdding();
        }
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) Closed();
            else lines.Add(WorkerLine.FromStdout(e.Data));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) Closed();
            else lines.Add(WorkerLine.FromStderr(e.Data));
        };

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var stop = cancellationToken.Register(() => Stop(process, gracePeriod));
        foreach (var line in lines.GetConsumingEnumerable()) onLine(line);
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void Stop(Process process, TimeSpan gracePeriod)
    {
        try
        {
            if (process.HasExited) return;
            if (!PosixSignals.Terminate(process.Id))
            {
                process.Kill(entireProcessTree: true);
                return;
            }
            // The grace period runs off the cancelling thread, so MSBuild's cancel call returns at once.
            _ = Task.Run(() =>
            {
                try
                {
                    if (!process.WaitForExit(gracePeriod)) process.Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException) { } // already exited and disposed
            });
        }
        catch (InvalidOperationException) { } // not started or already gone
    }
}
