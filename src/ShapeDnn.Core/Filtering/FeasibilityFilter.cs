using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Diagnostics;
using ShapeDnn.Profiles;
using ShapeDnn.Profiles.Prediction;

namespace ShapeDnn.Filtering;

/// <summary>
/// Profiles the design space and removes every shape that violates a size, latency or energy limit
/// — before any training, as Shape_DNN prescribes. Size is analytic. Latency (and energy) are
/// profiled only when a limit or the goal needs them: in a small space every shape is measured,
/// cheapest first; in a large one a sample is measured and the rest predicted, with every shape
/// near the decision measured exactly (<see cref="PredictionOptions"/>). Either way a shape at
/// least as deep and as wide as one measured clearly over a limit, or one the device cannot run,
/// is excluded without measuring.
/// </summary>
public sealed class FeasibilityFilter
{
    private readonly ILatencyProfiler? _latencyProfiler;
    private readonly IEnergyMeter? _energyMeter;
    private readonly int _batchSize;
    private readonly PredictionOptions _prediction;

    /// <summary>Creates the filter.</summary>
    /// <param name="latencyProfiler">Times forward passes; needed only for latency or energy limits and goals.</param>
    /// <param name="energyMeter">Gives energy per pass; needed with the profiler.</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <param name="prediction">When to predict instead of measuring; null for the defaults.</param>
    public FeasibilityFilter(ILatencyProfiler? latencyProfiler, IEnergyMeter? energyMeter, int batchSize, PredictionOptions? prediction = null)
    {
        _latencyProfiler = latencyProfiler;
        _energyMeter = energyMeter;
        _batchSize = batchSize;
        _prediction = prediction ?? new PredictionOptions();
        Measurer = latencyProfiler is null || energyMeter is null ? null : new ShapeMeasurer(latencyProfiler, energyMeter, batchSize);
    }

    /// <summary>Reports progress: (shapes profiled, shapes to profile, current shape).</summary>
    public event Action<int, int, Shape>? Profiling;

    /// <summary>Measures shapes for the filter; the engine uses it to measure the chosen shape and its rivals. Null without a profiler.</summary>
    public ShapeMeasurer? Measurer { get; }

    /// <summary>How the figures of the last <c>Apply</c> were obtained.</summary>
    public ProfilingSummary Summary { get; private set; } = ProfilingSummary.None;

    /// <summary>Profiles and filters every shape of <paramref name="space"/>.</summary>
    /// <exception cref="ShapeDnnException">SDNN013 when nothing is feasible (naming the binding limit and the nearest shapes).</exception>
    public IReadOnlyList<ShapeProfile> Apply(DesignSpaceSpec space, InputShape input, ConstraintSet limits, Goal goal, CancellationToken cancellationToken) =>
        Apply(space.Shapes, input, limits, goal, cancellationToken);

    /// <summary>Profiles and filters <paramref name="shapes"/> (any set of shapes, not only a grid).</summary>
    /// <exception cref="ShapeDnnException">SDNN013 when nothing is feasible (naming the binding limit and the nearest shapes).</exception>
    public IReadOnlyList<ShapeProfile> Apply(IEnumerable<Shape> shapes, InputShape input, ConstraintSet limits, Goal goal, CancellationToken cancellationToken)
    {
        var profiles = shapes.Select(s => new ShapeProfile(NetworkFamilies.Plan(s, input))).ToList();
        foreach (var p in profiles)
        {
            if (limits.MaxParameters is { } maxParameters && p.Plan.ParameterCount > maxParameters)
                p.ExcludedBy = $"MaxParameters: {Formats.Count(p.Plan.ParameterCount)} > {Formats.Count(maxParameters)}";
            else if (limits.MaxSizeBytes is { } maxSize && p.Plan.Fp32SizeBytes > maxSize)
                p.ExcludedBy = $"MaxSize: {Formats.Bytes(p.Plan.Fp32SizeBytes)} > {Formats.Bytes(maxSize)}";
        }

        bool needEnergy = limits.NeedsEnergy || goal == Goal.MinimizeEnergy;
        if (limits.NeedsLatency || needEnergy || goal == Goal.MinimizeLatency)
        {
            if (Measurer is null)
                throw new InvalidOperationException("Latency and energy limits need a latency profiler and an energy meter.");
            var candidates = profiles.Where(p => p.Feasible).ToList();
            var run = new ProfilingRun(Measurer, limits, needEnergy, Profiling, candidates.Count);
            // The latency fit is over one family's depth and width; with several families every shape is measured.
            bool oneFamily = candidates.Select(p => p.Shape.Family).Distinct().Count() <= 1;
            Summary = _prediction.Enabled && oneFamily && candidates.Count >= _prediction.MinShapes
                ? PredictedProfiling.Run(run, candidates, goal, _prediction, cancellationToken)
                : FullProfiling.Run(run, candidates,
                    !_prediction.Enabled ? "measured every shape (prediction off)"
                    : !oneFamily ? "measured every shape (several network families)"
                    : $"measured every shape (fewer than {_prediction.MinShapes} to profile)", cancellationToken);
        }

        if (profiles.All(p => !p.Feasible)) throw InfeasibleDiagnosis.Create(profiles, limits);
        return profiles;
    }
}
