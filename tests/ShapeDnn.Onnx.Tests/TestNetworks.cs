using Microsoft.ML.OnnxRuntime;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;

namespace ShapeDnn.Onnx.Tests;

/// <summary>Shared fixtures: plans, normalisation statistics, pixels, and running a model in ONNX Runtime.</summary>
internal static class TestNetworks
{
    public static WideResNetPlan Plan(int depth, double width, int channels, int height, int imageWidth, int classes) =>
        WideResNetPlanner.Plan(new Shape(depth, width), new InputShape(channels, height, imageWidth, classes));

    /// <summary>Distinct, non-trivial statistics per channel so that a channel mix-up shows.</summary>
    public static ChannelNormalization Normalization(int channels) => new(
        Enumerable.Range(0, channels).Select(c => 0.3f + 0.1f * c).ToArray(),
        Enumerable.Range(0, channels).Select(c => 0.25f + 0.05f * c).ToArray());

    /// <summary>Random integer pixel values 0…255, as a dataset stores them.</summary>
    public static float[] Pixels(NetworkPlan plan, int batch, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[batch * plan.Input.PixelCount];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = random.Next(256);
        return pixels;
    }

    /// <summary>Runs the model and returns logits and probabilities, each [batch × classes].</summary>
    public static (float[] Logits, float[] Probabilities) Run(InferenceSession session, NetworkPlan plan, float[] pixels, int batch)
    {
        var input = plan.Input;
        using var tensor = OrtValue.CreateTensorValueFromMemory(pixels, [batch, input.Channels, input.Height, input.Width]);
        using var options = new RunOptions();
        using var outputs = session.Run(options,
            new Dictionary<string, OrtValue> { [OnnxExporter.InputName] = tensor },
            [OnnxExporter.LogitsName, OnnxExporter.ProbabilitiesName]);
        var logits = outputs[0];
        var probabilities = outputs[1];
        Assert.That(logits.GetTensorTypeAndShape().Shape, Is.EqualTo(new long[] { batch, input.Classes }));
        Assert.That(probabilities.GetTensorTypeAndShape().Shape, Is.EqualTo(new long[] { batch, input.Classes }));
        return (logits.GetTensorDataAsSpan<float>().ToArray(), probabilities.GetTensorDataAsSpan<float>().ToArray());
    }

    public static string TempFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "shapednn-onnx-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
