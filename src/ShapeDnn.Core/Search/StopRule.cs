namespace ShapeDnn.Search;

/// <summary>
/// Decides after each epoch of a training whether it is still worth continuing: the search's half
/// of the per-epoch channel between the search and a trainer. It is fixed when the shape is
/// proposed (it sees the search's state at that moment and the shape's own curve, nothing that
/// depends on when other trainings finish), so decisions stay deterministic under <c>--parallel</c>.
/// </summary>
public sealed class StopRule
{
    private readonly Func<IReadOnlyList<double>, string?> _decide;

    /// <summary>Creates a rule for a recipe of <paramref name="epochs"/> epochs.</summary>
    /// <param name="epochs">The recipe's epochs; the rule never stops a run after its last epoch.</param>
    /// <param name="decide">Given the validation curve so far, null to continue or the reason to stop.</param>
    public StopRule(int epochs, Func<IReadOnlyList<double>, string?> decide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        Epochs = epochs;
        _decide = decide;
    }

    /// <summary>A rule that never stops a run early.</summary>
    public static StopRule Never(int epochs) => new(epochs, _ => null);

    /// <summary>The recipe's epochs.</summary>
    public int Epochs { get; }

    /// <summary>
    /// Null to continue after the epoch that ends <paramref name="validationCurve"/> (one validation
    /// accuracy per epoch done), or why the run should stop there. A complete run is never stopped.
    /// </summary>
    public string? ShouldStop(IReadOnlyList<double> validationCurve) =>
        validationCurve.Count == 0 || validationCurve.Count >= Epochs ? null : _decide(validationCurve);
}
