using System.Diagnostics;
using ShapeDnn.Cache;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Core.Tests.Cache;

/// <summary>A cache that cannot be written is said so (SDNN020) before anything is trained.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class CacheWritabilityTests
{
    private string _root = null!;

    [SetUp]
    public void SetUp() => _root = Path.Combine(Path.GetTempPath(), "shapednn-cache-test-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Environment.IsPrivilegedProcess) Run("chattr", "-R", "-i", _root);
        if (Directory.Exists(_root))
        {
            File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(_root, recursive: true);
        }
    }

    private TrainedShapeCache Cache() => new(_root, _ => { });

    [Test]
    public void Should_accept_a_writable_folder_and_leave_nothing_in_it()
    {
        Cache().EnsureWritable();
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(_root, "trained")), Is.Empty);
    }

    [Test]
    public void Should_report_an_immutable_cache_folder_before_training()
    {
        if (!Environment.IsPrivilegedProcess) Assert.Ignore("chattr +i needs root (CI runs these tests as root).");
        Directory.CreateDirectory(Path.Combine(_root, "trained"));
        Run("chattr", "+i", Path.Combine(_root, "trained"));

        var error = Assert.Throws<ShapeDnnException>(() => Cache().EnsureWritable());
        Assert.That(error!.Code, Is.EqualTo(ErrorCode.CacheNotWritable));
        Assert.That(error.Message, Does.Contain("cannot be written").And.Contain("--cache"));
    }

    [Test]
    public void Should_report_a_read_only_cache_folder_before_training()
    {
        if (Environment.IsPrivilegedProcess) Assert.Ignore("root writes read-only folders; the immutable-folder test covers root.");
        Directory.CreateDirectory(Path.Combine(_root, "trained"));
        File.SetUnixFileMode(Path.Combine(_root, "trained"), UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var error = Assert.Throws<ShapeDnnException>(() => Cache().EnsureWritable());
        Assert.That(error!.Code, Is.EqualTo(ErrorCode.CacheNotWritable));
    }

    [Test]
    public void Should_report_a_file_where_the_cache_folder_belongs()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "trained"), "");
        var error = Assert.Throws<ShapeDnnException>(() => Cache().EnsureWritable());
        Assert.That(error!.Code, Is.EqualTo(ErrorCode.CacheNotWritable));
    }

    [Test]
    public void Should_report_a_failed_store_as_SDNN020_not_as_an_IO_exception()
    {
        if (!Environment.IsPrivilegedProcess) Assert.Ignore("chattr +i needs root (CI runs these tests as root).");
        var cache = Cache();
        cache.EnsureWritable();
        Run("chattr", "+i", Path.Combine(_root, "trained"));
        var plan = ShapeDnn.Families.WideResNetPlanner.Plan(new ShapeDnn.DesignSpace.Shape(10, 1), new ShapeDnn.DesignSpace.InputShape(1, 12, 12, 3));

        var error = Assert.Throws<ShapeDnnException>(() => cache.Store("k",
            new CachedTraining("WRN-10-1", 0.5, 0.5, [new ShapeDnn.Training.EpochStatistics(1, 1, 0.5, 1, 1)], 1, 1, "cpu", "t", DateTime.UtcNow),
            ShapeDnn.Tensors.RandomWeights.Create(plan, 1)));
        Assert.That(error!.Code, Is.EqualTo(ErrorCode.CacheNotWritable));
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        process.WaitForExit();
    }
}
