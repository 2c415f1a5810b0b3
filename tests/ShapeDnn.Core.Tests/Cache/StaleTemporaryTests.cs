using System.Diagnostics;
using ShapeDnn.Cache;

namespace ShapeDnn.Core.Tests.Cache;

/// <summary>A run killed while writing leaves temporaries; the next run removes those whose writer is gone at once.</summary>
public class StaleTemporaryTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "shapednn-stale-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Should_remove_a_fresh_temporary_of_a_process_that_is_gone_and_keep_one_of_a_live_process()
    {
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        gone.WaitForExit();
        var orphan = Path.Combine(_folder, $".FashionModel.g.cs.tmp-{gone.Id}-{Guid.NewGuid():N}");
        var live = Path.Combine(_folder, $".FashionModel.onnx.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        File.WriteAllText(orphan, "half");
        File.WriteAllText(live, "being written");

        AtomicFile.RemoveStaleTemporaries(_folder, TimeSpan.FromMinutes(1));

        Assert.That(File.Exists(orphan), Is.False);
        Assert.That(File.Exists(live), Is.True);
    }
}
