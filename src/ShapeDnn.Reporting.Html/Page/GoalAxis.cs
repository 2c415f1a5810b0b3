using ShapeDnn.Constraints;
using ShapeDnn.Profiles;

namespace ShapeDnn.Reporting.Html.Page;

/// <summary>A shape's figure on the goal axis and where it comes from (null source = exact, e.g. a parameter count).</summary>
public readonly record struct AxisValue(double Value, FigureSource? Source);

/// <summary>
/// The horizontal axis of the trade-off plot: the figure the goal minimises (parameters, latency or
/// energy; for <see cref="Goal.MaximizeAccuracy"/> latency where every shape has it, else parameters),
/// its unit, and the limit the user set on it.
/// </summary>
/// <param name="Name">What the figure is, e.g. <c>Median latency per pass, batch 1</c>.</param>
/// <param name="Unit">Unit of the values, "" for a count.</param>
/// <param name="LimitName">The constraint key drawn as a vertical line, e.g. <c>MaxLatency</c>.</param>
/// <param name="Limit">Its value in the axis's unit; null when the user set none.</param>
/// <param name="ValueOf">The shape's figure, or null when it was not profiled.</param>
public sealed record GoalAxis(string Name, string Unit, string LimitName, double? Limit, Func<ShapeRow, AxisValue?> ValueOf)
{
    /// <summary>The axis title: the name with its unit.</summary>
    public string Title => Unit.Length == 0 ? Name : $"{Name} ({Unit})";

    /// <summary>Chooses the axis for <paramref name="goal"/>.</summary>
    public static GoalAxis For(Goal goal, ConstraintSet limits, IReadOnlyList<ShapeRow> rows, int batchSize)
    {
        var parameters = new GoalAxis("Learnable parameters", "", "MaxParameters", limits.MaxParameters, r => new AxisValue(r.Parameters, null));
        var latency = new GoalAxis($"Median latency per pass, batch {batchSize}", "ms", "MaxLatency", limits.MaxLatencyMilliseconds,
            r => r.Latency is { } l ? new AxisValue(l.MedianMilliseconds, l.Source) : null);
        var energy = new GoalAxis("Energy per pass", "mJ", "MaxEnergy", limits.MaxEnergyMillijoules,
            r => r.Energy is { } e ? new AxisValue(e.Millijoules, e.Source) : null);
        return goal switch
        {
            Goal.MinimizeLatency => latency,
            Goal.MinimizeEnergy => energy,
            // Accuracy is on the other axis already: show its price in latency when every ranked shape has one.
            Goal.MaximizeAccuracy when rows.Where(HasAccuracy).All(r => r.Latency is not null) && rows.Any(r => r.Latency is not null) => latency,
            _ => parameters,
        };
    }

    private static bool HasAccuracy(ShapeRow r) => r.Training is not null || r.PredictedAccuracy is not null;
}
