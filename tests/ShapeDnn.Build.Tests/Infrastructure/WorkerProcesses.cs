namespace ShapeDnn.Build.Tests.Infrastructure;

/// <summary>Finds worker processes by a path on their command line (Linux /proc).</summary>
internal static class WorkerProcesses
{
    public static IReadOnlyList<int> WithArgument(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out int pid) ? pid : -1)
            .Where(pid => pid > 0 && CommandLine(pid).Contains(text, StringComparison.Ordinal) && CommandLine(pid).Contains("shapednn.dll", StringComparison.Ordinal))
            .ToList();

    /// <summary>Waits, polling, until no such process is left; false after <paramref name="timeout"/>.</summary>
    public static bool WaitUntilGone(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (WithArgument(text).Count > 0)
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(100); // polling a condition, not waiting for time to pass
        }
        return true;
    }

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
