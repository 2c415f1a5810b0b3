using System.Globalization;
using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Profiles;

namespace ShapeDnn.Filtering;

/// <summary>
/// Profiles the design space and removes every shape that violates a size, latency or energy limit
/// — before any training, as Shape_DNN prescribes. Size is analytic; latency is measured only when a
/// limit or the goal needs it, cheapest shapes first, and a shape at least as deep and as wide as
/// one already measured over the limit is excluded without measuring (latency and energy grow with
/// both depth and width).
/// </summary>
public sealed class FeasibilityFilter(ILatencyProfiler? latencyProfiler, IEnergyMeter? energyMeter, int batchSize)
{
    /// <summary>Reports progress: (shapes profiled, shapes to profile, current shape).</summary>
    public event Action<int, int, Shape>? Profiling;

    /// <summary>Profiles and filters every shape of <paramref name="space"/>.</summary>
    /// <exception cref="ShapeDnnException">SDNN013 when nothing is feasible (naming the binding limit and the nearest shapes).</exception>
    public IReadOnlyList<ShapeProfile> Apply(DesignSpaceSpec space, InputShape input, ConstraintSet limits, Goal goal, CancellationToken cancellationToken)
    {
        var profiles = space.Shapes.Select(s => new ShapeProfile(WideResNetPlanner.Plan(s, input))).ToList();

        foreach (var p in profiles)
        {
            if (limits.MaxParameters is { } maxParameters && p.Plan.ParameterCount > maxParameters)
                p.ExcludedBy = $"MaxParameters: {Count(p.Plan.ParameterCount)} > {Count(maxParameters)}";
            else if (limits.MaxSizeBytes is { } maxSize && p.Plan.Fp32SizeBytes > maxSize)
                p.ExcludedBy = $"MaxSize: {Bytes(p.Plan.Fp32SizeBytes)} > {Bytes(maxSize)}";
        }

        bool needLatency = limits.NeedsLatency || limits.NeedsEnergy || goal is Goal.MinimizeLatency or Goal.MinimizeEnergy;
        if (needLatency) MeasureAndFilter(profiles, limits, cancellationToken);

        if (profiles.All(p => !p.Feasible)) throw Infeasible(profiles, limits);
        return profiles;
    }

    private void MeasureAndFilter(List<ShapeProfile> profiles, ConstraintSet limits, CancellationToken cancellationToken)
    {
        if (latencyProfiler is null || energyMeter is null)
            throw new InvalidOperationException("Latency and energy limits need a latency profiler and an energy meter.");
        var toMeasure = profiles.Where(p => p.Feasible).OrderBy(p => p.Plan.MultiplyAccumulates).ToList();
        var overLimit = new List<(ShapeProfile Profile, string Limit)>();
        int done = 0;
        foreach (var p in toMeasure)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dominated = overLimit.FirstOrDefault(o => p.Shape.Depth >= o.Profile.Shape.Depth && p.Shape.Width >= o.Profile.Shape.Width);
            if (dominated.Profile is not null)
            {
                p.ExcludedBy = $"{dominated.Limit}: at least as deep and wide as {dominated.Profile.Shape.Name}, which exceeds it (not measured)";
                done++;
                continue;
            }
            Profiling?.Invoke(done++, toMeasure.Count, p.Shape);
            p.Latency = latencyProfiler.Measure(p.Plan, batchSize, cancellationToken);
            p.Energy = energyMeter.Energy(p.Plan, p.Latency);

            if (limits.MaxLatencyMilliseconds is { } maxLatency && p.Latency.MedianMilliseconds > maxLatency)
            {
                p.ExcludedBy = $"MaxLatency: {Ms(p.Latency.MedianMilliseconds)} > {Ms(maxLatency)}";
                // Only a clear excess (even the fast runs are over) licenses excluding larger shapes unmeasured.
                if (p.Latency.P10Milliseconds > maxLatency) overLimit.Add((p, "MaxLatency"));
            }
            else if (limits.MaxEnergyMillijoules is { } maxEnergy && p.Energy.Millijoules > maxEnergy)
            {
                p.ExcludedBy = $"MaxEnergy: {Mj(p.Energy.Millijoules)} > {Mj(maxEnergy)} ({p.Energy.Source.ToString().ToLowerInvariant()})";
                overLimit.Add((p, "MaxEnergy"));
            }
        }
    }

    private static ShapeDnnException Infeasible(List<ShapeProfile> profiles, ConstraintSet limits)
    {
        // The binding limit is the one that excludes the most shapes; the nearest shapes are those
        // whose worst ratio of figure to limit is smallest.
        var binding = profiles.GroupBy(p => p.ExcludedBy![..p.ExcludedBy!.IndexOf(':')])
            .OrderByDescending(g => g.Count()).First();
        var nearest = profiles.Where(p => p.Latency is not null || !p.ExcludedBy!.Contains("not measured"))
            .OrderBy(p => WorstRatio(p, limits)).Take(3)
            .Select(p => $"{p.Shape.Name} ({Describe(p)})");
        return new ShapeDnnException(ErrorCode.Infeasible,
            $"No shape meets the limits: {binding.Key} excludes {binding.Count()} of {profiles.Count} shapes. " +
            $"Nearest shapes: {string.Join("; ", nearest)}. Relax {binding.Key} or widen the design space.");
    }

    private static double WorstRatio(ShapeProfile p, ConstraintSet limits)
    {
        double worst = 0;
        if (limits.MaxParameters is { } mp) worst = Math.Max(worst, p.Plan.ParameterCount / (double)mp);
        if (limits.MaxSizeBytes is { } ms) worst = Math.Max(worst, p.Plan.Fp32SizeBytes / (double)ms);
        if (limits.MaxLatencyMilliseconds is { } ml && p.Latency is not null) worst = Math.Max(worst, p.Latency.MedianMilliseconds / ml);
        if (limits.MaxEnergyMillijoules is { } me && p.Energy is not null) worst = Math.Max(worst, p.Energy.Millijoules / me);
        return worst;
    }

    private static string Describe(ShapeProfile p)
    {
        var parts = new List<string> { $"{Count(p.Plan.ParameterCount)} parameters", Bytes(p.Plan.Fp32SizeBytes) };
        if (p.Latency is not null) parts.Add(Ms(p.Latency.MedianMilliseconds));
        if (p.Energy is not null) parts.Add(Mj(p.Energy.Millijoules) + (p.Energy.Source == FigureSource.Estimated ? " estimated" : ""));
        return string.Join(", ", parts);
    }

    internal static string Count(long n) => n >= 1_000_000 ? $"{(n / 1e6).ToString("0.##", CultureInfo.InvariantCulture)}M" : n >= 1000 ? $"{(n / 1e3).ToString("0.#", CultureInfo.InvariantCulture)}k" : n.ToString(CultureInfo.InvariantCulture);
    internal static string Bytes(long b) => b >= 1_000_000 ? $"{(b / 1e6).ToString("0.##", CultureInfo.InvariantCulture)} MB" : b >= 1000 ? $"{(b / 1e3).ToString("0.#", CultureInfo.InvariantCulture)} KB" : $"{b} B";
    internal static string Ms(double ms) => $"{ms.ToString("0.###", CultureInfo.InvariantCulture)} ms";
    internal static string Mj(double mj) => $"{mj.ToString("0.###", CultureInfo.InvariantCulture)} mJ";
}
