using System.Text.Json;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Tensors;

namespace ShapeDnn.Cache;

/// <summary>
/// Trained shapes, content-addressed: one folder per key holding <c>metrics.json</c> and
/// <c>weights.sdnt</c>. An entry appears whole or not at all (built in a temporary folder, then
/// renamed); a corrupt entry is reported, deleted and trained again.
/// </summary>
public sealed class TrainedShapeCache
{
    private const string MetricsFile = "metrics.json";
    private const string WeightsFile = "weights.sdnt";
    private const string CheckpointFile = "checkpoint.bin";
    private readonly string _folder;
    private readonly Action<string> _warn;

    /// <summary>Creates the cache under <paramref name="root"/> (the folder is created on first write).</summary>
    /// <param name="root">The cache root.</param>
    /// <param name="warn">Receives warnings, e.g. about corrupt entries.</param>
    public TrainedShapeCache(string root, Action<string> warn)
    {
        _folder = Path.Combine(root, "trained");
        _warn = warn;
    }

    /// <summary>The metrics of entry <paramref name="key"/>, or null when absent or corrupt (corrupt entries are deleted).</summary>
    public CachedTraining? TryGetMetrics(string key)
    {
        var entry = Path.Combine(_folder, key);
        if (!Directory.Exists(entry)) return null;
        try
        {
            var metrics = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(entry, MetricsFile)), ShapeDnnJsonContext.Default.CachedTraining);
            if (metrics is null || !File.Exists(Path.Combine(entry, WeightsFile)))
                throw new InvalidDataException("metrics or weights missing");
            return metrics;
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            Discard(key, ex.Message);
            return null;
        }
    }

    /// <summary>The weights of entry <paramref name="key"/> checked against <paramref name="plan"/>, or null when absent or corrupt (then the entry is deleted).</summary>
    public IReadOnlyList<NamedTensor>? TryGetWeights(string key, NetworkPlan plan)
    {
        var path = Path.Combine(_folder, key, WeightsFile);
        if (!File.Exists(path)) return null;
        try
        {
            var weights = TensorFile.Deserialize(File.ReadAllBytes(path));
            var expected = plan.Tensors;
            if (weights.Count != expected.Count || weights.Zip(expected).Any(p => p.First.Name != p.Second.Name || !p.First.Dimensions.SequenceEqual(p.Second.Dimensions)))
                throw new InvalidDataException($"weights do not match {plan.Shape.Name}");
            return weights;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Discard(key, ex.Message);
            return null;
        }
    }

    /// <summary>The checkpoint of a stopped training stored with entry <paramref name="key"/>, or null when there is none.</summary>
    public byte[]? TryGetCheckpoint(string key)
    {
        var path = Path.Combine(_folder, key, CheckpointFile);
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stores an entry atomically, with the <paramref name="checkpoint"/> of a stopped training if given; if another process stored the same key meanwhile, its entry is kept.</summary>
    public void Store(string key, CachedTraining metrics, IReadOnlyList<NamedTensor> weights, byte[]? checkpoint = null)
    {
        Directory.CreateDirectory(_folder);
        var entry = Path.Combine(_folder, key);
        var temp = Path.Combine(_folder, $".{key}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            WriteDurably(Path.Combine(temp, WeightsFile), TensorFile.Serialize(weights));
            if (checkpoint is not null) WriteDurably(Path.Combine(temp, CheckpointFile), checkpoint);
            WriteDurably(Path.Combine(temp, MetricsFile), JsonSerializer.SerializeToUtf8Bytes(metrics, ShapeDnnJsonContext.Default.CachedTraining));
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            Directory.Move(temp, entry);
        }
        catch (IOException) when (Directory.Exists(entry) && TryGetMetrics(key) is not null)
        {
            // A concurrent search stored the same content first; its entry is equivalent.
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>Removes temporary folders left by interrupted runs.</summary>
    public void RemoveStaleTemporaries(TimeSpan olderThan)
    {
        if (!Directory.Exists(_folder)) return;
        foreach (var dir in Directory.EnumerateDirectories(_folder, ".*.tmp-*"))
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) > olderThan)
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    private void Discard(string key, string why)
    {
        _warn($"{ErrorCode.CorruptCacheEntry.ToCodeString()}: cache entry {key[..Math.Min(12, key.Length)]} is corrupt ({why}); it is discarded and the shape will be trained again.");
        try { Directory.Delete(Path.Combine(_folder, key), recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void WriteDurably(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
