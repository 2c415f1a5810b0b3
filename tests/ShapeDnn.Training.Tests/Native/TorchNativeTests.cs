using ShapeDnn.Diagnostics;
using ShapeDnn.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Tests.Native;

public sealed class TorchNativeTests
{
    [Test]
    public void The_bridge_used_is_the_output_copy_and_it_is_compatible_with_the_system_libstdcxx()
    {
        var report = NativeSetup.Report;
        var systemLacks = !ElfVersioning.DefinedVersions(new ElfImage(File.ReadAllBytes(report.LibStdCxxPath!))).Contains("GLIBCXX_3.4.32");

        Assert.That(report.BridgePath, Does.StartWith(AppContext.BaseDirectory));
        Assert.That(report.Bridge, systemLacks
            ? Is.EqualTo(PatchStatus.Patched).Or.EqualTo(PatchStatus.AlreadyPatched)
            : Is.EqualTo(PatchStatus.Compatible));
        var mapped = File.ReadLines("/proc/self/maps").Where(l => l.EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal))
            .Select(l => l[l.IndexOf('/')..]).Distinct().ToList();
        Assert.That(mapped, Is.EqualTo(new[] { report.BridgePath }));
    }

    [Test]
    public void The_NuGet_cache_copy_is_never_modified()
    {
        var need = ElfVersioning.RequiredVersions(new ElfImage(File.ReadAllBytes(TorchSharpBridgeFixture.PristinePath)))
            .Single(v => v.Name == "GLIBCXX_3.4.32");
        Assert.That(need.IsWeak, Is.False);
    }

    [Test]
    public void Convolution_forward_and_backward_compute_the_right_numbers()
    {
        using var scope = NewDisposeScope();
        var input = ones(1, 1, 3, 3);
        var weight = ones(new long[] { 1, 1, 3, 3 }, requires_grad: true);

        var output = nn.functional.conv2d(input, weight, padding: [1, 1]);
        output.sum().backward();

        // Ones convolved with a 3×3 ones kernel, zero padding: 9 in the centre, 6 on edges, 4 in corners;
        // d(sum)/d(weight) counts the same overlaps.
        var expected = new float[] { 4, 6, 4, 6, 9, 6, 4, 6, 4 };
        Assert.That(output.data<float>().ToArray(), Is.EqualTo(expected));
        Assert.That(weight.grad!.data<float>().ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void Switching_to_another_libtorch_after_loading_is_refused()
    {
        var e = Assert.Throws<ShapeDnnException>(() =>
            TorchNative.EnsureLoaded(new TorchNativeOptions { LibTorchDirectory = Path.Combine(Path.GetTempPath(), "elsewhere", "torch", "lib") }));
        Assert.That(e!.Code, Is.EqualTo(ErrorCode.NativeLibrary));
    }

    [Test]
    public void A_missing_libtorch_folder_is_reported_with_its_path()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"shapednn-no-such-{Guid.NewGuid():N}");

        var e = Assert.Throws<ShapeDnnException>(() => ExplicitLibTorch.Load(folder, "unused", log: null));

        Assert.That(e!.Code, Is.EqualTo(ErrorCode.NativeLibrary));
        Assert.That(e.Message, Does.Contain(folder).And.Contain("does not exist"));
    }

    [Test]
    public void A_folder_without_libtorch_lists_what_is_missing()
    {
        var folder = Directory.CreateTempSubdirectory("shapednn-empty-libtorch-").FullName;
        try
        {
            var e = Assert.Throws<ShapeDnnException>(() => ExplicitLibTorch.Load(folder, "unused", log: null));

            Assert.That(e!.Message, Does.Contain("libc10.so").And.Contain("libtorch_cpu.so").And.Contain("libtorch.so"));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}
