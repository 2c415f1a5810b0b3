using ShapeDnn.Profiles;

namespace ShapeDnn.Reporting.Html.Page;

/// <summary>Where a point's accuracy comes from.</summary>
public enum AccuracyKind
{
    /// <summary>Trained: the measured validation accuracy.</summary>
    Measured,
    /// <summary>Not trained: the predictor's final estimate, with its standard deviation.</summary>
    Predicted,
    /// <summary>Excluded by a limit before the search: no accuracy at all.</summary>
    None,
}

/// <summary>What the search made of a shape, for labelling.</summary>
public enum ShapeRole
{
    /// <summary>Neither chosen nor a runner-up.</summary>
    Other,
    /// <summary>The delivered shape.</summary>
    Chosen,
    /// <summary>One of the next best trained shapes.</summary>
    RunnerUp,
}

/// <summary>One shape on the trade-off plot.</summary>
/// <param name="Name">e.g. <c>WRN-16-2</c>.</param>
/// <param name="X">Its goal-axis figure.</param>
/// <param name="XSource">Measured, predicted or estimated; null for exact counts.</param>
/// <param name="Accuracy">Validation accuracy 0 … 1 (measured or predicted); null for <see cref="AccuracyKind.None"/>.</param>
/// <param name="AccuracyStd">Standard deviation of a predicted accuracy.</param>
/// <param name="Kind">Measured, predicted or none.</param>
/// <param name="Role">Chosen, runner-up (with <paramref name="Rank"/>) or other.</param>
/// <param name="Rank">1 for the chosen shape, 2 … for runners-up, 0 otherwise.</param>
public sealed record ShapePoint(string Name, double X, FigureSource? XSource, double? Accuracy, double? AccuracyStd, AccuracyKind Kind, ShapeRole Role, int Rank);
