using System.Diagnostics;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;

namespace ShapeDnn.Core.Tests.Data;

/// <summary>
/// Reads the real Fashion-MNIST that Debian's <c>dataset-fashion-mnist</c> installs. CI installs the
/// package, so its absence is a failure, not a skip.
/// </summary>
public sealed class FashionMnistTests
{
    private const string Folder = "/usr/share/datasets/fashion-mnist";

    [Test]
    public void Full_fashion_mnist_loads_quickly()
    {
        Assert.That(Directory.Exists(Folder), Is.True, $"{Folder} is missing: install the Debian package dataset-fashion-mnist.");

        var clock = Stopwatch.StartNew();
        var data = DatasetLoader.Load(Folder);
        clock.Stop();
        TestContext.Out.WriteLine($"Fashion-MNIST loaded in {clock.ElapsedMilliseconds} ms, hash {data.ContentHash}");

        Assert.That(data.Format, Is.EqualTo(DatasetLoader.IdxFormat));
        Assert.That(data.Train.Count, Is.EqualTo(60000));
        Assert.That(data.Test.Count, Is.EqualTo(10000));
        Assert.That(data.Train.Shape, Is.EqualTo(new InputShape(1, 28, 28, 10)));
        // Fashion-MNIST is balanced: 6,000 training and 1,000 test images per class.
        Assert.That(data.Train.Labels.CountBy(l => l).Select(g => g.Value), Is.All.EqualTo(6000));
        Assert.That(data.Test.Labels.CountBy(l => l).Select(g => g.Value), Is.All.EqualTo(1000));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }
}
