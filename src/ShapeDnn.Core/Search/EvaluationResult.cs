namespace ShapeDnn.Search;

/// <summary>
/// What training one proposed shape gave: its validation curve (one accuracy per epoch done, the
/// epochs of an earlier partial run included) and whether it ran to the recipe's last epoch; or the
/// reason it could not be trained.
/// </summary>
public readonly record struct EvaluationResult
{
    private EvaluationResult(IReadOnlyList<double>? curve, bool completed, string? stoppedBecause, string? skipReason)
    {
        Curve = curve;
        Completed = completed;
        StoppedBecause = stoppedBecause;
        SkipReason = skipReason;
    }

    /// <summary>Validation accuracy after each epoch done; null when skipped.</summary>
    public IReadOnlyList<double>? Curve { get; }

    /// <summary>The last measured validation accuracy; null when skipped.</summary>
    public double? ValidationAccuracy => Curve is { Count: > 0 } c ? c[^1] : null;

    /// <summary>Whether the run reached the recipe's last epoch (only a complete run can be delivered).</summary>
    public bool Completed { get; }

    /// <summary>Why the run stopped before its last epoch (the stop rule's reason); null when complete or skipped.</summary>
    public string? StoppedBecause { get; }

    /// <summary>Why the shape was not trained; null when trained.</summary>
    public string? SkipReason { get; }

    /// <summary>A complete run known only by its final accuracy (a one-point curve).</summary>
    public static EvaluationResult Trained(double accuracy) => new([accuracy], true, null, null);

    /// <summary>A run with its whole validation curve; <paramref name="stoppedBecause"/> is null for a complete run.</summary>
    /// <exception cref="ArgumentException">An empty curve, or a stopped run without a reason.</exception>
    public static EvaluationResult FromCurve(IReadOnlyList<double> curve, bool completed, string? stoppedBecause = null)
    {
        if (curve.Count == 0) throw new ArgumentException("A trained shape has at least one epoch.", nameof(curve));
        if (!completed && string.IsNullOrEmpty(stoppedBecause)) throw new ArgumentException("A run stopped early says why.", nameof(stoppedBecause));
        return new(curve.ToArray(), completed, completed ? null : stoppedBecause, null);
    }

    /// <summary>A shape that cannot be trained; the search treats it as infeasible and goes on.</summary>
    public static EvaluationResult Skipped(string reason) => new(null, false, null, reason);
}
