using System.Diagnostics;
using System.Globalization;

namespace ShapeDnn.Cli.Hosting;

/// <summary>
/// Cancels the run when the process that started the worker disappears. The MSBuild task sets
/// <c>SHAPEDNN_PARENT_PID</c>: a build that is killed outright (kill -9, a closed IDE) cannot send
/// SIGTERM, and an orphaned worker would otherwise train on for minutes and race the next build.
/// Cancelling takes the same clean path as Ctrl+C: complete cache entries only, no outputs.
/// </summary>
internal static class ParentProcessWatch
{
    /// <summary>Name of the variable holding the parent's process id.</summary>
    public const string Variable = "SHAPEDNN_PARENT_PID";

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>Starts watching if the variable is set; the returned timer must live as long as the run.</summary>
    public static IDisposable? Start(CancellationTokenSource cancellation)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid) || pid <= 0)
            return null;
        DateTime? started = StartTime(pid);
        if (started is null)
        {
            cancellation.Cancel();
            return null;
        }
        return new Timer(_ =>
        {
            // A recycled pid belongs to a process with another start time.
            if (StartTime(pid) != started) cancellation.Cancel();
        }, null, Interval, Interval);
    }

    private static DateTime? StartTime(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
