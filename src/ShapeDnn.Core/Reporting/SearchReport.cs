using ShapeDnn.Profiles;

namespace ShapeDnn.Reporting;

/// <summary>Everything a search did and found; written as <c>N.report.json</c> and printed with <c>--json</c>.</summary>
/// <param name="ToolVersion">ShapeDnn version.</param>
/// <param name="CreatedUtc">When the search finished.</param>
/// <param name="Dataset">The data searched on.</param>
/// <param name="Request">The user's request, canonicalised.</param>
/// <param name="Devices">Where training, latency and energy figures come from.</param>
/// <param name="Search">How the search went.</param>
/// <param name="Profiling">How latency and energy were obtained: measured and predicted counts, the prediction's hold-out error.</param>
/// <param name="Chosen">The delivered shape.</param>
/// <param name="RunnersUp">The next best trained shapes under the goal, best first.</param>
/// <param name="Shapes">Every shape of the design space with its profile, filter verdict, prediction and measurement.</param>
/// <param name="Outputs">Files written.</param>
public sealed record SearchReport(
    string ToolVersion,
    DateTime CreatedUtc,
    DatasetSummary Dataset,
    RequestSummary Request,
    DeviceSummary Devices,
    SearchSummary Search,
    ProfilingSummary Profiling,
    ShapeRow Chosen,
    IReadOnlyList<ShapeRow> RunnersUp,
    IReadOnlyList<ShapeRow> Shapes,
    OutputSummary Outputs);

/// <summary>The dataset as used.</summary>
public sealed record DatasetSummary(string Path, string Format, string ContentHash, int Channels, int Height, int Width, int Classes,
    int TrainImages, int ValidationImages, int TestImages);

/// <summary>The request, canonicalised.</summary>
public sealed record RequestSummary(string Constraints, string Goal, string Budget, int Epochs, int? TrainSubset, int MaxTrainedShapes,
    string DesignSpace, int BatchSize, bool AllowEnergyEstimates);

/// <summary>Where the figures come from.</summary>
public sealed record DeviceSummary(string Training, string Latency, string Energy, bool EnergyIsEstimate);

/// <summary>How the search went.</summary>
public sealed record SearchSummary(int SpaceShapes, int FeasibleShapes, int TrainedShapes, int TrainedFromScratch, int FromCache,
    string StopReason, string StopExplanation, double ProfileSeconds, double TrainingSeconds, double TotalSeconds)
{
    /// <summary>Shapes trained at a time (1 = one after another).</summary>
    public int Parallel { get; init; } = 1;
    /// <summary>Shapes proposed but not trainable on this device (reasons in their rows).</summary>
    public int SkippedShapes { get; init; }
}

/// <summary>Files written by the search.</summary>
public sealed record OutputSummary(string Onnx, string Code, string Report)
{
    /// <summary>The HTML report beside <see cref="Report"/> (null in reports written before it existed).</summary>
    public string? Html { get; init; }
}

/// <summary>One shape of the design space.</summary>
public sealed record ShapeRow
{
    /// <summary>Name, e.g. <c>WRN-16-2</c> or <c>DenseNet-BC-40-12</c>.</summary>
    public required string Name { get; init; }
    /// <summary>Network family id, e.g. <c>wrn</c> or <c>densenet-bc</c> (<c>wrn</c> in reports written before there were families).</summary>
    public string Family { get => _family ?? ShapeDnn.Families.NetworkFamilies.WideResNetId; init => _family = value; }
    private readonly string? _family;
    /// <summary>The family's depth, e.g. 6n+4.</summary>
    public required int Depth { get; init; }
    /// <summary>The family's width, e.g. a Wide ResNet's multiplier or a DenseNet's growth rate.</summary>
    public required double Width { get; init; }
    /// <summary>Learnable parameters.</summary>
    public required long Parameters { get; init; }
    /// <summary>fp32 size in bytes.</summary>
    public required long SizeBytes { get; init; }
    /// <summary>Multiply-accumulates per image.</summary>
    public required long MultiplyAccumulates { get; init; }
    /// <summary>Latency, when profiled.</summary>
    public LatencyMeasurement? Latency { get; init; }
    /// <summary>Energy per forward pass, when profiled.</summary>
    public EnergyFigure? Energy { get; init; }
    /// <summary>Whether the shape passed the size, latency and energy limits.</summary>
    public required bool Feasible { get; init; }
    /// <summary>Why it was excluded, when it was.</summary>
    public string? ExcludedBy { get; init; }
    /// <summary>Predicted validation accuracy after the search (feasible shapes).</summary>
    public double? PredictedAccuracy { get; init; }
    /// <summary>Standard deviation of <see cref="PredictedAccuracy"/>.</summary>
    public double? PredictedAccuracyStd { get; init; }
    /// <summary>Training details when the shape was trained.</summary>
    public TrainingRow? Training { get; init; }
    /// <summary>Why the search proposed the shape but could not train it (e.g. out of GPU memory); null otherwise.</summary>
    public string? TrainingSkipped { get; init; }
}

/// <summary>A trained shape's figures.</summary>
/// <param name="Round">Position in the training order.</param>
/// <param name="Why">Why it was trained.</param>
/// <param name="PredictedBefore">Predicted accuracy before training (null for the first proposals).</param>
/// <param name="PredictedBeforeStd">Its standard deviation.</param>
/// <param name="ValidationAccuracy">Measured validation accuracy.</param>
/// <param name="TestAccuracy">Measured test accuracy (reported only).</param>
/// <param name="TrainingSeconds">Training time when it was trained (also for cache hits: the original time).</param>
/// <param name="ImagesPerSecond">Training throughput.</param>
/// <param name="FromCache">Whether this search took it from the cache.</param>
/// <param name="Epochs">Per-epoch loss, validation accuracy, time and resident memory of the training run.</param>
public sealed record TrainingRow(int Round, string Why, double? PredictedBefore, double? PredictedBeforeStd, double ValidationAccuracy,
    double TestAccuracy, double TrainingSeconds, double ImagesPerSecond, bool FromCache, IReadOnlyList<ShapeDnn.Training.EpochStatistics> Epochs)
{
    /// <summary>The batch size used, when it differs from the recipe's (after running out of device memory).</summary>
    public int? BatchSize { get; init; }
    /// <summary>How the run deviated from the recipe, if it did.</summary>
    public string? Note { get; init; }
    /// <summary>Epochs actually trained, when the run may have stopped before the recipe's (learning-curve early stopping); null = the recipe's.</summary>
    public int? TrainedEpochs { get; init; }
    /// <summary>Why training stopped, e.g. <c>full budget</c> or <c>stopped early: cannot reach MinAccuracy</c>; null when not recorded.</summary>
    public string? TrainingStop { get; init; }
}
