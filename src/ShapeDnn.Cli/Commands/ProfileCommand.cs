using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Composition;
using ShapeDnn.Cli.Output;
using ShapeDnn.Cli.Training;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Families;
using ShapeDnn.Profiles;
using ShapeDnn.Training.Native;

namespace ShapeDnn.Cli.Commands;

/// <summary>
/// <c>shapednn profile</c>: measures latency (and energy) of the listed shapes on a device at
/// several batch sizes, without training — to see what a device gives before searching, and for
/// the GPU check script. Nothing is cached: every run measures.
/// </summary>
internal static class ProfileCommand
{
    public static readonly OptionSpec[] Options =
    [
        OptionSpec.Text("--input"), ShapesCommand.ClassesOption, OptionSpec.Text("--design-space"), OptionSpec.Text("--shapes"),
        OptionSpec.Text("--family"), OptionSpec.Choice("--device", "auto", "cpu", "cuda"), OptionSpec.Text("--batch-sizes"), OptionSpec.Count("--repeat", 1, Limits.MaxRepeat),
        OptionSpec.ExistingFolder("--libtorch", ErrorCode.NativeLibrary), OptionSpec.Count("--energy-window", 1, Limits.MaxEnergyWindowSeconds),
    ];
    public static readonly string[] Flags = ["--json", "--no-energy"];

    public static int Run(CommandLine line, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var input = ShapesCommand.ParseInput(line.Required("--input", "image geometry as CxHxW, e.g. 3x32x32"), line.Int("--classes", 10));
        var shapes = line.Value("--shapes") is { } list
            ? ShapeList(list)
            : SearchSpaces.Parse(line.Value("--family"), line.Value("--design-space")).SelectMany(s => s.Shapes).ToList();
        var batchSizes = BatchSizes(line.Value("--batch-sizes") ?? "1");
        int repeat = line.Int("--repeat", 1);
        bool energy = !line.Flag("--no-energy");
        var window = TimeSpan.FromSeconds(line.Int("--energy-window", 2));
        string device = (line.Value("--device") ?? "auto").ToLowerInvariant();

        var native = new TorchNativeOptions { LibTorchDirectory = line.Value("--libtorch") };
        TorchNative.EnsureLoaded(native);
        var profiling = ProfilerFactory.Create(DeviceSelection.Resolve(device, native), native, window);
        stderr.WriteLine($"latency: {profiling.Profiler.DeviceDescription}");
        if (energy) stderr.WriteLine($"energy: {profiling.Energy.Reason}");

        var rows = new List<JsonObject>();
        var table = new TextTable("shape", "batch", "run", "median", "p10", "p90", "samples×passes", "energy/pass", "source");
        foreach (var shape in shapes)
            foreach (int batch in batchSizes)
                for (int r = 1; r <= repeat; r++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var plan = NetworkFamilies.Plan(shape, input);
                    stderr.WriteLine($"  {shape.Name} batch {batch} run {r}/{repeat}");
                    var row = new JsonObject { ["shape"] = shape.Name, ["family"] = shape.Family, ["depth"] = shape.Depth, ["width"] = shape.Width, ["batchSize"] = batch, ["repeat"] = r, ["parameters"] = plan.ParameterCount };
                    try
                    {
                        var latency = profiling.Profiler.Measure(plan, batch, cancellationToken);
                        var figure = energy ? profiling.Energy.Meter.Energy(plan, latency) : null;
                        row["medianMs"] = latency.MedianMilliseconds;
                        row["p10Ms"] = latency.P10Milliseconds;
                        row["p90Ms"] = latency.P90Milliseconds;
                        row["runs"] = latency.Runs;
                        row["passesPerSample"] = latency.PassesPerSample;
                        if (figure is not null)
                        {
                            row["energyMj"] = figure.Millijoules;
                            row["energySource"] = figure.Source.ToString().ToLowerInvariant();
                            row["energyMethod"] = figure.Method;
                            if (figure.Window is { } w)
                                // Unix milliseconds: lets another reader of the same counter (benchmarks/gpu) recompute this window.
                                row["energyWindow"] = new JsonObject
                                {
                                    ["startUnixMs"] = (w.Start - DateTimeOffset.UnixEpoch).TotalMilliseconds,
                                    ["endUnixMs"] = (w.End - DateTimeOffset.UnixEpoch).TotalMilliseconds,
                                    ["millijoules"] = w.Millijoules,
                                    ["passes"] = w.Passes,
                                };
                        }
                        table.Add(shape.Name, N(batch), N(r), Format.Ms(latency.MedianMilliseconds), Format.Ms(latency.P10Milliseconds), Format.Ms(latency.P90Milliseconds),
                            $"{N(latency.Runs)}×{N(latency.PassesPerSample)}", Format.Energy(figure), figure?.Source.ToString().ToLowerInvariant() ?? "-");
                    }
                    catch (ShapeNotMeasurableException e)
                    {
                        // The other shapes are still worth measuring.
                        row["error"] = e.Message;
                        table.Add(shape.Name, N(batch), N(r), "-", "-", "-", "-", "-", e.Message);
                        stderr.WriteLine($"  {shape.Name} batch {batch}: {e.Message}");
                    }
                    rows.Add(row);
                }

        if (line.Flag("--json"))
        {
            var document = new JsonObject
            {
                ["device"] = profiling.Profiler.DeviceDescription,
                ["fingerprint"] = profiling.Profiler.DeviceFingerprint,
                ["energy"] = energy ? profiling.Energy.Reason : "not measured (--no-energy)",
                ["input"] = input.ToString(),
                ["measurements"] = new JsonArray(rows.Select(r => (JsonNode)r).ToArray()),
            };
            stdout.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            stdout.WriteLine($"Latency on {profiling.Profiler.DeviceDescription}, input {input}:");
            stdout.WriteLine(table.Render());
            if (energy) stdout.WriteLine($"Energy: {profiling.Energy.Reason}.");
        }
        return 0;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses <c>WRN-10-1,DenseNet-BC-40-12</c> (or <c>10-1,16-2</c>): shapes that need not form a grid nor share a family.</summary>
    private static List<Shape> ShapeList(string text)
    {
        var shapes = new List<Shape>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            shapes.Add(ShapeName.Parse(item, "--shapes item"));
        }
        return shapes.Count > 0 ? shapes : throw CommandLine.Error("--shapes lists no shape");
    }

    private static int[] BatchSizes(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            throw CommandLine.Error($"--batch-sizes '{text}' is not a comma-separated list of positive whole numbers, e.g. 1,128");
        foreach (var p in parts)
            if (Limits.BatchSizeProblem(int.Parse(p, CultureInfo.InvariantCulture)) is { } problem)
                throw CommandLine.Error($"--batch-sizes '{text}': {problem}");
        return parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).Distinct().ToArray();
    }
}
