namespace ShapeDnn.Cache;

/// <summary>
/// Writes files so that readers see either the old content or the complete new content, never a
/// partial file: write to a temporary file in the same folder, flush to disk, rename over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>
    /// Replaces an existing file's content atomically, keeping its permissions and modification time
    /// (so that an incremental build still sees it as up to date). Renaming rather than writing in
    /// place also means that processes which mapped the old file keep their copy, and that a hard or
    /// symbolic link to another folder (such as the NuGet cache) is replaced, never its target.
    /// </summary>
    public static void Replace(string path, byte[] content)
    {
        var lastWrite = File.GetLastWriteTimeUtc(path);
        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(path);
        Write(path, stream => stream.Write(content), temp =>
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, mode);
            File.SetLastWriteTimeUtc(temp, lastWrite);
        });
    }

    /// <summary>Runs <paramref name="write"/> on a temporary file beside <paramref name="path"/> and renames it over <paramref name="path"/> if it succeeds.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="beforeRename">Adjusts the finished temporary file (by path) before it takes the target's place.</param>
    public static void Write(string path, Action<Stream> write, Action<string>? beforeRename = null)
    {
        var temp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                write(stream);
                // Flush to the device before the rename, so a crash cannot leave a renamed but empty file.
                stream.Flush(flushToDisk: true);
            }
            beforeRename?.Invoke(temp);
            File.Move(temp, Path.GetFullPath(path), overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>A unique temporary name beside <paramref name="path"/>, recognisable as ShapeDnn's own (<c>.name.tmp-…</c>).</summary>
    public static string TempPathFor(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Path.Combine(folder, $".{Path.GetFileName(path)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
    }

    /// <summary>Deletes a file, ignoring a file that is already gone.</summary>
    public static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Removes temporary files left in <paramref name="folder"/> by an interrupted earlier run
    /// (a killed process cannot clean up after itself): those older than <paramref name="olderThan"/>,
    /// and at once those whose writer (the pid in their name) no longer runs.
    /// </summary>
    public static void RemoveStaleTemporaries(string folder, TimeSpan olderThan)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp-*"))
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > olderThan || WriterIsGone(file)) TryDelete(file);
    }

    /// <summary>Whether the process that named <paramref name="temp"/> (<c>.name.tmp-PID-…</c>) has ended.</summary>
    private static bool WriterIsGone(string temp)
    {
        var name = Path.GetFileName(temp);
        var rest = name[(name.LastIndexOf(".tmp-", StringComparison.Ordinal) + 5)..];
        var dash = rest.IndexOf('-');
        if (dash <= 0 || !int.TryParse(rest.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
