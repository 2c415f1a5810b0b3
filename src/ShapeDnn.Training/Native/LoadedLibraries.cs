using System.Runtime.InteropServices;

namespace ShapeDnn.Training.Native;

/// <summary>Finds which file the dynamic loader uses for a library, by looking at what the process has mapped.</summary>
internal static class LoadedLibraries
{
    /// <summary>
    /// The path of the <paramref name="soname"/> this process uses, loading it first if needed. Once a
    /// soname is loaded, every later <c>DT_NEEDED</c> reference to it binds to that same copy, so this
    /// is exactly the file the loader will check TorchSharp's bridge against.
    /// </summary>
    /// <returns>The path, or null when the library cannot be loaded.</returns>
    public static string? Resolve(string soname)
    {
        var path = FindMapped(soname);
        if (path is not null) return path;
        // Loading by soname follows the loader's own search (LD_LIBRARY_PATH, ld.so.cache, default dirs).
        if (!NativeLibrary.TryLoad(soname, out _)) return null;
        return FindMapped(soname);
    }

    /// <summary>The path of an already mapped library whose file name starts with <paramref name="soname"/>, or null; never loads anything.</summary>
    public static string? FindMapped(string soname)
    {
        // Lines: address perms offset dev inode [path]; the real file name of libstdc++.so.6 is
        // libstdc++.so.6.0.N, so match on the soname as a prefix of the file name.
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            var path = line[slash..];
            if (Path.GetFileName(path).StartsWith(soname, StringComparison.Ordinal) && File.Exists(path))
                return path;
        }
        return null;
    }
}
