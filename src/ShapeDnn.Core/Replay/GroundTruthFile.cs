using System.Globalization;
using System.Text.Json;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Replay;

/// <summary>
/// Reads a ground-truth file (benchmarks/ground-truth/*.jsonl): every line one
/// <see cref="GroundTruthRecord"/>, every field checked, every error an SDNN026 naming the file,
/// the line and the field.
/// </summary>
public static class GroundTruthFile
{
    /// <summary>Largest file read (a ground truth of thousands of shapes is a few MB).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Deepest shape a file may name (the planner builds every layer; far beyond any useful space).</summary>
    public const int MaxDepth = 1000;

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <exception cref="ShapeDnnException">SDNN026: missing, unreadable, too large or malformed (line and field named); a shape and seed twice.</exception>
    public static IReadOnlyList<GroundTruthRecord> Load(string path)
    {
        if (Directory.Exists(path)) throw Error(path, null, $"is a folder; give the .jsonl file");
        if (!File.Exists(path)) throw Error(path, null, "does not exist");
        string[] lines;
        try
        {
            if (new FileInfo(path).Length > MaxBytes) throw Error(path, null, $"is larger than {MaxBytes / (1024 * 1024)} MiB");
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Error(path, null, $"cannot be read: {ex.Message}");
        }
        var records = new List<GroundTruthRecord>();
        var seen = new HashSet<(Shape, int)>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var record = Parse(path, i + 1, lines[i]);
            if (!seen.Add((record.Shape, record.Seed)))
                throw Error(path, i + 1, $"{record.Shape.Name} with seed {record.Seed} appears twice");
            records.Add(record);
        }
        if (records.Count == 0) throw Error(path, null, "holds no trained shape");
        return records;
    }

    /// <summary>Parses one line.</summary>
    /// <exception cref="ShapeDnnException">SDNN026 naming the line and the field.</exception>
    public static GroundTruthRecord Parse(string path, int line, string text)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Error(path, line, $"is not JSON: {ex.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object) throw Error(path, line, "is not a JSON object");

        string name = String(root, "shape", path, line);
        int depth = Int(root, "depth", path, line, 10, MaxDepth);
        double width = Number(root, "width", path, line, 1e-3, 1000);
        var shape = new Shape(depth, width);
        if (!Shape.IsValidDepth(depth)) throw Error(path, line, $"field 'depth': {depth} is not 6n+4 (10, 16, 22, …)");
        if (!string.Equals(name, shape.Name, StringComparison.OrdinalIgnoreCase))
            throw Error(path, line, $"field 'shape': '{name}' disagrees with depth {depth} and width {width.ToString(CultureInfo.InvariantCulture)} ({shape.Name})");
        long parameters = (long)Number(root, "parameters", path, line, 1, 1e12);
        int seed = Int(root, "seed", path, line, 0, int.MaxValue);
        int epochs = Int(root, "epochs", path, line, 1, 10_000);
        double seconds = Number(root, "trainSeconds", path, line, 1e-9, 1e9);
        var curve = Numbers(root, "validationCurve", path, line, 0, 1);
        if (curve.Count != epochs) throw Error(path, line, $"field 'validationCurve': {curve.Count} values for {epochs} epochs");
        double validation = Number(root, "validationAccuracy", path, line, 0, 1);
        if (Math.Abs(validation - curve[^1]) > 1e-9)
            throw Error(path, line, $"field 'validationAccuracy': {validation} is not the curve's last value {curve[^1]}");
        double? test = root.TryGetProperty("testAccuracy", out var t) && t.ValueKind != JsonValueKind.Null ? Number(root, "testAccuracy", path, line, 0, 1) : null;
        var latency = ByBatch(root, "latencyMs", path, line);
        var energy = ByBatch(root, "energyMj", path, line);
        string? device = root.TryGetProperty("device", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        return new GroundTruthRecord(shape, parameters, seed, epochs, seconds, curve, validation, test, latency, energy) { Device = device };
    }

    private static JsonElement Field(JsonElement root, string name, string path, int line) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : throw Error(path, line, $"field '{name}' is missing");

    private static string String(JsonElement root, string name, string path, int line)
    {
        var v = Field(root, name, path, line);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error(path, line, $"field '{name}' is not a string");
    }

    private static double Number(JsonElement root, string name, string path, int line, double min, double max) =>
        Checked(Field(root, name, path, line), name, path, line, min, max);

    private static double Checked(JsonElement v, string name, string path, int line, double min, double max)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double x) || !double.IsFinite(x))
            throw Error(path, line, $"field '{name}' is not a finite number");
        if (x < min || x > max)
            throw Error(path, line, $"field '{name}': {x.ToString(CultureInfo.InvariantCulture)} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
        return x;
    }

    private static int Int(JsonElement root, string name, string path, int line, int min, int max)
    {
        double x = Number(root, name, path, line, min, max);
        return x == Math.Floor(x) ? (int)x : throw Error(path, line, $"field '{name}': {x.ToString(CultureInfo.InvariantCulture)} is not a whole number");
    }

    private static List<double> Numbers(JsonElement root, string name, string path, int line, double min, double max)
    {
        var v = Field(root, name, path, line);
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0) throw Error(path, line, $"field '{name}' is not a non-empty array of numbers");
        return v.EnumerateArray().Select((x, i) => Checked(x, $"{name}[{i}]", path, line, min, max)).ToList();
    }

    private static Dictionary<int, double> ByBatch(JsonElement root, string name, string path, int line)
    {
        var result = new Dictionary<int, double>();
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return result;
        if (v.ValueKind != JsonValueKind.Object) throw Error(path, line, $"field '{name}' is not an object of batch size → value");
        foreach (var p in v.EnumerateObject())
        {
            if (!int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int batch) || batch < 1)
                throw Error(path, line, $"field '{name}': key '{p.Name}' is not a batch size (a positive whole number)");
            result[batch] = Checked(p.Value, $"{name}.{p.Name}", path, line, 1e-12, 1e12);
        }
        return result;
    }

    private static ShapeDnnException Error(string path, int? line, string what) =>
        new(ErrorCode.BadGroundTruth, line is { } l ? $"Ground truth '{path}' line {l}: {what}." : $"Ground truth '{path}' {what}.");
}
