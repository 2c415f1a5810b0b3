using System.Diagnostics;
using ShapeDnn.DesignSpace;
using ShapeDnn.Tensors;

namespace ShapeDnn.Onnx.Tests;

/// <summary>The largest paper shape (WRN-28-10, 36.5 M parameters) exports quickly and compactly.</summary>
public sealed class LargeModelTests
{
    [Test]
    public void Wrn28x10_ExportsWithLittleOverheadBeyondTheWeights()
    {
        var plan = TestNetworks.Plan(28, 10, 3, 32, 32, 10);
        // Zero weights: generating 36.5 M random numbers would dominate the test; export cost does not depend on values.
        var weights = plan.Tensors.Select(t => new NamedTensor(t.Name, t.Dimensions, new float[t.ElementCount])).ToList();
        string folder = TestNetworks.TempFolder();
        try
        {
            string path = Path.Combine(folder, "wrn-28-10.onnx");
            var watch = Stopwatch.StartNew();
            OnnxExporter.Write(plan, weights, TestNetworks.Normalization(3), path);
            watch.Stop();

            long length = new FileInfo(path).Length;
            TestContext.Out.WriteLine(
                $"{plan.Shape.Name}: {plan.ParameterCount:N0} parameters, {length:N0} bytes written in {watch.ElapsedMilliseconds} ms");
            Assert.That(plan.ParameterCount, Is.EqualTo(36_479_194));
            Assert.That(length, Is.InRange(plan.Fp32SizeBytes, plan.Fp32SizeBytes + 64 * 1024));
            // Generous bound for a 2-core CI machine; a per-element encoding would take far longer.
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
