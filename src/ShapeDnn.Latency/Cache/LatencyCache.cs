using ShapeDnn.Diagnostics;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Cache;

/// <summary>
/// Measured latencies stored as one small JSON file per <see cref="LatencyCacheKey"/> in a folder,
/// shared across builds and projects. Files are written atomically (<see cref="ShapeDnn.Cache.AtomicFile"/>), so a
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
        var entry = JsonCacheFile.TryRead(PathOf(key), LatencyCacheJsonContext.Default.LatencyCacheEntry,
            e => e.Key == key.Text && e.Device is not null && IsSane(e), "Latency", key.Text, _warn);
        measurement = entry is null ? null! : entry.ToMeasurement();
        return entry is not null;
    }

    /// <summary>Writes <paramref name="key"/>'s entry atomically, replacing any existing one.</summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.CacheNotWritable"/> when the folder cannot be written.</exception>
    public void Store(LatencyCacheKey key, LatencyMeasurement measurement) =>
        JsonCacheFile.Write(PathOf(key), LatencyCacheEntry.From(key, measurement), LatencyCacheJsonContext.Default.LatencyCacheEntry, "Latency");

    private static bool IsSane(LatencyCacheEntry e) =>
        e.Runs > 0 && e.BatchSize > 0 && e.PassesPerSample > 0 && double.IsFinite(e.MedianMilliseconds) && e.MedianMilliseconds > 0
        && e.P10Milliseconds <= e.MedianMilliseconds && e.MedianMilliseconds <= e.P90Milliseconds;
}
