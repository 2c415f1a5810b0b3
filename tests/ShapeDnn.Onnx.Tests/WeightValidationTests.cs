using ShapeDnn.Data;
using ShapeDnn.Tensors;

namespace ShapeDnn.Onnx.Tests;

/// <summary>Inputs that do not match the plan are rejected with a message that names the problem.</summary>
public sealed class WeightValidationTests
{
    private static readonly ShapeDnn.DesignSpace.NetworkPlan Plan = TestNetworks.Plan(10, 1, 1, 28, 28, 10);

    private static List<NamedTensor> Weights() => RandomWeights.Create(Plan, seed: 1).ToList();

    private static ArgumentException ExportFails(IReadOnlyList<NamedTensor> weights, ChannelNormalization? normalization = null) =>
        Assert.Throws<ArgumentException>(() => OnnxExporter.Export(Plan, weights, normalization ?? TestNetworks.Normalization(1)))!;

    [Test]
    public void WrongDimensions_AreNamedWithBothShapes()
    {
        var weights = Weights();
        int i = weights.FindIndex(t => t.Name == "group1.block0.conv1.weight");
        weights[i] = new NamedTensor(weights[i].Name, [32, 8, 3, 3], new float[32 * 8 * 9]);

        var error = ExportFails(weights);

        Assert.That(error.ParamName, Is.EqualTo("weights"));
        Assert.That(error.Message, Does.StartWith(
            "The weights do not match the plan of WRN-10-1 for 1x28x28, 10 classes: " +
            "tensor 'group1.block0.conv1.weight' has dimensions [32, 8, 3, 3], expected [32, 16, 3, 3]."));
    }

    [Test]
    public void MissingUnexpectedAndDuplicateTensors_AreAllListed()
    {
        var weights = Weights();
        weights.RemoveAll(t => t.Name == "head.fc.bias");
        weights.Add(new NamedTensor("head.fc.extra", [1], [0f]));
        weights.Add(weights[0]);

        var error = ExportFails(weights);

        Assert.That(error.Message, Does.Contain("duplicate tensor 'stem.weight'"));
        Assert.That(error.Message, Does.Contain("missing tensor 'head.fc.bias' [10]"));
        Assert.That(error.Message, Does.Contain("unexpected tensor 'head.fc.extra'"));
    }

    [Test]
    public void DataShorterThanItsDimensions_IsRejected()
    {
        var weights = Weights();
        int i = weights.FindIndex(t => t.Name == "head.bn.running_var");
        weights[i] = weights[i] with { Data = new float[3] };

        var error = ExportFails(weights);

        Assert.That(error.Message, Does.Contain("tensor 'head.bn.running_var' holds 3 values, its dimensions [64] need 64"));
    }

    [Test]
    public void NormalizationOfTheWrongChannelCount_IsRejected()
    {
        var error = ExportFails(Weights(), TestNetworks.Normalization(3));

        Assert.That(error.ParamName, Is.EqualTo("normalization"));
        Assert.That(error.Message, Does.Contain("3 means and 3 standard deviations; the input has 1 channel(s)"));
    }

    [Test]
    public void ZeroStandardDeviation_IsRejected()
    {
        var error = ExportFails(Weights(), new ChannelNormalization([0.5f], [0f]));

        Assert.That(error.Message, Does.Contain("std of channel 0 is 0"));
    }

    [Test]
    public void MetadataKeysOfTheExporter_CannotBeOverridden()
    {
        var options = new OnnxExportOptions { Metadata = new Dictionary<string, string> { ["shapednn.shape"] = "x" } };

        var error = Assert.Throws<ArgumentException>(() =>
            OnnxExporter.Export(Plan, Weights(), TestNetworks.Normalization(1), options))!;

        Assert.That(error.Message, Does.Contain("'shapednn.shape' is reserved"));
    }
}
