using ShapeDnn.Cache;
using ShapeDnn.Tensors;

namespace ShapeDnn.Onnx.Tests;

/// <summary><see cref="OnnxExporter.Write"/> replaces a file whole or not at all.</summary>
public sealed class AtomicWriteTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = TestNetworks.TempFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Write_ReplacesALargerExistingFileWhole()
    {
        var plan = TestNetworks.Plan(10, 1, 1, 28, 28, 10);
        var weights = RandomWeights.Create(plan, seed: 4);
        string path = Path.Combine(_folder, "model.onnx");
        var old = new byte[2 * plan.Fp32SizeBytes];
        Array.Fill(old, (byte)0xFF);
        File.WriteAllBytes(path, old);

        OnnxExporter.Write(plan, weights, TestNetworks.Normalization(1), path);

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(OnnxExporter.Export(plan, weights, TestNetworks.Normalization(1))));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }), "no temporary file may remain");
    }

    [Test]
    public void Write_WithMismatchedWeights_CreatesNoFile()
    {
        var plan = TestNetworks.Plan(10, 1, 1, 28, 28, 10);
        var wrong = RandomWeights.Create(TestNetworks.Plan(10, 2, 1, 28, 28, 10), seed: 4);
        string path = Path.Combine(_folder, "model.onnx");

        Assert.Throws<ArgumentException>(() => OnnxExporter.Write(plan, wrong, TestNetworks.Normalization(1), path));

        Assert.That(Directory.GetFileSystemEntries(_folder), Is.Empty);
    }

    [Test]
    public void Write_WithMismatchedWeights_LeavesTheExistingFileUntouched()
    {
        var plan = TestNetworks.Plan(10, 1, 1, 28, 28, 10);
        var wrong = RandomWeights.Create(TestNetworks.Plan(10, 1, 3, 28, 28, 10), seed: 4);
        string path = Path.Combine(_folder, "model.onnx");
        byte[] old = [1, 2, 3, 4, 5];
        File.WriteAllBytes(path, old);

        Assert.Throws<ArgumentException>(() => OnnxExporter.Write(plan, wrong, TestNetworks.Normalization(1), path));

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(old));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void AtomicFile_FailureMidWrite_KeepsTheOldFileAndRemovesTheTemporaryOne()
    {
        string path = Path.Combine(_folder, "model.onnx");
        byte[] old = [9, 8, 7];
        File.WriteAllBytes(path, old);

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1 << 20]);
            throw new IOException("disk full (simulated)");
        }));

        Assert.That(error!.Message, Is.EqualTo("disk full (simulated)"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(old));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void Write_IntoAMissingFolder_ThrowsAndCreatesNothing()
    {
        var plan = TestNetworks.Plan(10, 1, 1, 28, 28, 10);
        string path = Path.Combine(_folder, "missing", "model.onnx");

        Assert.Throws<DirectoryNotFoundException>(() =>
            OnnxExporter.Write(plan, RandomWeights.Create(plan, seed: 4), TestNetworks.Normalization(1), path));

        Assert.That(Directory.GetFileSystemEntries(_folder), Is.Empty);
    }
}
