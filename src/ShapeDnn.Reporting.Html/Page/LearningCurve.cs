namespace ShapeDnn.Reporting.Html.Page;

/// <summary>Validation accuracy per epoch of one trained shape.</summary>
/// <param name="Name">The shape.</param>
/// <param name="Points">(epoch, validation accuracy 0 … 1) in epoch order.</param>
/// <param name="StoppedEarly">Whether it trained fewer epochs than the recipe asked for.</param>
/// <param name="Stop">Why training stopped, when the report says.</param>
/// <param name="Role">Chosen, runner-up or other.</param>
public sealed record LearningCurve(string Name, IReadOnlyList<(int Epoch, double Accuracy)> Points, bool StoppedEarly, string? Stop, ShapeRole Role);
