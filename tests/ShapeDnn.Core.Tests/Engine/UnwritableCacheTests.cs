using System.Diagnostics;
using ShapeDnn.Constraints;
using ShapeDnn.Core.Tests.Data;
using ShapeDnn.Core.Tests.Filtering;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Engine;

/// <summary>An existing cache that cannot be written is reported as SDNN020 before any shape is trained, never after.</summary>
public class UnwritableCacheTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempFolder();
        DatasetFiles.WriteIdx(_temp["data"], gzip: false, trainCount: 60, testCount: 20, rows: 12, columns: 12);
    }

    [TearDown]
    public void TearDown()
    {
        using (var p = Process.Start(new ProcessStartInfo("chattr", ["-R", "-i", _temp.Path]) { RedirectStandardError = true })) p!.WaitForExit();
        _temp.Dispose();
    }

    [Test]
    public void Should_report_an_immutable_cache_before_training_anything()
    {
        if (!Environment.IsPrivilegedProcess) Assert.Ignore("chattr +i needs root (CI runs these tests as root).");
        var trained = Directory.CreateDirectory(Path.Combine(_temp["cache"], "trained")).FullName;
        using (var p = Process.Start("chattr", ["+i", trained])) p.WaitForExit();
        var trainer = new FakeTrainer();
        var fake = new FakeProfiler();
        var request = new SearchRequest(_temp["data"], ConstraintParser.Parse("MinAccuracy=90%"), Goal.MinimizeSize, _temp["out"], "FashionModel", "Tests.Generated", 1,
            new TrainingBudget("custom", new TrainingRecipe(1, null, 10, null), 20), DesignSpaceSpec.Parse("depths=10,16;widths=1,2"), _temp["cache"]);

        var error = Assert.Throws<ShapeDnnException>(() => new SearchEngine(trainer, fake, fake, new FakeExporter(), new FakeReportRenderer(), new RecordingObserver()).Run(request, default));

        Assert.That(error!.Code, Is.EqualTo(ErrorCode.CacheNotWritable));
        Assert.That(trainer.Trained, Is.Empty, "nothing is trained into a cache that cannot keep it");
    }
}
