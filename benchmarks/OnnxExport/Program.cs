using System.Diagnostics;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Onnx;
using ShapeDnn.Tensors;

// Usage: OnnxExport LABEL RUNS. Per shape: one warm-up, then RUNS timed exports to a file
// (OnnxExporter.Write) and to an array (OnnxExporter.Export); prints the median and the fastest.
string label = args[0];
int runs = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
string folder = Directory.CreateTempSubdirectory("shapednn-onnx-export-").FullName;
try
{
    foreach (var (depth, width) in new[] { (28, 10.0), (16, 4.0) })
    {
        var plan = WideResNetPlanner.Plan(new Shape(depth, width), new InputShape(3, 32, 32, 10));
        // Values do not change the cost of encoding; a cheap deterministic fill avoids zero pages.
        var weights = plan.Tensors
            .Select(t => new NamedTensor(t.Name, t.Dimensions, Enumerable.Range(0, (int)t.ElementCount).Select(i => (i % 251) * 1e-3f + 1f).ToArray()))
            .ToList();
        var normalization = new ChannelNormalization([0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]);
        string path = Path.Combine(folder, "model.onnx");

        var toFile = Time(() => OnnxExporter.Write(plan, weights, normalization, path));
        long bytes = new FileInfo(path).Length;
        var toArray = Time(() => OnnxExporter.Export(plan, weights, normalization));
        Console.WriteLine($"{label}\t{plan.Shape.Name}\t{bytes}\tfile\t{toFile.Median:F1}\t{toFile.Min:F1}\tarray\t{toArray.Median:F1}\t{toArray.Min:F1}");
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

(double Median, double Min) Time(Action export)
{
    export();
    var ms = new List<double>();
    for (int i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        export();
        ms.Add(watch.Elapsed.TotalMilliseconds);
    }
    ms.Sort();
    return (ms[ms.Count / 2], ms[0]);
}
