using System.Text;
using ShapeDnn.Families;
using ShapeDnn.Profiles;
using static ShapeDnn.CodeGeneration.CSharpSyntax;

namespace ShapeDnn.CodeGeneration;

public static partial class CSharpModelGenerator
{
    // Figures become documented constants so that an application (or a test) can show or assert
    // what it runs, and a reviewer sees in the generated file where each number came from.
    private static void WriteFigures(StringBuilder sb, GeneratedModelDescription d)
    {
        var input = d.Input;
        var latency = d.Latency;
        var energy = d.Energy;
        string batch = latency.BatchSize == 1 ? "one image" : $"a batch of {latency.BatchSize} images";
        string device = XmlDocText(latency.Device);

        Const(sb, "string", "ModelFileName", StringLiteral(d.OnnxFileName),
            "File name of the ONNX model that the parameterless constructors load from <see cref=\"global::System.AppContext.BaseDirectory\"/>.");
        Const(sb, "int", "ImageChannels", IntegerLiteral(input.Channels), "Channels per image (1 for grey-scale, 3 for RGB).");
        Const(sb, "int", "ImageHeight", IntegerLiteral(input.Height), "Image height in pixels.");
        Const(sb, "int", "ImageWidth", IntegerLiteral(input.Width), "Image width in pixels.");
        Const(sb, "int", "BytesPerImage", IntegerLiteral(input.PixelCount),
            "Bytes of one image as <see cref=\"Predict(global::System.ReadOnlySpan{byte})\"/> takes it: channels x height x width, one byte (0 to 255) per value.");
        Const(sb, "int", "ClassCount", IntegerLiteral(input.Classes), "Number of classes the model distinguishes.");

        var family = NetworkFamilies.Of(d.Shape);
        Const(sb, "string", "ShapeName", StringLiteral(d.Shape.Name),
            $"The chosen network: a {XmlDocText(family.Description)}, <c>{XmlDocText(family.NamePrefix)}-depth-width</c>.");
        Const(sb, "string", "ShapeFamily", StringLiteral(d.Shape.Family), "Network family of the chosen network, as <c>--family</c> and <c>ShapeDnnFamily</c> name it.");
        Const(sb, "int", "ShapeDepth", IntegerLiteral(d.Shape.Depth), XmlDocText(family.DepthMeaning));
        Const(sb, "double", "ShapeWidthMultiplier", DoubleLiteral(d.Shape.Width), XmlDocText(family.WidthMeaning));
        Const(sb, "long", "ParameterCount", IntegerLiteral(d.ParameterCount), "Learnable parameters of the network (exact count).");
        Const(sb, "long", "Fp32SizeBytes", IntegerLiteral(d.Fp32SizeBytes),
            "Size of the network's fp32 weights and batch-norm statistics, in bytes (exact).");

        Const(sb, "double", "ValidationAccuracy", DoubleLiteral(d.ValidationAccuracy),
            $"Accuracy on validation images held out from training, a fraction from 0 to 1 (measured on {XmlDocText(d.DatasetName)}).");
        if (d.TestAccuracy is { } test)
            Const(sb, "double", "TestAccuracy", DoubleLiteral(test),
                $"Accuracy on the test set of {XmlDocText(d.DatasetName)}, a fraction from 0 to 1 (measured; reported only, never used to choose).");
        else
            Const(sb, "double", "TestAccuracy", "double.NaN",
                "Accuracy on the test set: not evaluated, hence <see cref=\"double.NaN\"/>.");

        string latencyOrigin = latency.Source == FigureSource.Measured
            ? $"measured on {device} over {latency.Runs} timed runs after warm-up"
            : $"{SourceWord(latency.Source)} for {device}, not measured";
        if (latency.Unreliable)
            latencyOrigin += string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $". UNRELIABLE: the timed runs spread ±{latency.RelativeSpread * 50:0} % even when measured again (the machine was busy); see <see cref=\"LatencyIsReliable\"/>");
        Const(sb, "double", "LatencyMilliseconds", DoubleLiteral(latency.MedianMilliseconds),
            $"Median latency of one forward pass of {batch}, in milliseconds: {latencyOrigin}.");
        Const(sb, "double", "LatencyP10Milliseconds", DoubleLiteral(latency.P10Milliseconds),
            $"10th percentile of the latency of one forward pass of {batch}, in milliseconds ({SourceWord(latency.Source)}).");
        Const(sb, "double", "LatencyP90Milliseconds", DoubleLiteral(latency.P90Milliseconds),
            $"90th percentile of the latency of one forward pass of {batch}, in milliseconds ({SourceWord(latency.Source)}).");
        Const(sb, "int", "LatencyBatchSize", IntegerLiteral(latency.BatchSize),
            "Images per forward pass in the latency and energy figures.");
        Const(sb, "int", "LatencyRuns", IntegerLiteral(latency.Runs), "Timed runs behind the latency figures (0 when predicted).");
        Const(sb, "string", "LatencyDevice", StringLiteral(latency.Device), "The device the latency figures are for.");
        Const(sb, "string", "LatencySource", StringLiteral(SourceWord(latency.Source)),
            "Where the latency figures come from: <c>measured</c> or <c>predicted</c>.");
        Const(sb, "bool", "LatencyIsReliable", latency.Unreliable ? "false" : "true",
            $"Whether the latency figures are sound: <c>false</c> when the timed runs stayed spread beyond ±{(LatencyMeasurement.UnreliableSpread * 50).ToString(System.Globalization.CultureInfo.InvariantCulture)} % over repeated measurements (a busy machine), so that the figures say little about the network.");

        string energyOrigin = energy.Source switch
        {
            FigureSource.Measured => "measured",
            FigureSource.Predicted => "predicted, not measured",
            _ => "an estimate with no measurement behind it",
        };
        Const(sb, "double", "EnergyMillijoules", DoubleLiteral(energy.Millijoules),
            $"Energy of one forward pass of {batch} on {device}, in millijoules: {energyOrigin} ({XmlDocText(energy.Method)}).");
        Const(sb, "string", "EnergySource", StringLiteral(SourceWord(energy.Source)),
            "Where the energy figure comes from: <c>measured</c>, <c>predicted</c> or <c>estimated</c>.");
        Const(sb, "string", "EnergyMethod", StringLiteral(energy.Method), "How the energy figure was obtained.");

        Const(sb, "string", "DatasetName", StringLiteral(d.DatasetName), "Name of the dataset the network was trained on.");
        Const(sb, "string", "DatasetHash", StringLiteral(d.DatasetHash), "Content hash of the training dataset.");
        Const(sb, "string", "GeneratorVersion", StringLiteral(d.ToolVersion), "Version of ShapeDnn that generated this class.");
    }

    private static string SourceWord(FigureSource source) => source switch
    {
        FigureSource.Measured => "measured",
        FigureSource.Predicted => "predicted",
        FigureSource.Estimated => "estimated",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown figure source."),
    };

    private static void Const(StringBuilder sb, string type, string name, string literal, string summary) =>
        sb.Append("    /// <summary>").Append(summary).Append("</summary>\n")
          .Append("    public const ").Append(type).Append(' ').Append(name).Append(" = ").Append(literal).Append(";\n\n");

    private static void WriteLabels(StringBuilder sb, GeneratedModelDescription d)
    {
        var labels = d.ClassLabels ?? Enumerable.Range(0, d.Input.Classes).Select(i => IntegerLiteral(i)).ToList();
        sb.Append("    private static readonly string[] s_classLabels =\n    {\n");
        foreach (var label in labels)
            sb.Append("        ").Append(StringLiteral(label)).Append(",\n");
        sb.Append("    };\n\n");
        string summary = d.ClassLabels is null
            ? "Class names in output order. No labels were given, so each class is named by its index (\"0\", \"1\", ...)."
            : "Class names in output order: <c>ClassLabels[i]</c> names <c>Probabilities[i]</c>.";
        sb.Append("    /// <summary>").Append(summary).Append("</summary>\n")
          .Append("    public static global::System.Collections.Generic.IReadOnlyList<string> ClassLabels { get; } = global::System.Array.AsReadOnly(s_classLabels);\n\n");
    }
}
