using System.Buffers.Binary;
using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>
/// The MSBuild half of the bad-input suite (issue 10): a malformed <c>ShapeDnn*</c> property fails the
/// build with its <c>SDNNxxx</c> code at the line of the project file that sets it, never with MSB4018
/// or a stack trace, and leaves no generated model. The build (and the worker it may start) runs with a
/// bounded managed heap.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class BadPropertyTests
{
    /// <summary>1 GiB for MSBuild and its worker: far above a build's needs, far below an unbounded enumeration.</summary>
    private static readonly Dictionary<string, string> BoundedHeap = new() { ["DOTNET_GCHeapHardLimit"] = "0x40000000" };

    private TestProject _project = null!;
    private string _datasets = null!;

    /// <summary>One bad setting: the property element (the line the error must point at), the code and a fragment of the message.</summary>
    public sealed record BadProperty(string Name, string Settings, string Code, string Fragment, string Model = "TinyModel")
    {
        public override string ToString() => Name;
    }

    private static BadProperty P(string name, string property, string value, string code, string fragment) =>
        new(name, $"<{property}>{value}</{property}>", code, fragment);

    private static readonly string LongName = "M" + new string('x', 499);

    public static IEnumerable<TestCaseData> Cases() => new[]
    {
        P("constraint without value", "ShapeDnnConstraints", "MaxLatency", "SDNN001", "not of the form Key=Value"),
        P("unknown constraint", "ShapeDnnConstraints", "MaxLatncy=2ms", "SDNN002", "did you mean MaxLatency?"),
        P("constraint with decimal comma", "ShapeDnnConstraints", "MaxLatency=1,5ms", "SDNN003", "decimal separator"),
        P("constraint out of range", "ShapeDnnConstraints", "MaxParameters=1e400", "SDNN005", "out of range"),
        P("constraint given twice", "ShapeDnnConstraints", "MaxSize=1MB;MaxSize=2MB", "SDNN005", "given twice"),
        P("unknown goal", "ShapeDnnGoal", "BeFast", "SDNN007", "MinimizeSize"),
        P("depth range to a billion", "ShapeDnnDesignSpace", "depths=10..1e9;widths=1", "SDNN008", "leaves the depths 10..100"),
        P("depth of two billion", "ShapeDnnDesignSpace", "depths=2147483644", "SDNN008", "between 10 and 100"),
        P("width of no channels", "ShapeDnnDesignSpace", "depths=10;widths=0.01", "SDNN008", "0 channels"),
        P("design space of one separator", "ShapeDnnDesignSpace", ";", "SDNN008", "has no depths"),
        P("budget key given twice", "ShapeDnnBudget", "epochs=1;epochs=2", "SDNN009", "'epochs' is given twice"),
        P("budget with one validation image", "ShapeDnnBudget", "epochs=1;validation=1", "SDNN009", "between 50 and"),
        P("budget with negative epochs", "ShapeDnnBudget", "epochs=-3", "SDNN009", "epochs must be between 1 and 1,000"),
        P("time budget without a unit", "ShapeDnnTimeBudget", "5", "SDNN009", "ShapeDnnTimeBudget '5' is not a duration"),
        P("batch of a billion", "ShapeDnnBatchSize", "1000000000", "SDNN009", "between 1 and 4,096"),
        P("batch of zero", "ShapeDnnBatchSize", "0", "SDNN009", "between 1 and 4,096"),
        P("batch in words", "ShapeDnnBatchSize", "one", "SDNN009", "must be a whole number"),
        P("model name with a dash", "ShapeDnnModelName", "my-model", "SDNN009", "not a valid C# class name") with { Model = "my-model" },
        P("model name of 500 characters", "ShapeDnnModelName", LongName, "SDNN009", "at most 128") with { Model = LongName },
        P("namespace with two dots", "ShapeDnnNamespace", "My..App", "SDNN009", "not a valid C# namespace"),
        P("unknown device", "ShapeDnnDevice", "tpu", "SDNN009", "is not one of auto, cpu, cuda"),
        P("dataset folder missing", "ShapeDnnDataset", "no/such/folder", "SDNN010", "does not exist"),
        P("dataset is a file", "ShapeDnnDataset", "Program.cs", "SDNN010", "is a file, not a folder"),
        P("libtorch is a file", "ShapeDnnLibTorchPath", "Program.cs", "SDNN015", "is a file, not a folder"),
        P("cache is a file", "ShapeDnnCacheDir", "Program.cs", "SDNN020", "is a file, not a folder"),
        P("dataset of one-pixel images", "ShapeDnnDataset", "{datasets}/one-pixel", "SDNN011", "at least 4x4"),
        P("dataset of one image", "ShapeDnnDataset", "{datasets}/one-image", "SDNN011", "holds 1 training image"),
        P("dataset with the wrong magic", "ShapeDnnDataset", "{datasets}/wrong-magic", "SDNN011", "wrong magic number"),
    }.Select(c => new TestCaseData(c).SetName("property: " + c.Name));

    [OneTimeSetUp]
    public void CreateProject()
    {
        _project = new TestProject("BadProperty");
        _datasets = Path.Combine(_project.Directory, "datasets");
        WriteIdx(Path.Combine(_datasets, "one-pixel"), count: 60, side: 1, magic: 0x0803);
        WriteIdx(Path.Combine(_datasets, "one-image"), count: 1, side: 28, magic: 0x0803);
        WriteIdx(Path.Combine(_datasets, "wrong-magic"), count: 60, side: 28, magic: 0x0804);
        _project.Write("");
        var restore = Dotnet.Run(_project.Directory, "restore");
        Assert.That(restore.Succeeded, Is.True, restore.ToString());
    }

    [OneTimeTearDown]
    public void DeleteProject() => _project.Dispose();

    [TestCaseSource(nameof(Cases))]
    public void Should_fail_with_its_code_at_the_property_line(BadProperty bad)
    {
        // Given: no model left by another case (the project is shared), and the bad setting
        if (Directory.Exists(_project.GeneratedFolder)) Directory.Delete(_project.GeneratedFolder, recursive: true);
        var settings = bad.Settings.Replace("{datasets}", _datasets);
        _project.Write(settings);
        int line = _project.LineOf(settings);

        // When
        var build = _project.Build(BoundedHeap, "--no-restore");

        // Then
        Assert.Multiple(() =>
        {
            Assert.That(build.Succeeded, Is.False, build.ToString());
            Assert.That(build.Output, Does.Contain($"{_project.ProjectFile}({line}): error {bad.Code}: {bad.Model}: "), build.ToString());
            Assert.That(ErrorLines(build.Output, bad.Code), Has.Some.Contains(bad.Fragment), build.ToString());
            Assert.That(build.Output, Does.Not.Contain("MSB4018").And.Not.Contain("SDNN099").And.Not.Contain("   at "), "a crash, not a diagnostic");
            var generated = Directory.Exists(_project.GeneratedFolder)
                ? Directory.EnumerateFiles(_project.GeneratedFolder, "TinyModel.*").Where(f => !f.EndsWith(".inputs.txt", StringComparison.Ordinal))
                : [];
            Assert.That(generated, Is.Empty, "no model for a request that cannot run");
        });
    }

    private static IEnumerable<string> ErrorLines(string output, string code) =>
        output.Split('\n').Where(l => l.Contains($"error {code}: ", StringComparison.Ordinal));

    /// <summary>An IDX dataset of <paramref name="count"/> square images (training and test alike) with the given image-file magic.</summary>
    private static void WriteIdx(string folder, int count, int side, int magic)
    {
        Directory.CreateDirectory(folder);
        var images = new byte[16 + count * side * side];
        BinaryPrimitives.WriteInt32BigEndian(images, magic);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), side);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), side);
        var labels = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(labels, 0x0801);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), count);
        for (int i = 0; i < count; i++) labels[8 + i] = (byte)(i % 2);
        foreach (var prefix in new[] { "train", "t10k" })
        {
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), images);
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), labels);
        }
    }
}
