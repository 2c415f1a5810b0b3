using Microsoft.Build.Framework;

namespace ShapeDnn.Build.Tasks;

/// <summary>
/// One model to generate, read from a <c>_ShapeDnnModel</c> item that the targets built from a
/// <c>ShapeDnnModel</c> item or from the single-model <c>ShapeDnn*</c> properties.
/// </summary>
internal sealed record ModelRequest
{
    public required string Name { get; init; }
    public required string Constraints { get; init; }
    public required string Goal { get; init; }
    public required string Dataset { get; init; }
    public required string Namespace { get; init; }
    public required string Device { get; init; }
    public required string BatchSize { get; init; }
    public required string Budget { get; init; }
    /// <summary><c>ShapeDnnTimeBudget</c>: the search's wall-clock ceiling, e.g. <c>5m</c>; empty for none.</summary>
    public string TimeBudget { get; init; } = "";
    public required string DesignSpace { get; init; }
    /// <summary><c>ShapeDnnFamily</c>: one network family, a comma-separated list, or <c>all</c>; empty for Wide ResNet.</summary>
    public string Family { get; init; } = "";
    public required string CacheDir { get; init; }
    public required string LibTorchPath { get; init; }
    public required bool AllowEnergyEstimates { get; init; }
    /// <summary><c>ShapeDnnClassLabels</c>: a list, or a file path relative to the project; empty for none.</summary>
    public string ClassLabels { get; init; } = "";
    /// <summary>Full path of the label file when <see cref="ClassLabels"/> names one (relative to the project), else empty.</summary>
    public string ClassLabelsFile { get; init; } = "";
    /// <summary><c>ShapeDnnAccess</c>: <c>public</c> or <c>internal</c>; empty for public.</summary>
    public string Access { get; init; } = "";
    /// <summary><c>ShapeDnnExecutor</c>: where the trainings run (<c>local</c>); empty for the default. Not part of the fingerprint: it changes no result.</summary>
    public string Executor { get; init; } = "";
    /// <summary><c>ShapeDnnGpus</c>: <c>all</c> or GPU numbers that local workers spread over; empty for the one device training uses.</summary>
    public string Gpus { get; init; } = "";
    public required string OutputDir { get; init; }
    public required string FingerprintFile { get; init; }

    /// <summary>True when the model comes from a <c>ShapeDnnModel</c> item; false for the implicit one from properties.</summary>
    public required bool FromItem { get; init; }

    public string CodeFile => Path.Combine(OutputDir, Name + ".g.cs");
    public string OnnxFile => Path.Combine(OutputDir, Name + ".onnx");

    public static ModelRequest Read(ITaskItem item) => new()
    {
        Name = item.ItemSpec.Trim(),
        Constraints = item.GetMetadata("Constraints"),
        Goal = item.GetMetadata("Goal"),
        Dataset = item.GetMetadata("Dataset"),
        Namespace = item.GetMetadata("Namespace"),
        Device = Or(item.GetMetadata("Device"), "auto"),
        BatchSize = Or(item.GetMetadata("BatchSize"), "1"),
        Budget = item.GetMetadata("Budget"),
        TimeBudget = item.GetMetadata("TimeBudget"),
        DesignSpace = item.GetMetadata("DesignSpace"),
        Family = item.GetMetadata("Family"),
        CacheDir = item.GetMetadata("CacheDir"),
        LibTorchPath = item.GetMetadata("LibTorchPath"),
        AllowEnergyEstimates = !string.Equals(item.GetMetadata("AllowEnergyEstimates"), "false", StringComparison.OrdinalIgnoreCase),
        ClassLabels = item.GetMetadata("ClassLabels"),
        ClassLabelsFile = item.GetMetadata("ClassLabelsFile"),
        Access = item.GetMetadata("Access"),
        Executor = item.GetMetadata("Executor").Trim(),
        Gpus = item.GetMetadata("Gpus").Trim(),
        OutputDir = item.GetMetadata("OutputDir"),
        FingerprintFile = item.GetMetadata("FingerprintFile"),
        FromItem = string.Equals(item.GetMetadata("FromItem"), "true", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>The worker's command line after the program: <c>search --data … --out …</c>.</summary>
    public IReadOnlyList<string> WorkerArguments(bool verbose)
    {
        var args = new List<string>
        {
            "search", "--data", Dataset, "--constraints", Constraints, "--goal", Goal, "--out", OutputDir,
            "--name", Name, "--namespace", Namespace, "--device", Device, "--batch-size", BatchSize,
            // Progress as events on stdout (docs/progress.md); the worker's text for people goes to stderr.
            "--events", "-",
        };
        void Optional(string option, string value)
        {
            if (!string.IsNullOrWhiteSpace(value)) args.AddRange([option, value]);
        }
        Optional("--budget", Budget);
        Optional("--time-budget", TimeBudget);
        Optional("--design-space", DesignSpace);
        Optional("--family", Family);
        Optional("--cache", CacheDir);
        Optional("--libtorch", LibTorchPath);
        Optional("--labels", string.IsNullOrEmpty(ClassLabelsFile) ? ClassLabels : ClassLabelsFile);
        Optional("--access", Access);
        Optional("--executor", Executor);
        Optional("--gpus", Gpus);
        if (!AllowEnergyEstimates) args.Add("--no-energy-estimates");
        if (verbose) args.Add("--verbose");
        return args;
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}
