using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;

namespace ShapeDnn.CodeGeneration;

/// <summary>
/// Everything <see cref="CSharpModelGenerator"/> writes into the generated inference class: its name
/// and place, the ONNX file it loads, the input geometry, and the chosen shape with its figures.
/// </summary>
/// <remarks>
/// Names come from the user (<c>ShapeDnnModelName</c>, <c>ShapeDnnNamespace</c>) and are validated by
/// the generator; labels, device and dataset names are free text and are escaped wherever they appear.
/// </remarks>
public sealed record GeneratedModelDescription
{
    /// <summary>Name of the generated class, e.g. <c>FashionClassifier</c>; a C# identifier, not a keyword.</summary>
    public required string ClassName { get; init; }

    /// <summary>Namespace of the generated class, e.g. <c>MyApp.Models</c>; dot-separated C# identifiers.</summary>
    public required string Namespace { get; init; }

    /// <summary>File name (no folder) of the ONNX model the class loads from beside the app, e.g. <c>FashionClassifier.onnx</c>.</summary>
    public required string OnnxFileName { get; init; }

    /// <summary>Image geometry (channels × height × width) and class count the network takes and produces.</summary>
    public required InputShape Input { get; init; }

    /// <summary>Accessibility of the generated class: <c>public</c> (the default) or <c>internal</c>, as Grpc.Tools' <c>Access</c>.</summary>
    public GeneratedAccess Access { get; init; } = GeneratedAccess.Public;

    /// <summary>Human-readable class names in output order, or <see langword="null"/> to name classes by index.</summary>
    public IReadOnlyList<string>? ClassLabels { get; init; }

    /// <summary>The chosen shape (depth × width multiplier).</summary>
    public required Shape Shape { get; init; }

    /// <summary>Learnable parameters of the network.</summary>
    public required long ParameterCount { get; init; }

    /// <summary>Bytes of the fp32 weights and batch-norm statistics.</summary>
    public required long Fp32SizeBytes { get; init; }

    /// <summary>Accuracy on held-out validation data, a fraction in [0, 1].</summary>
    public required double ValidationAccuracy { get; init; }

    /// <summary>Accuracy on the test set, a fraction in [0, 1], or <see langword="null"/> when not evaluated.</summary>
    public double? TestAccuracy { get; init; }

    /// <summary>Forward-pass latency of one batch on the deployment device, measured or predicted.</summary>
    public required LatencyMeasurement Latency { get; init; }

    /// <summary>Energy of one forward pass of one batch, measured, predicted or estimated.</summary>
    public required EnergyFigure Energy { get; init; }

    /// <summary>Name of the training dataset, e.g. <c>fashion-mnist</c>.</summary>
    public required string DatasetName { get; init; }

    /// <summary>Content hash of the training dataset.</summary>
    public required string DatasetHash { get; init; }

    /// <summary>Version of ShapeDnn that produced the model and the class.</summary>
    public required string ToolVersion { get; init; }
}
