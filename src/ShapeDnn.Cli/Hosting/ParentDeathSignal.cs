using System.Runtime.InteropServices;

namespace ShapeDnn.Cli.Hosting;

/// <summary>
/// Linux: asks the kernel to send SIGTERM to this process when its parent dies
/// (<c>prctl(PR_SET_PDEATHSIG)</c>), a second lifeline beside the stdin pipe of
/// <see cref="Training.WorkerChannel"/> that needs no thread. A no-op elsewhere.
/// </summary>
/// <remarks>
/// The signal follows the parent <em>thread</em> that started the process; the search starts
/// workers from threads that wait for them, so it fires only when the parent really goes.
/// SIGTERM takes the process's ordinary cancellation path (exit 130, nothing half-written).
/// </remarks>
internal static class ParentDeathSignal
{
    private const int PrSetPdeathsig = 1;
    private const int Sigterm = 15;

    /// <summary>Arms the signal; true when it is set (Linux), false elsewhere or when the call fails.</summary>
    public static bool Arm()
    {
        if (!OperatingSystem.IsLinux()) return false;
        return prctl(PrSetPdeathsig, Sigterm, 0, 0, 0) == 0;
    }

    // DllImport, not LibraryImport: blittable arguments need no generated marshalling, and this project allows no unsafe code.
    [DllImport("libc", SetLastError = true)]
    private static extern int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
