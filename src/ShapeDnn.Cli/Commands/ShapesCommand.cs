using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Output;
using ShapeDnn.DesignSpace;

namespace ShapeDnn.Cli.Commands;

/// <summary><c>shapednn shapes</c>: the design space with exact parameter counts, without building any network.</summary>
internal static class ShapesCommand
{
    public static readonly string[] Options = ["--input", "--classes", "--design-space"];
    public static readonly string[] Flags = ["--json"];

    public static int Run(CommandLine line, TextWriter stdout)
    {
        var input = ParseInput(line.Required("--input", "image geometry as CxHxW, e.g. 1x28x28"), line.PositiveInt("--classes", 10));
        var space = DesignSpaceSpec.Parse(line.Value("--design-space"));
        var plans = space.Shapes.Select(s => WideResNetPlanner.Plan(s, input)).ToList();

        if (line.Flag("--json"))
        {
            var array = new JsonArray(plans.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Shape.Name, ["depth"] = p.Shape.Depth, ["width"] = p.Shape.Width,
                ["parameters"] = p.ParameterCount, ["sizeBytes"] = p.Fp32SizeBytes, ["multiplyAccumulates"] = p.MultiplyAccumulates,
            }).ToArray());
            stdout.WriteLine(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        var table = new TextTable("shape", "depth", "width", "parameters", "fp32 size", "MACs/image");
        foreach (var p in plans)
            table.Add(p.Shape.Name, p.Shape.Depth.ToString(CultureInfo.InvariantCulture), p.Shape.Width.ToString("0.###", CultureInfo.InvariantCulture),
                p.ParameterCount.ToString("N0", CultureInfo.InvariantCulture), Format.Bytes(p.Fp32SizeBytes), Format.Count(p.MultiplyAccumulates));
        stdout.WriteLine($"{plans.Count} shapes for input {input}:");
        stdout.WriteLine(table.Render());
        return 0;
    }

    internal static InputShape ParseInput(string text, int classes)
    {
        var parts = text.Split('x', 'X', '×');
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0))
            throw CommandLine.Error($"--input '{text}' is not CxHxW with positive whole numbers, e.g. 3x32x32");
        var n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (n[1] < 4 || n[2] < 4) throw CommandLine.Error($"--input '{text}': images must be at least 4x4 pixels for three stride-2 stages");
        return new InputShape(n[0], n[1], n[2], classes < 2 ? throw CommandLine.Error("--classes must be at least 2") : classes);
    }
}
