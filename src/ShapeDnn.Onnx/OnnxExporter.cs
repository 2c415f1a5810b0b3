using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Onnx.Families;
using ShapeDnn.Onnx.Model;
using ShapeDnn.Tensors;

using ShapeDnn.Cache;

namespace ShapeDnn.Onnx;

/// <summary>
/// Exports a trained network of any family (a <see cref="NetworkPlan"/> and its weights) as an
/// ONNX model (IR version 8, opset 17), serialised through the messages generated from onnx.proto.
/// </summary>
/// <remarks>
/// <para>
/// Input <c>pixels</c>: float32 [batch, C, H, W] (NCHW) with a symbolic batch dimension named
/// <c>batch</c>, holding raw pixel values 0…255 exactly as the dataset stores them. The graph
/// normalises them itself, <c>(x / 255 − mean_c) / std_c</c>, as one <c>Mul</c> by
/// <c>1 / (255·std_c)</c> and one <c>Add</c> of <c>−mean_c / std_c</c>, both per-channel [1, C, 1, 1]
/// constants; callers must not normalise again.
/// </para>
/// <para>
/// Then the family's body; for a Wide ResNet: stem Conv 3×3 (pads 1, no bias); per block BatchNormalization (inference, epsilon
/// <see cref="NetworkPlan.BatchNormEpsilon"/>) → Relu → Conv 3×3 (block stride) → BatchNormalization →
/// Relu → Conv 3×3, plus a 1×1 Conv (block stride) on the pre-activated input where
/// <see cref="ResidualBlock.HasShortcutConv"/> or the raw block input otherwise, joined by Add, and the head
/// BatchNormalization → Relu; for a mobile network see <see cref="Families.MobileNetGraphBuilder"/>. Every family
/// ends in GlobalAveragePool → Flatten → Gemm (transB = 1).
/// </para>
/// <para>
/// Outputs: <c>logits</c> [batch, K] and <c>probabilities</c> [batch, K] = Softmax(logits, axis −1).
/// </para>
/// <para>
/// <c>metadata_props</c>: <c>shapednn.shape</c>, <c>shapednn.family</c>, <c>shapednn.depth</c>, <c>shapednn.width</c>,
/// <c>shapednn.parameters</c>, <c>shapednn.input_shape</c> (C×H×W), <c>shapednn.classes</c>,
/// <c>shapednn.input_layout</c>, <c>shapednn.normalization</c>, <c>shapednn.normalization.mean</c>
/// and <c>shapednn.normalization.std</c> (comma-separated, invariant culture, round-trippable), and
/// <c>shapednn.class_labels</c> (a JSON array of strings) when <see cref="OnnxExportOptions.ClassLabels"/> is set.
/// </para>
/// </remarks>
public static class OnnxExporter
{
    /// <summary>ONNX IR version written (ONNX 1.10 – 1.12).</summary>
    public const long IrVersion = 8;

    /// <summary>Version of the default operator set (the highest that ONNX 1.12's checker knows).</summary>
    public const long OpsetVersion = 17;

    /// <summary>Name of the graph input.</summary>
    public const string InputName = "pixels";

    /// <summary>Name of the symbolic batch dimension of inputs and outputs.</summary>
    public const string BatchDimension = "batch";

    /// <summary>Name of the logits output.</summary>
    public const string LogitsName = "logits";

    /// <summary>Name of the softmax output.</summary>
    public const string ProbabilitiesName = "probabilities";

    /// <summary>Prefix of the exporter's own metadata keys.</summary>
    public const string MetadataPrefix = "shapednn.";

    /// <summary>Metadata key of the class names: a JSON array of strings in class order.</summary>
    public const string ClassLabelsKey = MetadataPrefix + "class_labels";

    /// <summary>Builds the ONNX model in memory; the weights are referenced, not copied.</summary>
    /// <exception cref="ArgumentException">The weights or the normalisation do not match the plan.</exception>
    public static OnnxModel BuildModel(
        NetworkPlan plan, IReadOnlyList<NamedTensor> weights, ChannelNormalization normalization, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(normalization);
        options ??= new OnnxExportOptions();

        var byName = WeightValidator.Validate(plan, weights);
        WeightValidator.Validate(plan, normalization);
        var metadata = Metadata(plan, normalization, options);
        string doc = DocString(plan, normalization, options);

        var graph = OnnxGraphWriter.Build(plan, byName, normalization, options.GraphName ?? plan.Shape.Name, doc);
        return new OnnxModel(graph, IrVersion, OpsetVersion)
        {
            ProducerName = options.ProducerName,
            ProducerVersion = options.ProducerVersion ?? AssemblyVersion(),
            ModelVersion = options.ModelVersion,
            DocString = doc,
            Metadata = metadata,
        };
    }

    /// <summary>Exports the network as the bytes of an ONNX file.</summary>
    /// <exception cref="ArgumentException">The weights or the normalisation do not match the plan.</exception>
    public static byte[] Export(
        NetworkPlan plan, IReadOnlyList<NamedTensor> weights, ChannelNormalization normalization, OnnxExportOptions? options = null) =>
        BuildModel(plan, weights, normalization, options).ToByteArray();

    /// <summary>
    /// Exports the network to <paramref name="path"/> atomically: the file is either replaced whole or
    /// left untouched (the bytes go to a temporary file in the same folder that is then renamed).
    /// </summary>
    /// <exception cref="ArgumentException">The weights or the normalisation do not match the plan.</exception>
    public static void Write(
        NetworkPlan plan, IReadOnlyList<NamedTensor> weights, ChannelNormalization normalization, string path, OnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Validate and build before touching the file system: a bad input creates no file at all.
        var model = BuildModel(plan, weights, normalization, options);
        AtomicFile.Write(path, model.WriteTo);
    }

    private static List<KeyValuePair<string, string>> Metadata(NetworkPlan plan, ChannelNormalization normalization, OnnxExportOptions options)
    {
        var input = plan.Input;
        var entries = new List<KeyValuePair<string, string>>
        {
            new(MetadataPrefix + "shape", plan.Shape.Name),
            new(MetadataPrefix + "family", plan.Shape.Family),
            new(MetadataPrefix + "depth", plan.Shape.Depth.ToString(CultureInfo.InvariantCulture)),
            new(MetadataPrefix + "width", plan.Shape.Width.ToString("R", CultureInfo.InvariantCulture)),
            new(MetadataPrefix + "parameters", plan.ParameterCount.ToString(CultureInfo.InvariantCulture)),
            new(MetadataPrefix + "input_shape", $"{input.Channels}x{input.Height}x{input.Width}"),
            new(MetadataPrefix + "classes", input.Classes.ToString(CultureInfo.InvariantCulture)),
            new(MetadataPrefix + "input_layout", "NCHW float32, raw pixel values 0..255"),
            new(MetadataPrefix + "normalization", "(pixel / 255 - mean[c]) / std[c], applied inside the graph"),
            new(MetadataPrefix + "normalization.mean", FormatFloats(normalization.Mean)),
            new(MetadataPrefix + "normalization.std", FormatFloats(normalization.Std)),
        };
        if (options.ClassLabels is { } labels)
        {
            if (labels.Count != input.Classes)
                throw new ArgumentException($"{labels.Count} class labels for a network of {input.Classes} classes.", nameof(options));
            entries.Add(new(ClassLabelsKey, LabelsJson(labels)));
        }
        foreach (var (key, value) in options.Metadata ?? new Dictionary<string, string>())
        {
            if (entries.Any(e => e.Key == key))
                throw new ArgumentException($"Metadata key '{key}' is reserved by the exporter.", nameof(options));
            entries.Add(new(key, value));
        }
        return entries;
    }

    private static string DocString(NetworkPlan plan, ChannelNormalization normalization, OnnxExportOptions options)
    {
        var input = plan.Input;
        string doc =
            $"{Capitalized(NetworkFamilies.Of(plan.Shape).Description)} {plan.Shape.Name}, {plan.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters, " +
            $"for {input.Channels}x{input.Height}x{input.Width} images and {input.Classes} classes.\n" +
            $"Input '{InputName}': float32 [{BatchDimension}, {input.Channels}, {input.Height}, {input.Width}] (NCHW), raw pixel values 0..255 " +
            "as stored in the dataset; do not normalise them, the graph computes (pixel / 255 - mean[c]) / std[c] itself " +
            $"with mean = [{FormatFloats(normalization.Mean)}] and std = [{FormatFloats(normalization.Std)}].\n" +
            $"Outputs: '{LogitsName}' float32 [{BatchDimension}, {input.Classes}] and '{ProbabilitiesName}' = softmax(logits) over the classes.";
        return options.AdditionalDocumentation is { Length: > 0 } extra ? doc + "\n" + extra : doc;
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string LabelsJson(IReadOnlyList<string> labels)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping: labels are data, never HTML, and stay readable ("café", not "caf\u00E9").
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var label in labels) json.WriteStringValue(label);
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string FormatFloats(float[] values) =>
        string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static string AssemblyVersion()
    {
        var assembly = typeof(OnnxExporter).Assembly;
        string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // Drop the "+<commit>" source-link suffix: producer_version should be a plain version.
        return version?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "0";
    }
}
