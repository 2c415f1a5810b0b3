using Microsoft.ML.OnnxRuntime;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Onnx;
using ShapeDnn.Tensors;
using ShapeDnn.Training.Families;
using ShapeDnn.Training.Model;
using ShapeDnn.Training.Native;
using static TorchSharp.torch;

namespace ShapeDnn.Cli.Tests.Export;

/// <summary>
/// The exported ONNX graph, run by ONNX Runtime on raw pixels, must compute what the TorchSharp
/// module computes in eval mode on normalised pixels: the deployed model is the trained one.
/// </summary>
public class TorchOnnxParityTests
{
    [OneTimeSetUp]
    public void LoadTorch() => TorchNative.EnsureLoaded();

    [TestCase("wrn", 10, 1.0, 1, 28, 28, 10)]
    [TestCase("wrn", 16, 1.5, 1, 28, 28, 10)]
    [TestCase("wrn", 10, 2.0, 3, 32, 32, 10)]
    [TestCase("wrn", 16, 1.0, 3, 27, 21, 4)]
    [TestCase("densenet-bc", 10, 4, 1, 28, 28, 10)]
    [TestCase("densenet-bc", 16, 6, 3, 27, 21, 4)]
    [TestCase("densenet-bc", 40, 12, 3, 32, 32, 10)]
    // Mobile: narrow (the 8-channel floor), deeper stages, a wide multiplier, colour, and an odd non-square
    // size where a wrong pad or stride would misalign the maps; the random batch-norm statistics keep
    // activations of order one, so some exceed ReLU6's cap of 6 and some fall below 0.
    [TestCase("mobile", 23, 0.25, 1, 28, 28, 10)]
    [TestCase("mobile", 35, 0.5, 1, 28, 28, 10)]
    [TestCase("mobile", 29, 1.0, 3, 32, 32, 10)]
    [TestCase("mobile", 26, 1.4, 3, 27, 21, 4)]
    public void Should_give_the_same_logits_in_onnx_runtime_as_in_torchsharp(string family, int depth, double width, int channels, int height, int imageWidth, int classes)
    {
        // Given a network with non-trivial batch-norm statistics and per-channel normalisation
        var plan = NetworkFamilies.Plan(new Shape(depth, width, family), new InputShape(channels, height, imageWidth, classes));
        var weights = RandomWeights.Create(plan, seed: depth + classes, randomBatchNormStatistics: true);
        var normalization = new ChannelNormalization(
            Enumerable.Range(0, channels).Select(c => 0.2f + 0.15f * c).ToArray(),
            Enumerable.Range(0, channels).Select(c => 0.3f + 0.05f * c).ToArray());
        const int batch = 3;
        var random = new Random(5);
        var pixels = Enumerable.Range(0, batch * plan.Input.PixelCount).Select(_ => (float)random.Next(256)).ToArray();

        // When TorchSharp runs the module in eval mode on normalised pixels
        float[] torchLogits;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            using var module = ShapeNetworks.Create(plan);
            module.ImportTensors(weights);
            module.eval();
            var x = tensor(pixels, [batch, channels, height, imageWidth]) / 255f;
            var mean = tensor(normalization.Mean, [1, channels, 1, 1]);
            var std = tensor(normalization.Std, [1, channels, 1, 1]);
            torchLogits = module.forward((x - mean) / std).data<float>().ToArray();
        }

        // and ONNX Runtime runs the exported file on the raw pixels
        using var session = new InferenceSession(OnnxExporter.Export(plan, weights, normalization));
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, [batch, channels, height, imageWidth]);
        using var outputs = session.Run(new RunOptions(), [OnnxExporter.InputName], [input], [OnnxExporter.LogitsName]);
        var onnxLogits = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        // Then the logits agree to 1e-4
        Assert.That(onnxLogits, Has.Length.EqualTo(torchLogits.Length));
        double maxDiff = onnxLogits.Zip(torchLogits).Max(p => Math.Abs(p.First - p.Second));
        TestContext.Out.WriteLine($"{plan.Shape.Name} on {plan.Input}: max |onnx - torch| = {maxDiff:E2}");
        Assert.That(maxDiff, Is.LessThanOrEqualTo(1e-4), $"max |onnx - torch| = {maxDiff:E2}");
        Assert.That(torchLogits.Max() - torchLogits.Min(), Is.GreaterThan(0.1), "logits must not be degenerate, or the comparison proves nothing");
    }
}
