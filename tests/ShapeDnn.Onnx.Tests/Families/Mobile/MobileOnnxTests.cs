using Microsoft.ML.OnnxRuntime;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Tensors;

namespace ShapeDnn.Onnx.Tests.Families.Mobile;

/// <summary>A mobile network's ONNX file passes the official checker and carries its family.</summary>
public sealed class MobileOnnxTests
{
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
        nodes = model.graph.node
        group = lambda n: next((a.i for a in n.attribute if a.name == "group"), 1)
        print("depthwise", sum(1 for n in nodes if n.op_type == "Conv" and group(n) > 1))
        print("clip", sum(1 for n in nodes if n.op_type == "Clip"))
        print("add", sum(1 for n in nodes if n.op_type == "Add" and n.name != "normalize"))
        meta = {p.key: p.value for p in model.metadata_props}
        print("shape", meta["shapednn.shape"], "family", meta["shapednn.family"])
        """;

    [TestCase(23, 0.25, 1, 28, 28, 10)]
    [TestCase(35, 0.75, 3, 32, 32, 10)]
    [TestCase(26, 1.4, 3, 27, 21, 4)]
    public void Checker_accepts_the_model_and_reencodes_it_identically(int depth, double width, int channels, int height, int imageWidth, int classes)
    {
        var plan = (MobileNetPlan)NetworkFamilies.Plan(new Shape(MobileFamily.FamilyId, depth, width), new InputShape(channels, height, imageWidth, classes));
        string folder = TestNetworks.TempFolder();
        string path = Path.Combine(folder, "model.onnx");
        try
        {
            OnnxExporter.Write(plan, RandomWeights.Create(plan, seed: 2, randomBatchNormStatistics: true), TestNetworks.Normalization(channels), path);

            var (exitCode, output) = OnnxCheckerTests.RunPython(path, Script);

            Assert.That(exitCode, Is.Not.EqualTo(3),
                $"/usr/bin/python3 cannot import onnx; install the Debian package python3-onnx (apt-get install python3-onnx). {output}");
            Assert.That(exitCode, Is.EqualTo(0), $"The ONNX checker rejected the model:\n{output}");
            Assert.That(output, Does.Contain("identical"), output);
            // One depthwise convolution per block; ReLU6 after the stem, each expansion, each depthwise and the head.
            Assert.That(output, Does.Contain($"depthwise {plan.Blocks.Count}\n"), output);
            Assert.That(output, Does.Contain($"clip {2 + plan.Blocks.Count + plan.Blocks.Count(b => b.Expands)}\n"), output);
            Assert.That(output, Does.Contain($"add {plan.Blocks.Count(b => b.HasResidual)}\n"), output);
            Assert.That(output, Does.Contain($"shape {plan.Shape.Name} family mobile"), output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void The_session_sees_the_contract_and_the_family_in_the_metadata()
    {
        var plan = NetworkFamilies.Plan(new Shape(MobileFamily.FamilyId, 29, 0.5), new InputShape(1, 28, 28, 10));
        using var session = new InferenceSession(OnnxExporter.Export(plan, RandomWeights.Create(plan, seed: 1), TestNetworks.Normalization(1)));

        Assert.That(session.InputMetadata[OnnxExporter.InputName].Dimensions, Is.EqualTo(new[] { -1, 1, 28, 28 }));
        Assert.That(session.OutputMetadata.Keys, Is.EquivalentTo(new[] { "logits", "probabilities" }));
        Assert.That(session.ModelMetadata.GraphName, Is.EqualTo("Mobile-29-0.5"));
        Assert.That(session.ModelMetadata.Description, Does.StartWith("MobileNetV2-style network Mobile-29-0.5"));
        Assert.That(session.ModelMetadata.CustomMetadataMap["shapednn.family"], Is.EqualTo("mobile"));
        Assert.That(session.ModelMetadata.CustomMetadataMap["shapednn.parameters"], Is.EqualTo(plan.ParameterCount.ToString()));
    }

    [Test]
    public void Probabilities_of_a_batch_are_the_softmax_of_each_images_logits_and_do_not_depend_on_the_batch()
    {
        var plan = NetworkFamilies.Plan(new Shape(MobileFamily.FamilyId, 26, 0.75), new InputShape(3, 21, 17, 4));
        using var session = new InferenceSession(OnnxExporter.Export(plan, RandomWeights.Create(plan, seed: 21, randomBatchNormStatistics: true), TestNetworks.Normalization(3)));
        var pixels = TestNetworks.Pixels(plan, 3, seed: 1);
        int pixelCount = plan.Input.PixelCount, classes = plan.Input.Classes;

        var (batched, probabilities) = TestNetworks.Run(session, plan, pixels, 3);

        for (int n = 0; n < 3; n++)
        {
            var (single, _) = TestNetworks.Run(session, plan, pixels.AsSpan(n * pixelCount, pixelCount).ToArray(), 1);
            Assert.That(single, Is.EqualTo(batched.AsSpan(n * classes, classes).ToArray()).Within(1e-5), $"image {n}");
            var row = batched.AsSpan(n * classes, classes).ToArray();
            double max = row.Max(), sum = row.Sum(v => Math.Exp(v - max));
            for (int k = 0; k < classes; k++)
                Assert.That(probabilities[n * classes + k], Is.EqualTo(Math.Exp(row[k] - max) / sum).Within(1e-6));
        }
        Assert.That(batched.AsSpan(0, classes).ToArray(), Is.Not.EqualTo(batched.AsSpan(classes, classes).ToArray()), "the network must not ignore its input");
    }
}
