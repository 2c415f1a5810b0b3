using System.Text.Json.Serialization;
using ShapeDnn.Cache;
using ShapeDnn.Diagnostics;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Cache;

/// <summary>
/// Measured energy figures stored as one small JSON file per <see cref="EnergyCacheKey"/> in a folder,
/// shared across builds and projects. Files are written atomically (<see cref="AtomicFile"/>), so a
/// reader never sees half an entry; an unreadable or mismatching entry counts as a miss, with a warning.
/// Only measured figures are stored: an estimate is cheap and would hide a counter that works again.
/// </summary>
public sealed class EnergyCache
{
    private readonly Action<ErrorCode, string>? _warn;

    /// <summary>Creates a cache over <paramref name="folder"/> (created when first written).</summary>
    /// <param name="folder">The cache folder.</param>
    /// <param name="warn">Receives warnings, e.g. <see cref="ErrorCode.CorruptCacheEntry"/> when an entry is discarded.</param>
    public EnergyCache(string folder, Action<ErrorCode, string>? warn = null)
    {
        Folder = Path.GetFullPath(folder);
        _warn = warn;
    }

    /// <summary>The cache folder.</summary>
    public string Folder { get; }

    /// <summary>The path of <paramref name="key"/>'s entry.</summary>
    public string PathOf(EnergyCacheKey key) => Path.Combine(Folder, key.FileName);

    /// <summary>Reads <paramref name="key"/>'s entry; false when there is none or it is corrupt (reported as a warning).</summary>
    public bool TryGet(EnergyCacheKey key, out EnergyFigure figure)
    {
        var entry = JsonCacheFile.TryRead(PathOf(key), EnergyCacheJsonContext.Default.EnergyCacheEntry,
            e => e.Key == key.Text && !string.IsNullOrWhiteSpace(e.Method) && double.IsFinite(e.Millijoules) && e.Millijoules >= 0, "Energy", key.Text, _warn);
        figure = entry is null ? null! : new EnergyFigure(entry.Millijoules, FigureSource.Measured, entry.Method);
        return entry is not null;
    }

    /// <summary>Writes <paramref name="key"/>'s entry atomically, replacing any existing one.</summary>
    /// <exception cref="ArgumentException"><paramref name="figure"/> is not measured.</exception>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.CacheNotWritable"/> when the folder cannot be written.</exception>
    public void Store(EnergyCacheKey key, EnergyFigure figure)
    {
        if (figure.Source != FigureSource.Measured) throw new ArgumentException($"Only measured energy is cached, not {figure.Source}.", nameof(figure));
        JsonCacheFile.Write(PathOf(key), new EnergyCacheEntry(key.Text, figure.Millijoules, figure.Method, DateTimeOffset.UtcNow),
            EnergyCacheJsonContext.Default.EnergyCacheEntry, "Energy");
    }
}

/// <summary>The JSON form of one cached energy figure.</summary>
internal sealed record EnergyCacheEntry(string Key, double Millijoules, string Method, DateTimeOffset MeasuredAt);

/// <summary>Source-generated serialisation of energy cache entries.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EnergyCacheEntry))]
internal sealed partial class EnergyCacheJsonContext : JsonSerializerContext;
