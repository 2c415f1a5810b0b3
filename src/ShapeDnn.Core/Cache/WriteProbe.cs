using System.Security.Cryptography;

namespace ShapeDnn.Cache;

/// <summary>
/// Proves that a folder can be written before any work depends on it, without touching anything
/// already there: the probe file has an unpredictable name and is created exclusively
/// (<see cref="FileMode.CreateNew"/> is <c>O_CREAT|O_EXCL</c>, which never follows a symbolic link,
/// even a dangling one, and never opens an existing file), then removed.
/// </summary>
public static class WriteProbe
{
    /// <summary>Creates <paramref name="folder"/> if needed and writes and removes a probe file in it.</summary>
    /// <exception cref="IOException">The folder cannot be created or written (for example a file stands in its place, or it is immutable).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable for this user.</exception>
    public static void Check(string folder)
    {
        Directory.CreateDirectory(folder);
        var probe = Path.Combine(folder, $".shapednn-probe-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}");
        using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose))
            stream.WriteByte(0);
    }
}
