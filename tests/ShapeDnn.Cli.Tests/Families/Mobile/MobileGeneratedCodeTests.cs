using ShapeDnn.Cli.Tests.CodeGeneration;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Onnx;
using ShapeDnn.Tensors;

namespace ShapeDnn.Cli.Tests.Families.Mobile;

/// <summary>The generated class of a mobile network compiles and predicts what ONNX Runtime called directly computes.</summary>
public sealed class MobileGeneratedCodeTests
{
    private static readonly InputShape Fashion = new(1, 28, 28, 10);
    private string _folder = null!;
    private string _modelPath = null!;
    private NetworkPlan _plan = null!;
    private GeneratedModelHarness _harness = null!;

    [OneTimeSetUp]
    public void ExportAndCompile()
    {
        _plan = NetworkFamilies.Plan(new Shape(MobileFamily.FamilyId, 29, 0.5), Fashion);
        _folder = Path.Combine(Path.GetTempPath(), "shapednn-mobile-codegen", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _modelPath = Path.Combine(_folder, "MobileFashion.onnx");
        OnnxExporter.Write(_plan, RandomWeights.Create(_plan, seed: 4, randomBatchNormStatistics: true),
            new ChannelNormalization([0.286f], [0.353f]), _modelPath);
        _harness = new GeneratedModelHarness(SampleDescriptions.Fashion() with
        {
            ClassName = "MobileFashion",
            Namespace = "ShapeDnn.Generated.Mobile",
            OnnxFileName = "MobileFashion.onnx",
            Input = Fashion,
            Shape = _plan.Shape,
            ParameterCount = _plan.ParameterCount,
            Fp32SizeBytes = _plan.Fp32SizeBytes,
        });
    }

    [OneTimeTearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void The_generated_class_matches_onnx_runtime_for_one_image_and_a_batch()
    {
        var pixels = new byte[3 * Fashion.PixelCount];
        new Random(6).NextBytes(pixels);
        var expected = DirectOnnxRuntime.Probabilities(_modelPath, pixels, 3, Fashion.Channels, Fashion.Height, Fashion.Width);
        using var model = _harness.Load(_modelPath);

        var batch = model.PredictBatch(pixels, 3);
        var single = model.Predict(pixels.AsSpan(0, Fashion.PixelCount).ToArray());

        Assert.That(single.Probabilities, Is.EqualTo(expected[0]).Within(1e-6f));
        for (int i = 0; i < 3; i++)
        {
            Assert.That(batch[i].Probabilities, Is.EqualTo(expected[i]).Within(1e-6f), $"image {i}");
            Assert.That(batch[i].Class, Is.EqualTo(Array.IndexOf(expected[i], expected[i].Max())), $"image {i}");
        }
        Assert.That(expected[0], Is.Not.EqualTo(expected[1]), "the network must not ignore its input, or the comparison proves little");
    }

    [Test]
    public void The_constants_name_the_mobile_shape_and_its_figures()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_harness.Static("ShapeName"), Is.EqualTo("Mobile-29-0.5"));
            Assert.That(_harness.Static("ShapeDepth"), Is.EqualTo(29));
            Assert.That(_harness.Static("ShapeWidthMultiplier"), Is.EqualTo(0.5));
            Assert.That(_harness.Static("ParameterCount"), Is.EqualTo(_plan.ParameterCount));
        });
    }
}
