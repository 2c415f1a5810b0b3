using ShapeDnn.DesignSpace;

namespace ShapeDnn.Execution;

/// <summary>A GPU of this host as CUDA numbers it for this process.</summary>
/// <param name="Id">CUDA's number for it.</param>
/// <param name="Name">Its model, e.g. <c>NVIDIA H200</c>: measurements of one model hold for every GPU of that model.</param>
public sealed record GpuDevice(int Id, string Name);

/// <summary>How many workers of one shape class one GPU model takes, as stored by earlier measurements.</summary>
public interface IWorkerCountSource
{
    /// <summary>The stored count for <paramref name="shapeClass"/> on <paramref name="gpu"/>'s model, or null when it has not been measured.</summary>
    int? Known(GpuDevice gpu, string shapeClass);
}

/// <summary>
/// Spreads local workers over GPUs, one GPU per worker: a worker of shape class c starts on the least
/// busy GPU that runs fewer workers than c's count for that GPU model, and waits while none does. A
/// class not measured yet is measured first, on a GPU that is idle, reserved for the measurement
/// (the probe's throughput must not be shared with other work); its workers wait for the result.
/// Thread-safe: the workers of a batch are placed from their own threads.
/// </summary>
public sealed class GpuSlots
{
    private readonly IReadOnlyList<GpuDevice> _gpus;
    private readonly IWorkerCountSource _counts;
    private readonly int[] _running;
    private readonly bool[] _probing;
    private readonly Dictionary<(string Model, string ShapeClass), int> _known = [];
    private readonly HashSet<(string Model, string ShapeClass)> _measuring = [];
    // A plain object: waiting for a free slot needs Monitor.Wait.
    private readonly object _gate = new();

    /// <param name="gpus">The GPUs to use (at least one).</param>
    /// <param name="counts">Workers per GPU, per model and shape class.</param>
    public GpuSlots(IReadOnlyList<GpuDevice> gpus, IWorkerCountSource counts)
    {
        if (gpus.Count == 0) throw new ArgumentException("At least one GPU is needed.", nameof(gpus));
        _gpus = gpus;
        _counts = counts;
        _running = new int[gpus.Count];
        _probing = new bool[gpus.Count];
    }

    /// <summary>The GPUs workers are spread over.</summary>
    public IReadOnlyList<GpuDevice> Gpus => _gpus;

    /// <summary>Waits for a slot for <paramref name="plan"/>'s worker and takes it; dispose the slot when the worker has ended.</summary>
    /// <param name="plan">The shape the worker trains.</param>
    /// <param name="measure">Measures (and stores) the workers per GPU of the shape's class on the GPU given, which is idle and reserved for it; called only when no count is known.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public GpuSlot Acquire(NetworkPlan plan, Func<GpuDevice, CancellationToken, int> measure, CancellationToken cancellationToken)
    {
        string shapeClass = WorkersPerGpu.ShapeClassOf(plan);
        using var wake = cancellationToken.Register(() => { lock (_gate) Monitor.PulseAll(_gate); });
        lock (_gate)
        {
            while (true)
            {
                int best = -1;
                for (int g = 0; g < _gpus.Count; g++)
                {
                    if (_probing[g] || CountOf(g, shapeClass) is not { } count || _running[g] >= count) continue;
                    if (best < 0 || _running[g] < _running[best]) best = g;
                }
                if (best >= 0)
                {
                    _running[best]++;
                    return new GpuSlot(_gpus[best], () => Release(best));
                }
                if (TryStartMeasuring(shapeClass) is { } idle)
                {
                    Measure(idle, shapeClass, measure, cancellationToken);
                    continue;
                }
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>The count for the class on GPU <paramref name="g"/>'s model, from memory or the store; null while unmeasured.</summary>
    private int? CountOf(int g, string shapeClass)
    {
        var key = (_gpus[g].Name, shapeClass);
        if (_known.TryGetValue(key, out int count)) return count;
        if (_counts.Known(_gpus[g], shapeClass) is not { } stored) return null;
        return _known[key] = Math.Max(1, stored);
    }

    /// <summary>An idle GPU of a model whose count for the class is unknown and not being measured, reserved for measuring; null when there is none.</summary>
    private int? TryStartMeasuring(string shapeClass)
    {
        for (int g = 0; g < _gpus.Count; g++)
        {
            var key = (_gpus[g].Name, shapeClass);
            if (_running[g] > 0 || _probing[g] || _known.ContainsKey(key) || _measuring.Contains(key)) continue;
            _probing[g] = true;
            _measuring.Add(key);
            return g;
        }
        return null;
    }

    /// <summary>Measures outside the lock (the probe takes seconds); other placements go on meanwhile.</summary>
    private void Measure(int g, string shapeClass, Func<GpuDevice, CancellationToken, int> measure, CancellationToken cancellationToken)
    {
        var key = (_gpus[g].Name, shapeClass);
        Monitor.Exit(_gate);
        int? measured = null;
        try
        {
            measured = Math.Max(1, measure(_gpus[g], cancellationToken));
        }
        finally
        {
            Monitor.Enter(_gate);
            _probing[g] = false;
            _measuring.Remove(key);
            if (measured is { } count) _known[key] = count;
            Monitor.PulseAll(_gate);
        }
    }

    private void Release(int g)
    {
        lock (_gate)
        {
            _running[g]--;
            Monitor.PulseAll(_gate);
        }
    }
}

/// <summary>A place for one worker on one GPU; disposing gives it back.</summary>
/// <param name="gpu">The GPU.</param>
/// <param name="release">Gives the place back.</param>
public sealed class GpuSlot(GpuDevice gpu, Action release) : IDisposable
{
    private Action? _release = release;

    /// <summary>The GPU the worker runs on.</summary>
    public GpuDevice Gpu { get; } = gpu;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
