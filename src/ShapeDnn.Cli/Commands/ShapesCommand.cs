using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Output;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Families;

namespace ShapeDnn.Cli.Commands;

/// <summary><c>shapednn shapes</c>: the design space with exact parameter counts, without building any network.</summary>
internal static class ShapesCommand
{
    /// <summary>--classes of <c>shapes</c> and <c>profile</c> (declared first: static fields initialise in order).</summary>
    internal static readonly OptionSpec ClassesOption = OptionSpec.Count("--classes", 2, Limits.MaxClasses);

    public static readonly OptionSpec[] Options = [OptionSpec.Text("--input"), ClassesOption, OptionSpec.Text("--design-space"), OptionSpec.Text("--family")];
    public static readonly string[] Flags = ["--json"];

    public static int Run(CommandLine line, TextWriter stdout)
    {
        var input = ParseInput(line.Required("--input", "image geometry as CxHxW, e.g. 1x28x28"), line.Int("--classes", 10));
        var spaces = SearchSpaces.Parse(line.Value("--family"), line.Value("--design-space"));
        var plans = spaces.SelectMany(space => space.Shapes).Select(s => NetworkFamilies.Plan(s, input)).ToList();

        if (line.Flag("--json"))
        {
            var array = new JsonArray(plans.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Shape.Name, ["family"] = p.Shape.Family, ["depth"] = p.Shape.Depth, ["width"] = p.Shape.Width,
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
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0))
            throw CommandLine.Error($"--input '{text}' is not CxHxW with positive whole numbers, e.g. 3x32x32");
        var n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (Limits.ImageProblem(n[0], n[1], n[2]) is { } problem) throw CommandLine.Error($"--input '{text}': {problem}");
        return new InputShape(n[0], n[1], n[2], classes);
    }
}
