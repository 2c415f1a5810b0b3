using ShapeDnn.Build.Tasks;

namespace ShapeDnn.Build.Tests.Unit;

/// <summary>At run time the libtorch files are found under the NuGet package folders however they are spelled (CI often sets NUGET_PACKAGES without a trailing slash).</summary>
public sealed class WorkerLayoutTests
{
    private string _root = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_root = Path.Combine(Path.GetTempPath(), "shapednn-layout-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    [TestCase("/")]
    [TestCase("")]
    public void Should_find_libtorch_under_a_packages_folder_with_or_without_a_trailing_slash(string trailing)
    {
        var packages = Path.Combine(_root, "packages");
        const string entry = "libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native/libc10.so";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(packages, entry))!);
        File.WriteAllText(Path.Combine(packages, entry), "libc10");
        var worker = Directory.CreateDirectory(Path.Combine(_root, "tools", "worker")).FullName;
        File.WriteAllText(Path.Combine(worker, "shapednn.dll"), "worker");
        File.WriteAllText(Path.Combine(worker, WorkerLayout.ManifestFileName), "# libtorch files\n" + entry + "\n");

        var folder = WorkerLayout.Materialize(worker, [packages + trailing], Path.Combine(_root, "cache"), withPackagedLibTorch: true, _ => { });

        Assert.That(File.ReadAllText(Path.Combine(folder, "runtimes", "linux-x64", "native", "libc10.so")), Is.EqualTo("libc10"));
    }

    [Test]
    public void Should_need_no_packaged_libtorch_when_every_model_brings_its_own()
    {
        // The manifest names a libtorch file that no packages folder has (it was never restored).
        var worker = Directory.CreateDirectory(Path.Combine(_root, "tools", "worker")).FullName;
        File.WriteAllText(Path.Combine(worker, "shapednn.dll"), "worker");
        File.WriteAllText(Path.Combine(worker, WorkerLayout.ManifestFileName), "libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native/libc10.so\n");
        var cache = Path.Combine(_root, "cache");

        var folder = WorkerLayout.Materialize(worker, [Path.Combine(_root, "empty-packages")], cache, withPackagedLibTorch: false, _ => { });

        Assert.That(File.ReadAllText(Path.Combine(folder, "shapednn.dll")), Is.EqualTo("worker"));
        Assert.That(Directory.Exists(Path.Combine(folder, "runtimes")), Is.False, "no libtorch file is placed");
        var withLibTorch = Assert.Throws<ShapeDnn.Diagnostics.ShapeDnnException>(() =>
            WorkerLayout.Materialize(worker, [Path.Combine(_root, "empty-packages")], cache, withPackagedLibTorch: true, _ => { }));
        Assert.That(withLibTorch!.Code, Is.EqualTo(ShapeDnn.Diagnostics.ErrorCode.NativeLibrary), "the full layout is another folder and still needs the files");
    }
}
