using ShapeDnn.Constraints;
using ShapeDnn.Profiles;

namespace ShapeDnn.Filtering;

/// <summary>What a figure says about a limit.</summary>
internal enum Verdict
{
    /// <summary>Within the limit (a prediction: even allowing for the margin).</summary>
    Pass,
    /// <summary>A prediction too close to the limit to decide on: measure.</summary>
    Near,
    /// <summary>Over the limit (a prediction: even allowing for the margin).</summary>
    Fail,
}

/// <summary>Judges latency and energy figures against the limits; measured figures exactly, predicted ones with a margin.</summary>
internal static class LimitCheck
{
    /// <summary>
    /// How far over a limit a measured shape must be before every shape at least as deep and as wide is excluded
    /// unmeasured. Latency does not grow strictly with depth and width: where a network is launch-bound the host's
    /// jitter decides. In one process an H200 read WRN-40-1.5 at 1.84× WRN-40-2 (the paper's 110 shapes, batch 128);
    /// the ground truth has WRN-22-1 at 1.33× WRN-22-2 at batch 1 and WRN-10-1 at 1.18× WRN-10-4 at batch 128,
    /// the 2-core CPU WRN-22-1 at 1.08× WRN-28-1. With no factor, MaxLatency=0.8ms at batch 128 excluded all 27
    /// shapes of the ground truth because WRN-10-1 read 0.803 ms, though WRN-10-4 (0.679 ms) meets it.
    /// Energy is power × latency and inherits the same disorder.
    /// </summary>
    public const double DominanceFactor = 2.0;

    /// <summary>Judges a measured profile, excluding it when over a limit; returns the limit that licenses
    /// excluding larger shapes unmeasured, or null.</summary>
    public static string? JudgeMeasured(ShapeProfile p, ConstraintSet limits)
    {
        if (limits.MaxLatencyMilliseconds is { } maxLatency && p.Latency!.MedianMilliseconds > maxLatency)
        {
            p.ExcludedBy = $"MaxLatency: {Formats.Ms(p.Latency.MedianMilliseconds)} > {Formats.Ms(maxLatency)}";
            // Only a clear excess (even the fast runs are over by the dominance factor) licenses excluding larger shapes unmeasured.
            return p.Latency.P10Milliseconds > maxLatency * DominanceFactor ? "MaxLatency" : null;
        }
        if (limits.MaxEnergyMillijoules is { } maxEnergy && p.Energy is { } energy && energy.Millijoules > maxEnergy)
        {
            p.ExcludedBy = $"MaxEnergy: {Formats.Mj(energy.Millijoules)} > {Formats.Mj(maxEnergy)} ({energy.Source.ToString().ToLowerInvariant()})";
            return energy.Millijoules > maxEnergy * DominanceFactor ? "MaxEnergy" : null;
        }
        return null;
    }

    /// <summary>Judges a profile with predicted figures; excludes it when clearly over a limit.</summary>
    public static Verdict JudgePredicted(ShapeProfile p, ConstraintSet limits, double margin)
    {
        var latency = Judge(p.Latency!.MedianMilliseconds, limits.MaxLatencyMilliseconds, margin);
        var energy = p.Energy is null ? Verdict.Pass : Judge(p.Energy.Millijoules, limits.MaxEnergyMillijoules, margin);
        if (latency == Verdict.Fail)
            p.ExcludedBy = $"MaxLatency: predicted {Formats.Ms(p.Latency.MedianMilliseconds)} > {Formats.Ms(limits.MaxLatencyMilliseconds!.Value)} by more than the ±{Formats.Percent(margin)} margin (predicted, not measured)";
        else if (energy == Verdict.Fail)
            p.ExcludedBy = $"MaxEnergy: predicted {Formats.Mj(p.Energy!.Millijoules)} > {Formats.Mj(limits.MaxEnergyMillijoules!.Value)} by more than the ±{Formats.Percent(margin)} margin ({p.Energy.Source.ToString().ToLowerInvariant()}, not measured)";
        return latency == Verdict.Fail || energy == Verdict.Fail ? Verdict.Fail
            : latency == Verdict.Near || energy == Verdict.Near ? Verdict.Near : Verdict.Pass;
    }

    private static Verdict Judge(double predicted, double? limit, double margin) =>
        limit is not { } l ? Verdict.Pass
        : predicted > l * (1 + margin) ? Verdict.Fail
        : predicted * (1 + margin) >= l ? Verdict.Near
        : Verdict.Pass;
}
