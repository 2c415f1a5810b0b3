using ShapeDnn.Constraints;
using ShapeDnn.Diagnostics;
using ShapeDnn.Profiles;

namespace ShapeDnn.Engine;

/// <summary>
/// Where energy decides (a <c>MaxEnergy</c> limit or the <c>MinimizeEnergy</c> goal), an estimated
/// figure is allowed only when the user allows estimates; otherwise the search stops (SDNN code
/// <see cref="ErrorCode.EnergyEstimate"/>). Allowed estimates are warned about.
/// </summary>
internal static class EnergyEstimatePolicy
{
    /// <summary>Before profiling: the meter itself only estimates (no counter on this machine).</summary>
    public static void CheckMeter(SearchRequest request, IEnergyMeter meter, ISearchObserver observer)
    {
        if (!EnergyMatters(request) || !meter.IsEstimate) return;
        string what = $"{(request.Constraints.NeedsEnergy ? "MaxEnergy" : "MinimizeEnergy")} rests on an energy estimate: this machine has no energy counter";
        if (!request.AllowEnergyEstimates)
            throw new ShapeDnnException(ErrorCode.EnergyEstimate, $"{what}, and estimates are forbidden. Allow them, or run the search on a machine with RAPL or NVML counters.");
        observer.Warning($"{ErrorCode.EnergyEstimate.ToCodeString()}: {what}; energy figures are estimates (see the report's energy method).");
    }

    /// <summary>
    /// After profiling: a measuring meter can fall back to an estimate for single shapes (a stalled or
    /// missing counter); where energy decides and estimates are forbidden, that stops the search.
    /// </summary>
    public static void CheckFallbacks(SearchRequest request, IEnergyMeter meter, IReadOnlyList<ShapeProfile> profiles, ISearchObserver observer)
    {
        if (!EnergyMatters(request) || meter.IsEstimate) return;
        var estimated = profiles.FirstOrDefault(p => p.Energy is { Source: FigureSource.Estimated });
        if (estimated is null) return;
        string what = $"the energy counter failed for {estimated.Shape.Name} ({estimated.Energy!.Method})";
        if (!request.AllowEnergyEstimates)
            throw new ShapeDnnException(ErrorCode.EnergyEstimate, $"{what}, and estimates are forbidden: the energy limit or goal cannot be honoured.");
        observer.Warning($"{ErrorCode.EnergyEstimate.ToCodeString()}: {what}; some energy figures are estimates.");
    }

    private static bool EnergyMatters(SearchRequest request) => request.Constraints.NeedsEnergy || request.Goal == Goal.MinimizeEnergy;
}
