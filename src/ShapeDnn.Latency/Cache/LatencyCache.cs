using System.Text.Json;
using ShapeDnn.Diagnostics;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Cache;

/// <summary>
/// Measured latencies stored as one small JSON file per <see cref="LatencyCacheKey"/> in a folder,
/// shared across builds and projects. Files are written to a temporary name and renamed, so a
/// reader never sees half an entry; an unreadable or mismatching entry counts as a miss.
/// </summary>
public sealed class LatencyCache
{
    private readonly Action<ErrorCode, string>? _warn;

    /// <summary>Creates a cache over <paramref name="folder"/> (created when first written).</summary>
    /// <param name="folder">The cache folder.</param>
    /// <param name="warn">Receives warnings, e.g. <see cref="ErrorCode.CorruptCacheEntry"/> when an entry is discarded.</param>
    public LatencyCache(string folder, Action<ErrorCode, string>? warn = null)
    {
        Folder = Path.GetFullPath(folder);
        _warn = warn;
    }

    /// <summary>The cache folder.</summary>
    public string Folder { get; }

    /// <summary>The path of <paramref name="key"/>'s entry.</summary>
    public string PathOf(LatencyCacheKey key) => Path.Combine(Folder, key.FileName);

    /// <summary>Reads <paramref name="key"/>'s entry; false when there is none or it is corrupt (reported as a warning).</summary>
    public bool TryGet(LatencyCacheKey key, out LatencyMeasurement measurement)
    {
        measurement = null!;
        string path = PathOf(key);
        if (!File.Exists(path)) return false;
        LatencyCacheEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize(File.ReadAllBytes(path), LatencyCacheJsonContext.Default.LatencyCacheEntry);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            _warn?.Invoke(ErrorCode.CorruptCacheEntry, $"Latency cache entry '{path}' is unreadable ({e.Message}); measuring again.");
            return false;
        }
        if (entry is null || entry.Key != key.Text || entry.Device is null || !IsSane(entry))
        {
            _warn?.Invoke(ErrorCode.CorruptCacheEntry, $"Latency cache entry '{path}' does not hold a valid figure for {key.Text}; measuring again.");
            return false;
        }
        measurement = entry.ToMeasurement();
        return true;
    }

    /// <summary>Writes <paramref name="key"/>'s entry atomically, replacing any existing one.</summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.CacheNotWritable"/> when the folder cannot be written.</exception>
    public void Store(LatencyCacheKey key, LatencyMeasurement measurement)
    {
        string path = PathOf(key);
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(LatencyCacheEntry.From(key, measurement), LatencyCacheJsonContext.Default.LatencyCacheEntry));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { /* the original error matters more */ }
            throw new ShapeDnnException(ErrorCode.CacheNotWritable, $"Cannot write the latency cache entry '{path}': {e.Message}", e);
        }
    }

    private static bool IsSane(LatencyCacheEntry e) =>
        e.Runs > 0 && e.BatchSize > 0 && e.PassesPerSample > 0 && double.IsFinite(e.MedianMilliseconds) && e.MedianMilliseconds > 0
        && e.P10Milliseconds <= e.MedianMilliseconds && e.MedianMilliseconds <= e.P90Milliseconds;
}
