using ShapeDnn.Profiles;

namespace ShapeDnn.Filtering;

/// <summary>Measures every shape the limits or goal need, cheapest first, skipping shapes that dominate one clearly over a limit.</summary>
internal static class FullProfiling
{
    public static ProfilingSummary Run(ProfilingRun run, IReadOnlyList<ShapeProfile> candidates, string method, CancellationToken cancellationToken)
    {
        foreach (var p in candidates.OrderBy(p => p.Plan.MultiplyAccumulates)) run.MeasureAndJudge(p, cancellationToken);
        return Summary(run, candidates, method);
    }

    public static ProfilingSummary Summary(ProfilingRun run, IReadOnlyList<ShapeProfile> candidates, string method) => new(
        method,
        candidates.Count(p => p.Latency is { Source: FigureSource.Measured }),
        candidates.Count(p => p.Latency is { Source: FigureSource.Predicted }),
        candidates.Count(p => p.Latency is null),
        run.Measurer.Unmeasurable,
        0, null, [], null, null, [], null, null);
}
