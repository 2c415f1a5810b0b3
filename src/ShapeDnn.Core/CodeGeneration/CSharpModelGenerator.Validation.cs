using ShapeDnn.Diagnostics;

namespace ShapeDnn.CodeGeneration;

public static partial class CSharpModelGenerator
{
    /// <summary>
    /// Names of the members the generated class declares. The class cannot share a name with one of
    /// its members (CS0542), so such a class name is rejected up front with a clear message.
    /// </summary>
    internal static readonly IReadOnlySet<string> GeneratedMemberNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "ModelFileName", "ImageChannels", "ImageHeight", "ImageWidth", "BytesPerImage", "ClassCount",
        "ShapeName", "ShapeFamily", "ShapeDepth", "ShapeWidthMultiplier", "ParameterCount", "Fp32SizeBytes",
        "ValidationAccuracy", "TestAccuracy", "LatencyMilliseconds", "LatencyP10Milliseconds",
        "LatencyP90Milliseconds", "LatencyBatchSize", "LatencyRuns", "LatencyDevice", "LatencySource", "LatencyIsReliable",
        "EnergyMillijoules", "EnergySource", "EnergyMethod", "DatasetName", "DatasetHash",
        "GeneratorVersion", "ClassLabels", "DefaultModelPath", "ExecutionProvider", "Shared", "Predict",
        "PredictBatch", "Dispose", "ModelInput", "ModelOutput",
    };

    /// <summary>Checks a model name before any work starts; returns it unchanged.</summary>
    /// <exception cref="Diagnostics.ShapeDnnException">SDNN009 when it cannot be a generated class name.</exception>
    public static string ValidateClassName(string className)
    {
        if (className.Length > Diagnostics.Limits.MaxNameLength)
            throw BadOption($"The model name is {className.Length} characters long; at most {Diagnostics.Limits.MaxNameLength} are allowed (it names the output files).");
        if (!CSharpSyntax.IsIdentifier(className))
            throw BadOption($"The model name '{className}' is not a valid C# class name: use letters, digits and '_', start with a letter or '_', and avoid C# keywords.");
        if (className.All(c => c is >= 'a' and <= 'z'))
            throw BadOption($"The model name '{className}' has only lower-case ASCII letters; C# reserves such type names for keywords (warning CS8981). Capitalise it, e.g. '{char.ToUpperInvariant(className[0])}{className[1..]}'.");
        if (GeneratedMemberNames.Contains(className))
            throw BadOption($"The model name '{className}' is the name of a member of the generated class; choose another name.");
        return className;
    }

    /// <summary>Checks a namespace before any work starts; returns it unchanged.</summary>
    /// <exception cref="Diagnostics.ShapeDnnException">SDNN009 when it is not a valid C# namespace.</exception>
    public static string ValidateNamespace(string ns) =>
        ns.Length > Diagnostics.Limits.MaxNamespaceLength
            ? throw BadOption($"The namespace is {ns.Length} characters long; at most {Diagnostics.Limits.MaxNamespaceLength} are allowed.")
            : CSharpSyntax.IsQualifiedName(ns)
            ? ns
            : throw BadOption($"The namespace '{ns}' is not a valid C# namespace: use dot-separated identifiers such as 'MyApp.Models', without keywords.");

    private static void Validate(GeneratedModelDescription d)
    {
        ValidateClassName(d.ClassName);
        ValidateNamespace(d.Namespace);
        if (string.IsNullOrWhiteSpace(d.OnnxFileName) || d.OnnxFileName.IndexOfAny(InvalidFileNameChars) >= 0
            || d.OnnxFileName is "." or "..")
            throw BadOption($"The ONNX file name '{d.OnnxFileName}' must be a plain file name without folders.");

        var input = d.Input;
        if (input.Channels < 1 || input.Height < 1 || input.Width < 1 || input.Classes < 2)
            throw new ArgumentException($"Input shape {input} must have positive dimensions and at least 2 classes.", nameof(d));
        if ((long)input.Channels * input.Height * input.Width > int.MaxValue)
            throw new ArgumentException($"Input shape {input} is too large for one image buffer.", nameof(d));
        if (d.ClassLabels is { } labels)
        {
            if (labels.Count != input.Classes)
                throw new ArgumentException($"{labels.Count} class labels were given for {input.Classes} classes.", nameof(d));
            if (labels.Any(l => l is null))
                throw new ArgumentException("Class labels must not be null.", nameof(d));
        }
        RequireFraction(d.ValidationAccuracy, nameof(d.ValidationAccuracy));
        if (d.TestAccuracy is { } test) RequireFraction(test, nameof(d.TestAccuracy));
        if (d.ParameterCount < 0 || d.Fp32SizeBytes < 0)
            throw new ArgumentException("Parameter count and size must not be negative.", nameof(d));
        var l = d.Latency ?? throw new ArgumentException("Latency is required.", nameof(d));
        RequireNonNegative(l.MedianMilliseconds, "latency median");
        RequireNonNegative(l.P10Milliseconds, "latency p10");
        RequireNonNegative(l.P90Milliseconds, "latency p90");
        if (l.BatchSize < 1) throw new ArgumentException("Latency batch size must be at least 1.", nameof(d));
        var e = d.Energy ?? throw new ArgumentException("Energy is required.", nameof(d));
        RequireNonNegative(e.Millijoules, "energy");
        foreach (var (text, name) in new[] { (l.Device, "latency device"), (e.Method, "energy method"),
                     (d.DatasetName, "dataset name"), (d.DatasetHash, "dataset hash"), (d.ToolVersion, "tool version") })
            if (text is null) throw new ArgumentException($"The {name} is required.", nameof(d));
    }

    // Both Windows and Unix separators are rejected so a model generated on one system loads on the other.
    private static readonly char[] InvalidFileNameChars =
        Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).Distinct().ToArray();

    private static ShapeDnnException BadOption(string message) => new(ErrorCode.BadOption, message);

    private static void RequireFraction(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentException($"{name} must be a fraction in [0, 1], not {value}.", nameof(value));
    }

    private static void RequireNonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentException($"The {name} must be finite and not negative, not {value}.", nameof(value));
    }
}
