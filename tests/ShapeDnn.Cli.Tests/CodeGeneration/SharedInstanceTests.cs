namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>The ML.NET-style entry point: static Predict on a lazily created instance loaded from beside the app.</summary>
public sealed class SharedInstanceTests
{
    [Test]
    public void Should_Load_The_Model_Beside_The_App_And_Predict_Statically()
    {
        // Given: a class whose model file name no other test uses, and that file beside the test assembly.
        const string fileName = "ShapeDnnCodegenSharedProbe.onnx";
        string besideApp = Path.Combine(AppContext.BaseDirectory, fileName);
        File.Copy(TestPaths.TinyClassifier, besideApp, overwrite: true);
        try
        {
            var harness = new GeneratedModelHarness(SampleDescriptions.Tiny("SharedProbe", fileName));
            byte[] pixels = DirectOnnxRuntime.Pixels(1, seed: 4);
            using var explicitModel = harness.Load(TestPaths.TinyClassifier);
            using var defaultModel = harness.LoadDefault();

            // When
            var shared = harness.PredictShared(pixels);

            // Then
            var expected = explicitModel.Predict(pixels);
            Assert.That(harness.Static("DefaultModelPath"), Is.EqualTo(besideApp));
            Assert.That(shared.Probabilities, Is.EqualTo(expected.Probabilities));
            Assert.That(shared.Class, Is.EqualTo(expected.Class));
            Assert.That(defaultModel.Predict(pixels).Probabilities, Is.EqualTo(expected.Probabilities));
            Assert.That(harness.Static("Shared"), Is.SameAs(harness.Static("Shared")));
        }
        finally
        {
            File.Delete(besideApp);
        }
    }
}
