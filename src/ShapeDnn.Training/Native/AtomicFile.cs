namespace ShapeDnn.Training.Native;

/// <summary>Replaces a file's content so that no reader ever sees a partial file.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="content"/> to a temporary file beside <paramref name="path"/> and renames
    /// it over <paramref name="path"/>. Renaming (rather than writing in place) matters here: processes
    /// that already mapped the old file keep their copy, and when the build linked the file to the
    /// NuGet cache (hard or symbolic link) only the link is replaced, never the cache's file.
    /// Permissions and the modification time are kept, so that an incremental build still sees the
    /// file as up to date and does not copy the original back over it.
    /// </summary>
    public static void Replace(string path, byte[] content)
    {
        var info = new FileInfo(path);
        var lastWrite = info.LastWriteTimeUtc;
        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(path);
        var temp = Path.Combine(info.DirectoryName!, $".{info.Name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, mode);
            File.SetLastWriteTimeUtc(temp, lastWrite);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
