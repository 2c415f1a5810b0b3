using Microsoft.ML.OnnxRuntime;
using ShapeDnn.DesignSpace;
using ShapeDnn.Tensors;

namespace ShapeDnn.Onnx.Tests;

/// <summary>ONNX Runtime runs the exported graph and agrees with the independent reference forward pass.</summary>
public sealed class OnnxRuntimeParityTests
{
    private const int Batch = 3;

    // depth, width, C, H, W, classes. The odd and non-square sizes exercise the stride arithmetic
    // (27 → 14 → 7; 31×20 → 16×10 → 8×5), where a wrong pad would change the output size or alignment.
    private static readonly object[] Shapes =
    [
        new object[] { 10, 1.0, 1, 28, 28, 10 },
        new object[] { 16, 1.5, 1, 28, 28, 10 },
        new object[] { 10, 2.0, 3, 32, 32, 10 },
        new object[] { 10, 1.0, 1, 27, 27, 3 },
        new object[] { 16, 1.0, 3, 31, 20, 5 },
    ];

    [TestCaseSource(nameof(Shapes))]
    public void Logits_MatchTheReferenceForwardPass(int depth, double width, int channels, int height, int imageWidth, int classes)
    {
        var plan = TestNetworks.Plan(depth, width, channels, height, imageWidth, classes);
        var weights = RandomWeights.Create(plan, seed: 11, randomBatchNormStatistics: true);
        var normalization = TestNetworks.Normalization(channels);
        using var session = new InferenceSession(OnnxExporter.Export(plan, weights, normalization));

        var pixels = TestNetworks.Pixels(plan, Batch, seed: 5);
        var (logits, _) = TestNetworks.Run(session, plan, pixels, Batch);

        var reference = new ReferenceWideResNet(plan, weights, normalization);
        double maxDiff = 0, scale = 1;
        for (int n = 0; n < Batch; n++)
        {
            var expected = reference.Logits(pixels.AsSpan(n * plan.Input.PixelCount, plan.Input.PixelCount));
            for (int k = 0; k < classes; k++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(logits[n * classes + k] - expected[k]));
                scale = Math.Max(scale, Math.Abs(expected[k]));
            }
        }
        TestContext.Out.WriteLine($"{plan.Shape.Name} {plan.Input}: max |logit scale| {scale:G4}, max abs diff {maxDiff:E2}");
        Assert.That(maxDiff, Is.LessThanOrEqualTo(1e-4 * scale), $"{plan.Shape.Name}: ONNX logits differ from the reference");
    }

    [TestCaseSource(nameof(Shapes))]
    public void Probabilities_AreTheSoftmaxOfTheLogits(int depth, double width, int channels, int height, int imageWidth, int classes)
    {
        var plan = TestNetworks.Plan(depth, width, channels, height, imageWidth, classes);
        var weights = RandomWeights.Create(plan, seed: 3, randomBatchNormStatistics: true);
        using var session = new InferenceSession(OnnxExporter.Export(plan, weights, TestNetworks.Normalization(channels)));

        var (logits, probabilities) = TestNetworks.Run(session, plan, TestNetworks.Pixels(plan, Batch, seed: 8), Batch);

        for (int n = 0; n < Batch; n++)
        {
            var row = logits.AsSpan(n * classes, classes).ToArray();
            double max = row.Max();
            double sum = row.Sum(v => Math.Exp(v - max));
            Assert.That(probabilities.AsSpan(n * classes, classes).ToArray().Sum(p => (double)p), Is.EqualTo(1).Within(1e-5));
            for (int k = 0; k < classes; k++)
                Assert.That(probabilities[n * classes + k], Is.EqualTo(Math.Exp(row[k] - max) / sum).Within(1e-6));
        }
    }

    [Test]
    public void DynamicBatch_GivesTheSamePerImageResultsAsBatchOne()
    {
        var plan = TestNetworks.Plan(10, 1.5, 3, 21, 17, 4);
        var weights = RandomWeights.Create(plan, seed: 21, randomBatchNormStatistics: true);
        using var session = new InferenceSession(OnnxExporter.Export(plan, weights, TestNetworks.Normalization(3)));
        var pixels = TestNetworks.Pixels(plan, Batch, seed: 1);
        int pixelCount = plan.Input.PixelCount, classes = plan.Input.Classes;

        var (batched, _) = TestNetworks.Run(session, plan, pixels, Batch);

        for (int n = 0; n < Batch; n++)
        {
            var (single, _) = TestNetworks.Run(session, plan, pixels.AsSpan(n * pixelCount, pixelCount).ToArray(), 1);
            Assert.That(single, Is.EqualTo(batched.AsSpan(n * classes, classes).ToArray()).Within(1e-5), $"image {n}");
        }
        // Guard against a degenerate network that ignores its input.
        Assert.That(batched.AsSpan(0, classes).ToArray(), Is.Not.EqualTo(batched.AsSpan(classes, classes).ToArray()));
    }

    [Test]
    public void Session_SeesNamesSymbolicBatchAndMetadata()
    {
        var plan = TestNetworks.Plan(16, 1.5, 1, 28, 28, 10);
        var weights = RandomWeights.Create(plan, seed: 1);
        using var session = new InferenceSession(OnnxExporter.Export(plan, weights, TestNetworks.Normalization(1)));

        var input = session.InputMetadata[OnnxExporter.InputName];
        Assert.That(session.InputMetadata.Keys, Is.EqualTo(new[] { "pixels" }));
        Assert.That(input.ElementType, Is.EqualTo(typeof(float)));
        Assert.That(input.Dimensions, Is.EqualTo(new[] { -1, 1, 28, 28 }));
        Assert.That(input.SymbolicDimensions[0], Is.EqualTo("batch"));
        Assert.That(session.OutputMetadata.Keys, Is.EquivalentTo(new[] { "logits", "probabilities" }));
        Assert.That(session.OutputMetadata["logits"].Dimensions, Is.EqualTo(new[] { -1, 10 }));

        var metadata = session.ModelMetadata;
        Assert.That(metadata.ProducerName, Is.EqualTo("ShapeDnn"));
        Assert.That(metadata.GraphName, Is.EqualTo("WRN-16-1.5"));
        Assert.That(metadata.Description, Does.Contain("0..255").And.Contain("(pixel / 255 - mean[c]) / std[c]"));
        Assert.That(metadata.CustomMetadataMap["shapednn.shape"], Is.EqualTo("WRN-16-1.5"));
        Assert.That(metadata.CustomMetadataMap["shapednn.parameters"], Is.EqualTo(plan.ParameterCount.ToString()));
        Assert.That(metadata.CustomMetadataMap["shapednn.input_shape"], Is.EqualTo("1x28x28"));
        Assert.That(metadata.CustomMetadataMap["shapednn.normalization.mean"], Is.EqualTo("0.3"));
        Assert.That(metadata.CustomMetadataMap["shapednn.normalization.std"], Is.EqualTo("0.25"));
    }

    [Test]
    public void Class_labels_reach_the_models_metadata_as_a_JSON_array()
    {
        var plan = TestNetworks.Plan(10, 1, 1, 28, 28, 3);
        string[] labels = ["T-shirt/top", "a, \"quoted\" label", "café\nau lait"];
        var options = new OnnxExportOptions { ClassLabels = labels };
        using var session = new InferenceSession(OnnxExporter.Export(plan, RandomWeights.Create(plan, seed: 1), TestNetworks.Normalization(1), options));

        string json = session.ModelMetadata.CustomMetadataMap[OnnxExporter.ClassLabelsKey];

        Assert.That(System.Text.Json.JsonSerializer.Deserialize<string[]>(json), Is.EqualTo(labels));
        Assert.That(json, Does.Contain("café"), "readable, not escaped more than JSON needs");
    }

    [Test]
    public void Class_labels_that_do_not_match_the_class_count_are_rejected()
    {
        var plan = TestNetworks.Plan(10, 1, 1, 28, 28, 3);
        var options = new OnnxExportOptions { ClassLabels = ["only", "two"] };

        Assert.That(() => OnnxExporter.Export(plan, RandomWeights.Create(plan, seed: 1), TestNetworks.Normalization(1), options),
            Throws.ArgumentException.With.Message.Contains("2 class labels for a network of 3 classes"));
    }
}
