using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Training;

namespace ShapeDnn.Engine;

/// <summary>A complete, validated search request (what <c>shapednn search</c> and the MSBuild task ask for).</summary>
/// <param name="DatasetFolder">Folder with an IDX or CIFAR-10 binary dataset.</param>
/// <param name="Constraints">The limits.</param>
/// <param name="Goal">The goal.</param>
/// <param name="OutputFolder">Where <c>N.onnx</c>, <c>N.g.cs</c> and <c>N.report.json</c> go.</param>
/// <param name="ModelName">N: file names and the generated class name.</param>
/// <param name="Namespace">Namespace of the generated class.</param>
/// <param name="BatchSize">Images per forward pass for latency and energy.</param>
/// <param name="Budget">Training budget.</param>
/// <param name="Space">Design space (of one family; <see cref="Spaces"/> for several).</param>
/// <param name="CacheFolder">Cache root.</param>
/// <param name="AllowEnergyEstimates">Whether an energy limit or goal may rest on an estimate (with a warning).</param>
/// <param name="Parallel">Shapes trained at a time; the trainer must be safe to call from that many threads (e.g. one worker process per call).</param>
/// <param name="Prediction">When latency and energy may be predicted rather than measured for every shape; null for the defaults.</param>
/// <param name="ClassLabels">Class names in class order (checked against the dataset's class count); null to use the known dataset's names or the class indices.</param>
/// <param name="Access">Accessibility of the generated class.</param>
public sealed record SearchRequest(
    string DatasetFolder,
    ConstraintSet Constraints,
    Goal Goal,
    string OutputFolder,
    string ModelName,
    string Namespace,
    int BatchSize,
    TrainingBudget Budget,
    DesignSpaceSpec Space,
    string CacheFolder,
    bool AllowEnergyEstimates = true,
    int Parallel = 1,
    ShapeDnn.Profiles.Prediction.PredictionOptions? Prediction = null,
    IReadOnlyList<string>? ClassLabels = null,
    ShapeDnn.CodeGeneration.GeneratedAccess Access = ShapeDnn.CodeGeneration.GeneratedAccess.Public)
{
    private readonly IReadOnlyList<DesignSpaceSpec>? _spaces;

    /// <summary>The spaces searched, one per family (<see cref="SearchSpaces.Parse"/>); <see cref="Space"/> alone unless set.</summary>
    public IReadOnlyList<DesignSpaceSpec> Spaces
    {
        get => _spaces ?? [Space];
        init => _spaces = value is { Count: > 0 } ? value : throw new ArgumentException("A search needs at least one space.", nameof(value));
    }
}
