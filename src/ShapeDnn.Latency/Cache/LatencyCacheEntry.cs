using System.Text.Json.Serialization;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Cache;

/// <summary>The JSON form of one cached latency.</summary>
internal sealed record LatencyCacheEntry(
    string Key,
    double MedianMilliseconds,
    double P10Milliseconds,
    double P90Milliseconds,
    int Runs,
    int BatchSize,
    string Device,
    DateTimeOffset MeasuredAt,
    int PassesPerSample = 1)
{
    public static LatencyCacheEntry From(LatencyCacheKey key, LatencyMeasurement m) =>
        new(key.Text, m.MedianMilliseconds, m.P10Milliseconds, m.P90Milliseconds, m.Runs, m.BatchSize, m.Device, DateTimeOffset.UtcNow, m.PassesPerSample);

    public LatencyMeasurement ToMeasurement() =>
        new(MedianMilliseconds, P10Milliseconds, P90Milliseconds, Runs, BatchSize, Device, FigureSource.Measured, PassesPerSample);
}

/// <summary>Source-generated serialisation of cache entries (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LatencyCacheEntry))]
internal sealed partial class LatencyCacheJsonContext : JsonSerializerContext;
