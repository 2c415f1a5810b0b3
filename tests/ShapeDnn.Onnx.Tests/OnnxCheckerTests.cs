using System.Diagnostics;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Tensors;

namespace ShapeDnn.Onnx.Tests;

/// <summary>
/// The official ONNX checker (Debian's python3-onnx, ONNX 1.12) accepts the exported files, and the
/// reference protobuf implementation re-serialises them to the very same bytes.
/// </summary>
public sealed class OnnxCheckerTests
{
    // /usr/bin/python3 explicitly: a pyenv python3 earlier on PATH would lack the Debian package.
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys
        try:
            import onnx
        except ImportError as e:
            print("NO_ONNX: " + str(e)); sys.exit(3)
        path = sys.argv[1]
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        data = open(path, "rb").read()
        print("identical" if model.SerializeToString() == data else "reencoded-differently")
        print("ir", model.ir_version, "opset", ",".join(f"{o.domain}:{o.version}" for o in model.opset_import))
        d = model.graph.input[0].type.tensor_type.shape.dim
        print("input", model.graph.input[0].name, [x.dim_param or x.dim_value for x in d])
        print("outputs", [o.name for o in model.graph.output])
        print("shape", {p.key: p.value for p in model.metadata_props}["shapednn.shape"])
        print("family", {p.key: p.value for p in model.metadata_props}["shapednn.family"])
        """;

    [TestCase("wrn", 10, 1.0, 1, 27, 27, 3)]
    [TestCase("wrn", 16, 1.5, 3, 32, 32, 10)]
    [TestCase("densenet-bc", 16, 6, 1, 27, 27, 3)]
    [TestCase("densenet-bc", 40, 12, 3, 32, 32, 10)]
    public void Checker_AcceptsTheModel_AndReencodesItIdentically(string family, int depth, double width, int channels, int height, int imageWidth, int classes)
    {
        var plan = NetworkFamilies.Plan(new Shape(depth, width, family), new InputShape(channels, height, imageWidth, classes));
        string folder = TestNetworks.TempFolder();
        string path = Path.Combine(folder, "model.onnx");
        try
        {
            OnnxExporter.Write(plan, RandomWeights.Create(plan, seed: 2, randomBatchNormStatistics: true),
                TestNetworks.Normalization(channels), path);

            var (exitCode, output) = RunPython(path);

            Assert.That(exitCode, Is.Not.EqualTo(3),
                $"{Python} cannot import onnx; install the Debian package python3-onnx (apt-get install python3-onnx). {output}");
            Assert.That(exitCode, Is.EqualTo(0), $"The ONNX checker rejected the model:\n{output}");
            Assert.That(output, Does.Contain("identical"), output);
            Assert.That(output, Does.Contain("ir 8 opset :17"));
            Assert.That(output, Does.Contain($"input pixels ['batch', {channels}, {height}, {imageWidth}]"));
            Assert.That(output, Does.Contain("outputs ['logits', 'probabilities']"));
            Assert.That(output, Does.Contain($"shape {plan.Shape.Name}"));
            Assert.That(output, Does.Contain($"family {family}"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="script"/> (the checker above by default) on <paramref name="modelPath"/> with Debian's python3.</summary>
    internal static (int ExitCode, string Output) RunPython(string modelPath, string script = Script)
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} not found; install python3 and python3-onnx (the Debian packages) to run the ONNX checker.");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(modelPath);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
