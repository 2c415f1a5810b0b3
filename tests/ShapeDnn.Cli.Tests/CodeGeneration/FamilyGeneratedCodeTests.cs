using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Onnx;
using ShapeDnn.Tensors;

namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>
/// For every network family, the generated class runs the family's exported ONNX model and agrees
/// with ONNX Runtime called directly: the generated code and its constants do not depend on the family.
/// </summary>
public sealed class FamilyGeneratedCodeTests
{
    private static readonly InputShape Input = new(3, 8, 8, 4);

    private static IEnumerable<string> Families => NetworkFamilies.All.Select(f => f.Id);

    [TestCaseSource(nameof(Families))]
    public void Generated_code_matches_onnx_runtime_for_the_smallest_shape_of_each_family(string id)
    {
        // Given the family's smallest default shape, exported with random weights
        var family = NetworkFamilies.Get(id);
        var shape = family.DefaultSpace.Shapes.First();
        var plan = family.Plan(shape, Input);
        string folder = Path.Combine(Path.GetTempPath(), "shapednn-family-codegen", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "FamilyModel.onnx");
        try
        {
            var normalization = new ChannelNormalization([0.4f, 0.5f, 0.6f], [0.2f, 0.25f, 0.3f]);
            OnnxExporter.Write(plan, RandomWeights.Create(plan, seed: 9, randomBatchNormStatistics: true), normalization, path);
            var description = SampleDescriptions.Tiny("FamilyModel", "FamilyModel.onnx") with
            {
                Input = Input,
                Shape = shape,
                ParameterCount = plan.ParameterCount,
                Fp32SizeBytes = plan.Fp32SizeBytes,
            };

            // When the generated class is compiled and predicts a batch
            var harness = new GeneratedModelHarness(description);
            using var model = harness.Load(path, forceCpu: true);
            var pixels = new byte[3 * Input.PixelCount];
            new Random(4).NextBytes(pixels);
            var predictions = model.PredictBatch(pixels, 3);

            // Then it carries the family and agrees with ONNX Runtime
            Assert.That(harness.Static("ShapeName"), Is.EqualTo(shape.Name));
            Assert.That(harness.Static("ShapeFamily"), Is.EqualTo(id));
            Assert.That(harness.Static("ParameterCount"), Is.EqualTo(plan.ParameterCount));
            var expected = DirectOnnxRuntime.Probabilities(path, pixels, 3, Input.Channels, Input.Height, Input.Width);
            for (int i = 0; i < 3; i++)
            {
                Assert.That(predictions[i].Probabilities, Is.EqualTo(expected[i]).Within(1e-6f), $"{shape.Name} image {i}");
                Assert.That(predictions[i].Class, Is.EqualTo(Array.IndexOf(expected[i], expected[i].Max())));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
