using System.Diagnostics;

namespace ShapeDnn.Training.Trainer;

/// <summary>Resident memory of this process, native allocations (libtorch) included.</summary>
internal static class ProcessMemory
{
    public static long ResidentBytes()
    {
        // /proc/self/statm: size resident shared ... in pages; cheaper and fresher than Process.WorkingSet64.
        if (OperatingSystem.IsLinux())
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
