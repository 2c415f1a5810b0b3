namespace ShapeDnn.Replay;

/// <summary>What <c>shapednn replay --json</c> prints: the search's pick and spend against exhaustive training.</summary>
/// <param name="Chosen">The delivered shape, e.g. <c>WRN-16-4</c>.</param>
/// <param name="Trained">Every shape the search trained, in training order, with the epochs it got.</param>
/// <param name="TrainingSeconds">What the search's training cost: a shape run for k of E epochs costs k/E of its <c>trainSeconds</c>.</param>
/// <param name="ExhaustiveSeconds">Sum of <c>trainSeconds</c> over the shapes that meet the size, latency and energy limits.</param>
/// <param name="StopReason">Why the search stopped (the search's own stop reason).</param>
public sealed record ReplayResult(string Chosen, IReadOnlyList<ReplayTraining> Trained, double TrainingSeconds, double ExhaustiveSeconds, string StopReason)
{
    /// <summary>The shape exhaustive search picks (every feasible shape trained in full, the file's figures).</summary>
    public string? ExhaustiveChoice { get; init; }

    /// <summary>The chosen shape's goal metric (parameters, ms or mJ; validation accuracy for MaximizeAccuracy).</summary>
    public double ChosenMetric { get; init; }

    /// <summary>The exhaustive choice's goal metric.</summary>
    public double? ExhaustiveMetric { get; init; }

    /// <summary>The chosen shape's final validation accuracy in the file.</summary>
    public double ChosenValidationAccuracy { get; init; }

    /// <summary>Shapes that meet the size, latency and energy limits (by the file's figures).</summary>
    public int FeasibleShapes { get; init; }

    /// <summary>Batches of proposals the search trained (rounds of concurrent trainings under <c>--parallel</c>; one per training at 1).</summary>
    public int Rounds { get; init; }

    /// <summary>
    /// Sum over the rounds of the longest training of each, as if each ran alone: the wall time of the
    /// rounds without contention between concurrent trainings (a lower bound on a GPU that they fill).
    /// </summary>
    public double RoundSeconds { get; init; }

    /// <summary><see cref="TrainingSeconds"/> / <see cref="ExhaustiveSeconds"/>.</summary>
    public double SpendRatio => ExhaustiveSeconds > 0 ? TrainingSeconds / ExhaustiveSeconds : 0;
}

/// <summary>One training of a replayed search.</summary>
/// <param name="Shape">The shape.</param>
/// <param name="Epochs">Epochs it got (the recipe's when it ran to the end).</param>
public sealed record ReplayTraining(string Shape, int Epochs)
{
    /// <summary>Why the search proposed it (the reason the report gives).</summary>
    public string? Why { get; init; }

    /// <summary>Why it stopped early; null when it ran to the end.</summary>
    public string? Stopped { get; init; }

    /// <summary>1-based round (batch of proposals) it was trained in.</summary>
    public int Round { get; init; }
}
