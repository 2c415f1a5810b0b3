using System.Diagnostics;
using System.Globalization;
using ShapeDnn.Cli.Arguments;

namespace ShapeDnn.Cli.Training;

/// <summary>
/// The temporary folder <c>shapednn-worker-&lt;parent pid&gt;-&lt;random&gt;</c> that the search makes for
/// one worker (its recipe, a checkpoint to resume from or one written at a stop). Three rules keep
/// weights from piling up in the temp folder: the parent deletes its folder after the worker; a
/// worker whose parent is gone deletes the files it was handed or wrote; and a search deletes the
/// folders of parents that no longer run (killed before they could clean up).
/// </summary>
internal static class WorkerScratchFolder
{
    private const string Prefix = "shapednn-worker-";

    /// <summary>Creates a fresh folder owned by this process.</summary>
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes the folders of processes that no longer run; folders of running processes (this one included) are left alone.</summary>
    public static void RemoveStale()
    {
        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*").ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var folder in folders)
        {
            var rest = Path.GetFileName(folder)[Prefix.Length..];
            int dash = rest.IndexOf('-');
            if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || IsRunning(pid)) continue;
            try { Directory.Delete(folder, recursive: true); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>Worker side: deletes the files named by --recipe, --resume-from, --checkpoint-out and --weights-out, then their folders if empty.</summary>
    public static void RemoveFilesOf(CommandLine line)
    {
        var files = new[] { CliOptions.Recipe, CliOptions.ResumeFrom, CliOptions.CheckpointOut, CliOptions.WeightsOut }.Select(line.Value).OfType<string>().ToList();
        foreach (var file in files)
            try { File.Delete(file); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        foreach (var folder in files.Select(Path.GetDirectoryName).OfType<string>().Distinct())
            try
            {
                if (Path.GetFileName(folder).StartsWith(Prefix, StringComparison.Ordinal) && !Directory.EnumerateFileSystemEntries(folder).Any())
                    Directory.Delete(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
