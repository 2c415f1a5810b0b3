namespace ShapeDnn.Reporting.Html.Page;

/// <summary>
/// The part of the trade-off plane the user's limits allow: goal figure at most <see cref="MaxX"/>,
/// accuracy at least <see cref="MinAccuracy"/>; an open side where no limit is set. Limits on other
/// figures (say MaxSize on a latency plot) cannot be drawn on these axes: they show as excluded points.
/// </summary>
/// <param name="MaxX">The limit on the goal axis, or null.</param>
/// <param name="MinAccuracy">MinAccuracy as a fraction, or null.</param>
public sealed record FeasibleRegion(double? MaxX, double? MinAccuracy)
{
    /// <summary>Whether either side is bounded (otherwise there is nothing to shade).</summary>
    public bool IsBounded => MaxX is not null || MinAccuracy is not null;

    /// <summary>Whether a point at (<paramref name="x"/>, <paramref name="accuracy"/>) meets both limits.</summary>
    public bool Contains(double x, double accuracy) => (MaxX is not { } max || x <= max) && (MinAccuracy is not { } min || accuracy >= min);
}
