using ShapeDnn.Cache;
using System.Security.Cryptography;
using System.Text;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Build.Tasks;

/// <summary>
/// Puts together, once per worker version, a folder from which the packaged worker runs: the
/// worker's own files from the ShapeDnn.Build package (hard links), the libtorch files from the
/// libtorch package in the NuGet cache (hard links, so 500 MB cost nothing), and a private copy of
/// TorchSharp's bridge, which the worker may patch for an older libstdc++ (Debian 12). Nothing in
/// the NuGet cache is ever modified. The folder is built under a temporary name and renamed into
/// place, so concurrent builds and killed builds never see half of it.
/// </summary>
internal static class WorkerLayout
{
    /// <summary>Name of the file, in the packaged worker folder, listing the libtorch files to fetch from the NuGet cache.</summary>
    public const string ManifestFileName = "shapednn.native-files.txt";

    private const string CompleteMarker = ".complete";

    /// <summary>Returns the folder holding a runnable worker, creating it if needed.</summary>
    /// <param name="packagedWorker">The package's <c>tools/worker</c> folder.</param>
    /// <param name="packageFolders">NuGet package folders to find the libtorch files in.</param>
    /// <param name="cacheRoot">The ShapeDnn cache.</param>
    /// <param name="withPackagedLibTorch">
    /// False when the worker is always given its own libtorch (<c>--libtorch</c>): the layout then has
    /// no packaged libtorch files, so none need to be restored (the worker loads the given one).
    /// </param>
    /// <param name="log">Receives one line when a layout is created.</param>
    /// <exception cref="ShapeDnnException">SDNN015 when a libtorch file is missing from the NuGet cache; SDNN020 when the folder cannot be written.</exception>
    public static string Materialize(string packagedWorker, IReadOnlyList<string> packageFolders, string cacheRoot, bool withPackagedLibTorch, Action<string> log)
    {
        var manifest = Path.Combine(packagedWorker, ManifestFileName);
        var entries = withPackagedLibTorch
            ? File.ReadAllLines(manifest).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
            : [];
        var target = Path.Combine(cacheRoot, "worker", Identity(packagedWorker, entries));
        if (File.Exists(Path.Combine(target, CompleteMarker))) return target;

        // The global packages folder first, then fallback folders: restore may have used either.
        var sources = entries.Select(e => (Entry: e, Path: packageFolders.Select(f => Path.Combine(f, e)).FirstOrDefault(File.Exists))).ToList();
        var missing = sources.Where(s => s.Path is null).ToList();
        if (missing.Count > 0)
            throw new ShapeDnnException(ErrorCode.NativeLibrary,
                $"The libtorch files the ShapeDnn worker needs are not in the NuGet package folders '{string.Join(";", packageFolders)}' (first missing: '{missing[0].Entry}'). " +
                "Run 'dotnet restore' (ShapeDnn.Build depends on the libtorch package for this reason), or set ShapeDnnToolPath to a shapednn you built.");

        var temp = target + $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(temp);
            int linked = 0, copied = 0;
            foreach (var file in Directory.EnumerateFiles(packagedWorker, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(packagedWorker, file);
                // The bridge may be patched in place by the worker: it gets a copy of its own.
                bool mustCopy = Path.GetFileName(file) == "libLibTorchSharp.so";
                Place(file, Path.Combine(temp, relative), mustCopy, ref linked, ref copied);
            }
            foreach (var (entry, source) in sources)
                Place(source!, Path.Combine(temp, PlaceInWorker(entry)), mustCopy: false, ref linked, ref copied);
            File.WriteAllText(Path.Combine(temp, CompleteMarker), $"from {packagedWorker}\n");
            try
            {
                Directory.Move(temp, target);
            }
            catch (IOException) when (File.Exists(Path.Combine(target, CompleteMarker)))
            {
                // Another build finished the same folder first; use that one.
                Directory.Delete(temp, recursive: true);
                return target;
            }
            log($"ShapeDnn: prepared the worker in '{target}' ({linked} files linked, {copied} copied; " +
                (withPackagedLibTorch ? "libtorch from the NuGet cache)." : "no packaged libtorch: ShapeDnnLibTorchPath gives it)."));
            return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new ShapeDnnException(ErrorCode.CacheNotWritable,
                $"The ShapeDnn worker could not be prepared in '{target}': {e.Message} Set ShapeDnnCacheDir to a writable folder.", e);
        }
    }

    // "libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native/libc10.so" goes to "runtimes/linux-x64/native/libc10.so",
    // where the worker's deps.json expects it.
    private static string PlaceInWorker(string entry) =>
        string.Join('/', entry.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2));

    private static void Place(string source, string destination, bool mustCopy, ref int linked, ref int copied)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (!mustCopy && PosixSignals.TryHardLink(source, destination))
        {
            linked++;
            return;
        }
        File.Copy(source, destination, overwrite: true);
        copied++;
    }

    // One folder per packaged worker (its path carries the package version) and libtorch file list.
    private static string Identity(string packagedWorker, IEnumerable<string> entries)
    {
        var text = Path.GetFullPath(packagedWorker) + "\n" + string.Join("\n", entries);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        var version = new DirectoryInfo(packagedWorker).Parent?.Parent?.Name ?? "dev";
        return $"{version}-{hash}";
    }

    private static void TryDelete(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
