using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ShapeDnn.Cache;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Latency.Cache;

/// <summary>
/// Reading and writing one JSON entry of a measurement cache (<see cref="LatencyCache"/>, <see cref="EnergyCache"/>):
/// an unreadable or invalid entry is a miss with a <see cref="ErrorCode.CorruptCacheEntry"/> warning, and an
/// entry is written atomically or not at all.
/// </summary>
internal static class JsonCacheFile
{
    /// <summary>The entry at <paramref name="path"/>, or null when there is none, it cannot be read, or <paramref name="isValid"/> rejects it.</summary>
    /// <param name="path">The entry's file.</param>
    /// <param name="typeInfo">Its serialisation.</param>
    /// <param name="isValid">Whether a readable entry holds a usable figure for the key.</param>
    /// <param name="what">What the cache holds, for the warning ("Latency", "Energy").</param>
    /// <param name="keyText">The key the entry must be for, for the warning.</param>
    /// <param name="warn">Receives the warning for a discarded entry.</param>
    public static T? TryRead<T>(string path, JsonTypeInfo<T> typeInfo, Func<T, bool> isValid, string what, string keyText, Action<ErrorCode, string>? warn)
        where T : class
    {
        if (!File.Exists(path)) return null;
        T? entry;
        try
        {
            entry = JsonSerializer.Deserialize(File.ReadAllBytes(path), typeInfo);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            warn?.Invoke(ErrorCode.CorruptCacheEntry, $"{what} cache entry '{path}' is unreadable ({e.Message}); measuring again.");
            return null;
        }
        if (entry is null || !isValid(entry))
        {
            warn?.Invoke(ErrorCode.CorruptCacheEntry, $"{what} cache entry '{path}' does not hold a valid figure for {keyText}; measuring again.");
            return null;
        }
        return entry;
    }

    /// <summary>Writes <paramref name="entry"/> to <paramref name="path"/> atomically, creating the folder.</summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.CacheNotWritable"/> when the folder cannot be written.</exception>
    public static void Write<T>(string path, T entry, JsonTypeInfo<T> typeInfo, string what)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(entry, typeInfo));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.CacheNotWritable, $"Cannot write the {what.ToLowerInvariant()} cache entry '{path}': {e.Message}", e);
        }
    }
}
