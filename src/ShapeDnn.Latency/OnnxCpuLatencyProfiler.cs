using System.Diagnostics;
using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;
using ShapeDnn.Tensors;

namespace ShapeDnn.Latency;

/// <summary>
/// Measures forward-pass latency in ONNX Runtime on this machine's CPU, with the session settings
/// of the deployed model (<see cref="OnnxCpuSessionSettings"/>).
/// </summary>
/// <remarks>
/// Per shape: export with random weights, create one session, make the input batch once (as an
/// app that reuses its buffer would), run <see cref="OnnxCpuProfilerOptions.WarmupRuns"/> untimed
/// passes, then time passes one by one with <see cref="Stopwatch"/> until at least
/// <see cref="OnnxCpuProfilerOptions.MinRuns"/> have been made and their relative spread is within
/// <see cref="OnnxCpuProfilerOptions.TargetRelativeSpread"/>, or <see cref="OnnxCpuProfilerOptions.MaxRuns"/>
/// or the time cap is reached. CPU inference is synchronous, so the clock needs no device synchronisation.
/// </remarks>
public sealed class OnnxCpuLatencyProfiler : ILatencyProfiler, IInferenceWorkload
{
    private readonly OnnxModelFactory _modelFactory;
    private readonly OnnxCpuProfilerOptions _options;
    private readonly CpuDeviceInfo _device;

    /// <summary>Creates the profiler.</summary>
    /// <param name="modelFactory">Builds the ONNX model of a plan (the exporter in the product).</param>
    /// <param name="options">Measuring options; null for the defaults.</param>
    public OnnxCpuLatencyProfiler(OnnxModelFactory modelFactory, OnnxCpuProfilerOptions? options = null)
    {
        _modelFactory = modelFactory;
        _options = options ?? new OnnxCpuProfilerOptions();
        _device = CpuDeviceInfo.Current(_options.EffectiveIntraOpThreads);
    }

    /// <summary>The device measured on.</summary>
    public CpuDeviceInfo Device => _device;

    /// <inheritdoc />
    public string DeviceFingerprint => _device.Fingerprint;

    /// <inheritdoc />
    public string DeviceDescription => _device.Description;

    /// <inheritdoc />
    public IPreparedInference Prepare(NetworkPlan plan, int batchSize)
    {
        var model = _modelFactory(plan, RandomWeights.Create(plan, _options.WeightSeed));
        var prepared = new OnnxCpuPreparedInference(model, plan, batchSize, _options.EffectiveIntraOpThreads, _options.WeightSeed);
        try
        {
            if (_options.WarmupRuns > 0) prepared.Run(_options.WarmupRuns);
            return prepared;
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public LatencyMeasurement Measure(NetworkPlan plan, int batchSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var model = _modelFactory(plan, RandomWeights.Create(plan, _options.WeightSeed));
        using var inference = new OnnxCpuPreparedInference(model, plan, batchSize, _options.EffectiveIntraOpThreads, _options.WeightSeed);

        var timing = new TimingOptions(_options.WarmupRuns, _options.MinRuns, _options.MaxRuns, _options.TargetRelativeSpread,
            _options.TimeCap, _options.MinRunsUnderCap);
        // One pass per sample (no MinSampleTime): the app calls the session once per batch, and a CPU pass is
        // synchronous, so each call's own time, jitter included, is what the app sees.
        return RepeatedTiming.Measure(inference.Run, timing, batchSize, DeviceDescription, cancellationToken);
    }
}
