namespace ShapeDnn.Search;

/// <summary>What training one proposed shape gave: a validation accuracy, or the reason it could not be trained.</summary>
public readonly record struct EvaluationResult
{
    private EvaluationResult(double? accuracy, string? skipReason)
    {
        ValidationAccuracy = accuracy;
        SkipReason = skipReason;
    }

    /// <summary>The measured validation accuracy; null when skipped.</summary>
    public double? ValidationAccuracy { get; }

    /// <summary>Why the shape was not trained; null when trained.</summary>
    public string? SkipReason { get; }

    /// <summary>A trained shape.</summary>
    public static EvaluationResult Trained(double accuracy) => new(accuracy, null);

    /// <summary>A shape that cannot be trained; the search treats it as infeasible and goes on.</summary>
    public static EvaluationResult Skipped(string reason) => new(null, reason);
}
