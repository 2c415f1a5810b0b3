using System.Runtime.InteropServices;

namespace ShapeDnn.Build.Tasks;

/// <summary>
/// The two libc calls the task needs on Unix: <c>kill</c>, to ask the worker to stop cleanly
/// (SIGTERM makes it exit with 130 after its cache writes are complete; Process.Kill would send
/// SIGKILL), and <c>link</c>, to materialise the worker beside libtorch without copying 500 MB.
/// </summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM to <paramref name="pid"/>; false where that is impossible (Windows, process gone).</summary>
    public static bool Terminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    /// <summary>Creates a hard link; false when the file system refuses (other device, no support).</summary>
    public static bool TryHardLink(string existing, string link) => !OperatingSystem.IsWindows() && Link(existing, link) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Link(string existing, string link);
}
