namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>The generated class runs a real ONNX model and agrees with ONNX Runtime called directly.</summary>
public sealed class GeneratedModelPredictionTests
{
    private static readonly (int C, int H, int W, int K) Tiny =
        (SampleDescriptions.TinyInput.Channels, SampleDescriptions.TinyInput.Height, SampleDescriptions.TinyInput.Width, SampleDescriptions.TinyInput.Classes);

    private GeneratedModelHarness _harness = null!;
    private GeneratedModel _model = null!;

    [OneTimeSetUp]
    public void CompileAndLoad()
    {
        _harness = new GeneratedModelHarness(SampleDescriptions.Tiny());
        _model = _harness.Load(TestPaths.TinyClassifier);
    }

    [OneTimeTearDown]
    public void DisposeModel() => _model?.Dispose();

    private static float[][] Expected(byte[] pixels, int count) =>
        DirectOnnxRuntime.Probabilities(TestPaths.TinyClassifier, pixels, count, Tiny.C, Tiny.H, Tiny.W);

    private static void AssertMatches(Prediction actual, float[] expected, string[] labels)
    {
        int best = Array.IndexOf(expected, expected.Max());
        Assert.That(actual.Probabilities, Is.EqualTo(expected).Within(1e-6f));
        Assert.That(actual.Class, Is.EqualTo(best));
        Assert.That(actual.Label, Is.EqualTo(labels[best]));
    }

    private static string[] Labels => SampleDescriptions.Tiny().ClassLabels!.ToArray();

    [Test]
    public void Should_Match_OnnxRuntime_For_One_Image()
    {
        // Given
        byte[] pixels = DirectOnnxRuntime.Pixels(1, seed: 1);

        // When
        var prediction = _model.Predict(pixels);

        // Then
        AssertMatches(prediction, Expected(pixels, 1)[0], Labels);
        Assert.That(prediction.Probabilities.Sum(), Is.EqualTo(1f).Within(1e-5f));
    }

    [Test]
    public void Should_Match_OnnxRuntime_For_A_Batch_Of_Three()
    {
        // Given
        byte[] pixels = DirectOnnxRuntime.Pixels(3, seed: 2);
        var expected = Expected(pixels, 3);

        // When
        var predictions = _model.PredictBatch(pixels, 3);

        // Then
        Assert.That(predictions, Has.Length.EqualTo(3));
        for (int i = 0; i < 3; i++) AssertMatches(predictions[i], expected[i], Labels);
        Assert.That(predictions.Select(p => p.Class).Distinct().Count(), Is.GreaterThan(1),
            "the inputs should not all land in one class, or the comparison proves little");
    }

    [Test]
    public void Should_Give_The_Same_Results_For_A_List_Of_Images()
    {
        byte[] pixels = DirectOnnxRuntime.Pixels(3, seed: 2);
        int size = SampleDescriptions.TinyInput.PixelCount;
        byte[][] images = Enumerable.Range(0, 3).Select(i => pixels.AsSpan(i * size, size).ToArray()).ToArray();
        var expected = Expected(pixels, 3);

        var predictions = _model.PredictBatch(images);

        for (int i = 0; i < 3; i++) AssertMatches(predictions[i], expected[i], Labels);
    }

    [Test]
    public void Should_Return_No_Predictions_For_An_Empty_Batch()
    {
        Assert.That(_model.PredictBatch([], 0), Is.Empty);
        Assert.That(_model.PredictBatch(Array.Empty<byte[]>()), Is.Empty);
    }

    [Test]
    public void Should_Report_CPU_Without_Cuda()
    {
        // The test project references the CPU package, in which the CUDA provider does not exist:
        // the generated class must have tried it, caught the failure and fallen back.
        Assert.That(_model.ExecutionProvider, Is.EqualTo("CPU"));
    }

    [Test]
    public void Should_Report_CPU_When_Forced()
    {
        using var model = _harness.Load(TestPaths.TinyClassifier, forceCpu: true);

        Assert.That(model.ExecutionProvider, Is.EqualTo("CPU"));
    }

    [TestCase(0)]
    [TestCase(59)]
    [TestCase(61)]
    [TestCase(120)]
    public void Should_Throw_ArgumentException_For_Wrong_Image_Length(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => _model.Predict(new byte[length]));

        Assert.That(error!.ParamName, Is.EqualTo("pixels"));
        Assert.That(error.Message, Does.Contain("60 bytes").And.Contain($"got {length} bytes"));
    }

    [TestCase(2, 119)]
    [TestCase(2, 180)]
    [TestCase(0, 60)]
    public void Should_Throw_ArgumentException_For_Wrong_Batch_Length(int count, int length)
    {
        var error = Assert.Throws<ArgumentException>(() => _model.PredictBatch(new byte[length], count));

        Assert.That(error!.ParamName, Is.EqualTo("pixels"));
    }

    [Test]
    public void Should_Throw_ArgumentOutOfRangeException_For_Negative_Count()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _model.PredictBatch([], -1));
    }

    [Test]
    public void Should_Throw_ArgumentException_Naming_The_Bad_Image_In_A_List()
    {
        byte[][] images = [new byte[60], new byte[59], new byte[60]];

        var error = Assert.Throws<ArgumentException>(() => _model.PredictBatch(images));

        Assert.That(error!.Message, Does.StartWith("Image 1 has 59 bytes"));
        Assert.That(error.ParamName, Is.EqualTo("images"));
    }

    [Test]
    public void Should_Load_From_A_Stream()
    {
        byte[] pixels = DirectOnnxRuntime.Pixels(1, seed: 3);
        using var stream = File.OpenRead(TestPaths.TinyClassifier);
        using var model = _harness.Load(stream);

        AssertMatches(model.Predict(pixels), Expected(pixels, 1)[0], Labels);
    }

    [Test]
    public void Should_Throw_FileNotFoundException_For_A_Missing_Model()
    {
        string missing = Path.Combine(TestPaths.Folder, "Assets", "no_such_model.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => _harness.Load(missing));

        Assert.That(error!.FileName, Is.EqualTo(missing));
    }

    [Test]
    public void Should_Throw_ObjectDisposedException_After_Dispose()
    {
        var model = _harness.Load(TestPaths.TinyClassifier, forceCpu: true);
        model.Dispose();
        model.Dispose(); // idempotent

        Assert.Throws<ObjectDisposedException>(() => model.Predict(new byte[60]));
    }
}
