using ShapeDnn.Cache;
using ShapeDnn.Constraints;
using ShapeDnn.Core.Tests.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Engine;

/// <summary>The check that the output folder can be written touches nothing already in it, links included.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class OutputFolderProbeTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFolder();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private SearchRequest Request() => new(
        _temp["data"], ConstraintParser.Parse("MinAccuracy=90%"), Goal.MinimizeSize, _temp["out"], "FashionModel", "Tests.Generated", 1,
        TrainingBudget.Quick, DesignSpaceSpec.Parse("depths=10;widths=1"), _temp["cache"]);

    [Test]
    public void Should_not_follow_a_link_planted_at_the_old_predictable_probe_name()
    {
        var victim = _temp["victim.txt"];
        File.WriteAllText(victim, "precious");
        Directory.CreateDirectory(_temp["out"]);
        var link = Path.Combine(_temp["out"], $".shapednn-write-probe-{Environment.ProcessId}");
        File.CreateSymbolicLink(link, victim);

        _ = new SearchOutputs(Request(), new FakeReportRenderer());

        Assert.That(File.ReadAllText(victim), Is.EqualTo("precious"));
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(victim), "the planted link itself is left as it was");
    }

    [Test]
    public void Should_leave_nothing_behind_in_the_output_folder()
    {
        _ = new SearchOutputs(Request(), new FakeReportRenderer());
        Assert.That(Directory.GetFileSystemEntries(_temp["out"]), Is.Empty);
    }

    [Test]
    public void Should_create_exclusively_so_that_a_dangling_link_is_never_followed()
    {
        // What the probe relies on: CreateNew is O_CREAT|O_EXCL, which refuses any existing name, a dangling link included.
        Directory.CreateDirectory(_temp["out"]);
        var link = Path.Combine(_temp["out"], "dangling");
        File.CreateSymbolicLink(link, _temp["target-that-does-not-exist"]);
        Assert.Throws<IOException>(() => new FileStream(link, FileMode.CreateNew, FileAccess.Write).Dispose());
        Assert.That(File.Exists(_temp["target-that-does-not-exist"]), Is.False);
    }
}
