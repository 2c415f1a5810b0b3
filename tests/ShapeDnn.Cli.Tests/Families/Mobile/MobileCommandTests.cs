using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using ShapeDnn.Cli.Tests.EndToEnd;

namespace ShapeDnn.Cli.Tests.Families.Mobile;

/// <summary><c>shapednn shapes</c> and <c>shapednn search</c> with <c>--family mobile</c>, end to end.</summary>
[NonParallelizable]
public sealed class MobileCommandTests
{
    private string _root = null!;
    private string Cache => Path.Combine(_root, "cache");

    [OneTimeSetUp]
    public void CreateRoot()
    {
        _root = Path.Combine(Path.GetTempPath(), "shapednn-mobile-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    [OneTimeTearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Shapes_lists_MobileNetV2_at_224_with_its_published_parameters_and_multiply_adds()
    {
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, "shapes", "--family", "mobile", "--input", "3x224x224", "--classes", "1000",
            "--design-space", "depths=23,53;widths=0.5,1", "--json");

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var json = JsonDocument.Parse(stdout);
        var rows = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.That(rows.Keys, Is.EqualTo(new[] { "Mobile-23-0.5", "Mobile-23-1", "Mobile-53-0.5", "Mobile-53-1" }));
        Assert.That(rows.Values.Select(r => r.GetProperty("family").GetString()), Is.All.EqualTo("mobile"));
        // torchvision's mobilenet_v2: 3,504,872 parameters; Sandler et al.: 300 M multiply-adds.
        Assert.That(rows["Mobile-53-1"].GetProperty("parameters").GetInt64(), Is.EqualTo(3_504_872));
        Assert.That(rows["Mobile-53-1"].GetProperty("multiplyAccumulates").GetInt64(), Is.EqualTo(300e6).Within(3e6));
    }

    [Test]
    public void Search_trains_a_mobile_shape_and_delivers_it_for_onnx_runtime_and_the_generated_class()
    {
        var output = Path.Combine(_root, "out");
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, "search", "--data", ShapeDnnProcess.SampleData,
            "--goal", "MaximizeAccuracy", "--out", output, "--name", "MobileModel",
            "--family", "mobile", "--design-space", "depths=23;widths=0.25",
            "--budget", "epochs=2;subset=600;validation=300;test=300;shapes=1");

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "MobileModel.report.json")));
        var chosen = report.RootElement.GetProperty("chosen");
        Assert.That(chosen.GetProperty("name").GetString(), Is.EqualTo("Mobile-23-0.25"));
        Assert.That(chosen.GetProperty("family").GetString(), Is.EqualTo("mobile"));
        Assert.That(chosen.GetProperty("training").GetProperty("epochs").GetArrayLength(), Is.EqualTo(2), "trained, not predicted");
        Assert.That(File.ReadAllText(Path.Combine(output, "MobileModel.g.cs")), Does.Contain("\"Mobile-23-0.25\""));

        using var session = new InferenceSession(Path.Combine(output, "MobileModel.onnx"));
        Assert.That(session.ModelMetadata.CustomMetadataMap["shapednn.family"], Is.EqualTo("mobile"));
    }
}
