using System.Text.Json;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Tensors;

namespace ShapeDnn.Cache;

/// <summary>
/// Trained shapes, content-addressed: one folder per key holding <c>metrics.json</c>,
/// <c>weights.sdnt</c>, optionally <c>checkpoint.bin</c> (an unfinished training's state), and
/// <c>manifest.json</c>, the size and SHA-256 of each of them. An entry appears whole or not at all
/// (built in a temporary folder, manifest last, then renamed); an entry that does not match its
/// manifest, is of another format, or holds figures no training can produce is reported (SDNN016),
/// deleted and trained again. A partial training is an entry whose epochs are fewer than its recipe's;
/// storing a longer one under the same key replaces it.
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

    /// <summary>
    /// Checks, before any training, that entries can be written: creates the cache's folder and writes
    /// and removes a probe file in it.
    /// </summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.CacheNotWritable"/>.</exception>
    public void EnsureWritable()
    {
        try
        {
            WriteProbe.Check(_folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable($"The cache folder '{_folder}' cannot be written ({ex.Message})", ex);
        }
    }

    /// <summary>The metrics of entry <paramref name="key"/>, or null when absent or corrupt (corrupt entries are deleted).</summary>
    /// <param name="key">The entry's key.</param>
    /// <param name="shape">The shape name the entry must be of; null = not checked.</param>
    public CachedTraining? TryGetMetrics(string key, string? shape = null)
    {
        var entry = EntryPath(key);
        if (!Directory.Exists(entry))
        {
            if (File.Exists(entry)) Discard(key, "a file stands where its folder belongs");
            return null;
        }
        try
        {
            var manifest = EntryManifest.ReadAndCheck(entry, key);
            if (!manifest.Files.Any(f => f.Name == WeightsFile)) throw new InvalidDataException("it has no weights");
            var bytes = manifest.ReadChecked(entry, MetricsFile) ?? throw new InvalidDataException("it has no metrics");
            var metrics = JsonSerializer.Deserialize(bytes, ShapeDnnJsonContext.Default.CachedTraining) ?? throw new InvalidDataException("its metrics are empty");
            if (CachedTrainingRules.Violation(metrics, shape) is { } violation) throw new InvalidDataException(violation);
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
        var entry = EntryPath(key);
        if (!Directory.Exists(entry)) return null;
        try
        {
            var bytes = EntryManifest.ReadAndCheck(entry, key).ReadChecked(entry, WeightsFile) ?? throw new InvalidDataException("it has no weights");
            var weights = TensorFile.Deserialize(bytes);
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

    /// <summary>
    /// The checkpoint stored with entry <paramref name="key"/> (an opaque blob, see <see cref="Store"/>), or null when
    /// there is none; a checkpoint that does not match the manifest discards the whole entry.
    /// </summary>
    public byte[]? TryGetCheckpoint(string key)
    {
        var entry = EntryPath(key);
        if (!Directory.Exists(entry)) return null;
        try
        {
            return EntryManifest.ReadAndCheck(entry, key).ReadChecked(entry, CheckpointFile);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Discard(key, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Stores an entry atomically. An existing entry of the same key is replaced when it is not sound,
    /// has fewer epochs (a partial training continued), or as many with a checkpoint while this one has
    /// none (the training finished); otherwise it is kept, as it is then the same training stored by
    /// another process first.
    /// </summary>
    /// <param name="key">The entry's key.</param>
    /// <param name="metrics">What was trained; fewer epochs than the recipe's make a partial training.</param>
    /// <param name="weights">The weights after the last epoch in <paramref name="metrics"/>.</param>
    /// <param name="checkpoint">Opaque state to resume the training from (stored as <c>checkpoint.bin</c>, covered by the manifest); null = none.</param>
    /// <exception cref="ArgumentException"><paramref name="metrics"/> are not those of a training (a bug of the caller).</exception>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.CacheNotWritable"/>.</exception>
    public void Store(string key, CachedTraining metrics, IReadOnlyList<NamedTensor> weights, byte[]? checkpoint = null)
    {
        if (CachedTrainingRules.Violation(metrics, shape: null) is { } violation)
            throw new ArgumentException($"Metrics of {metrics.Shape} cannot be cached: {violation}.", nameof(metrics));
        List<(string Name, byte[] Content)> files =
        [
            (WeightsFile, TensorFile.Serialize(weights)),
            (MetricsFile, JsonSerializer.SerializeToUtf8Bytes(metrics, ShapeDnnJsonContext.Default.CachedTraining)),
        ];
        if (checkpoint is not null) files.Add((CheckpointFile, checkpoint));
        var entry = EntryPath(key);
        var temp = Path.Combine(_folder, $".{key}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(_folder);
            Directory.CreateDirectory(temp);
            foreach (var (name, content) in files) WriteDurably(Path.Combine(temp, name), content);
            // The manifest last: an entry with a manifest is complete.
            WriteDurably(Path.Combine(temp, EntryManifest.FileName), EntryManifest.Of(key, files).ToBytes());
            MoveIntoPlace(key, temp, metrics.Epochs.Count, resumable: checkpoint is not null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable($"{metrics.Shape} could not be stored in the cache '{_folder}' ({ex.Message})", ex);
        }
        finally
        {
            if (Directory.Exists(temp)) TryDeleteFolder(temp);
        }
    }

    /// <summary>
    /// Takes the lease of entry <paramref name="key"/> (see <see cref="CacheLease"/>), waiting while another
    /// process holds it; look the entry up again once it is taken, as the holder may have stored it.
    /// </summary>
    /// <param name="key">The entry's key.</param>
    /// <param name="waiting">Told once, with who holds it, when the lease is held elsewhere.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.CacheNotWritable"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public CacheLease AcquireLease(string key, Action<string>? waiting, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(_folder);
            return CacheLease.Acquire(Path.Combine(_folder, key + ".lease"), waiting, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable($"The lease of cache entry {Short(key)} cannot be taken in '{_folder}' ({ex.Message})", ex);
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

    private string EntryPath(string key) => Path.Combine(_folder, key);

    /// <summary>Renames <paramref name="temp"/> to the entry unless the entry there is at least as far: more epochs, or as many and not resumable while the new one is.</summary>
    private void MoveIntoPlace(string key, string temp, int epochs, bool resumable)
    {
        var entry = EntryPath(key);
        for (int attempt = 0; ; attempt++)
        {
            if (File.Exists(entry)) Discard(key, "a file stands where its folder belongs");
            if (Directory.Exists(entry))
            {
                if (TryGetMetrics(key) is { } existing && IsAtLeastAsFar(key, existing.Epochs.Count, epochs, resumable)) return;
                // Set the old entry aside (one rename) rather than deleting it in place, so no reader sees half of it.
                var aside = Path.Combine(_folder, $".{key}.tmp-replaced-{Guid.NewGuid():N}");
                try { Directory.Move(entry, aside); } catch (DirectoryNotFoundException) { }
                try { Directory.Move(temp, entry); }
                finally { if (Directory.Exists(aside)) TryDeleteFolder(aside); }
                return;
            }
            try
            {
                Directory.Move(temp, entry);
                return;
            }
            catch (IOException) when (attempt < 3 && Path.Exists(entry))
            {
                // Another process stored the same key meanwhile: compare with it.
            }
        }
    }

    // A finished training (no checkpoint) supersedes a resumable one of as many epochs: it is the same training, done.
    private bool IsAtLeastAsFar(string key, int existingEpochs, int epochs, bool resumable) =>
        existingEpochs > epochs || (existingEpochs == epochs && (resumable || TryGetCheckpoint(key) is null));

    private void Discard(string key, string why)
    {
        _warn($"{ErrorCode.CorruptCacheEntry.ToCodeString()}: cache entry {Short(key)} is not sound ({why}); it is discarded and the shape will be trained again.");
        var entry = EntryPath(key);
        try
        {
            if (File.Exists(entry)) File.Delete(entry);
            else Directory.Delete(entry, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string Short(string key) => key[..Math.Min(12, key.Length)];

    private static ShapeDnnException NotWritable(string what, Exception inner) =>
        new(ErrorCode.CacheNotWritable, $"{what}. Make it writable, or set --cache (ShapeDnnCacheDir) to a writable folder.", inner);

    private static void TryDeleteFolder(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void WriteDurably(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
