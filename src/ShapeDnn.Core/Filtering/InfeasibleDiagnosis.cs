using ShapeDnn.Constraints;
using ShapeDnn.Diagnostics;
using ShapeDnn.Profiles;

namespace ShapeDnn.Filtering;

/// <summary>The error raised when no shape meets the limits: the binding limit and the nearest shapes.</summary>
internal static class InfeasibleDiagnosis
{
    public static ShapeDnnException Create(IReadOnlyList<ShapeProfile> profiles, ConstraintSet limits)
    {
        // The binding limit is the one that excludes the most shapes; the nearest shapes are those
        // whose worst ratio of figure to limit is smallest.
        var binding = profiles.GroupBy(p => p.ExcludedBy![..p.ExcludedBy!.IndexOf(':')])
            .OrderByDescending(g => g.Count()).First();
        var nearest = profiles.Where(p => p.Latency is not null || !p.ExcludedBy!.Contains("not measured"))
            .OrderBy(p => WorstRatio(p, limits)).Take(3)
            .Select(p => $"{p.Shape.Name} ({Describe(p)})");
        string advice = binding.Key == "Device"
            ? "Use a smaller batch size, a device with more memory, or a design space of smaller shapes."
            : $"Relax {binding.Key} or widen the design space.";
        return new ShapeDnnException(ErrorCode.Infeasible,
            $"No shape meets the limits: {binding.Key} excludes {binding.Count()} of {profiles.Count} shapes. " +
            $"Nearest shapes: {string.Join("; ", nearest)}. {advice}");
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
        var parts = new List<string> { $"{Formats.Count(p.Plan.ParameterCount)} parameters", Formats.Bytes(p.Plan.Fp32SizeBytes) };
        if (p.Latency is not null) parts.Add(Formats.Ms(p.Latency.MedianMilliseconds) + (p.Latency.Source == FigureSource.Predicted ? " predicted" : ""));
        if (p.Energy is not null) parts.Add(Formats.Mj(p.Energy.Millijoules) + (p.Energy.Source == FigureSource.Measured ? "" : $" {p.Energy.Source.ToString().ToLowerInvariant()}"));
        return string.Join(", ", parts);
    }
}
