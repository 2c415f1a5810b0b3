namespace ShapeDnn.Onnx;

/// <summary>Optional settings of <see cref="OnnxExporter"/>; the defaults suit a build-time export.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>ONNX <c>producer_name</c>.</summary>
    public string ProducerName { get; init; } = "ShapeDnn";

    /// <summary>ONNX <c>producer_version</c>; defaults to the version of this assembly.</summary>
    public string? ProducerVersion { get; init; }

    /// <summary>ONNX <c>model_version</c>.</summary>
    public long ModelVersion { get; init; } = 1;

    /// <summary>Graph name; defaults to the shape name, e.g. <c>WRN-16-4</c>.</summary>
    public string? GraphName { get; init; }

    /// <summary>Text appended to the generated model doc string (e.g. training details).</summary>
    public string? AdditionalDocumentation { get; init; }

    /// <summary>
    /// Class names in class order, written to <c>metadata_props</c> as <c>shapednn.class_labels</c>, a
    /// JSON array of strings (JSON because a label may contain any character, commas and newlines included).
    /// Must have one entry per class; null writes no labels.
    /// </summary>
    public IReadOnlyList<string>? ClassLabels { get; init; }

    /// <summary>
    /// Extra <c>metadata_props</c> entries (e.g. dataset hash, validation accuracy). Keys must not
    /// collide with the exporter's own <c>shapednn.*</c> keys listed in <see cref="OnnxExporter"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
