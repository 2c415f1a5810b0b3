using System.Text.Json;

namespace ShapeDnn.Cli.Tests.EndToEnd;

/// <summary><c>shapednn profile</c> as a user runs it.</summary>
public sealed class ProfileCommandTests
{
    private string _cache = null!;

    [SetUp]
    public void SetUp() => _cache = Path.Combine(Path.GetTempPath(), $"shapednn-profile-{Guid.NewGuid():N}");

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
    }

    [Test]
    public void Measures_listed_shapes_at_several_batch_sizes_on_the_cpu()
    {
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(_cache, "profile", "--device", "cpu", "--input", "1x12x12", "--classes", "10",
            "--shapes", "WRN-10-1,WRN-16-1", "--batch-sizes", "1,2", "--repeat", "2", "--json");

        Assert.That(exit, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        var rows = json.RootElement.GetProperty("measurements").EnumerateArray().ToList();
        Assert.That(rows, Has.Count.EqualTo(2 * 2 * 2));
        Assert.That(rows.Select(r => r.GetProperty("batchSize").GetInt32()).Distinct(), Is.EquivalentTo(new[] { 1, 2 }));
        Assert.That(rows.All(r => r.GetProperty("medianMs").GetDouble() > 0 && r.GetProperty("energySource").GetString() is "measured" or "estimated"));
        Assert.That(rows.Select(r => r.GetProperty("passesPerSample").GetInt32()), Is.All.EqualTo(1), "on the CPU each call is timed alone, as the app makes it");
        Assert.That(json.RootElement.GetProperty("device").GetString(), Does.Contain("ONNX Runtime"));
    }

    [Test]
    public void Asking_for_cuda_without_a_gpu_fails_with_device_unavailable()
    {
        if (File.Exists("/proc/driver/nvidia/version")) Assert.Ignore("This machine has an NVIDIA driver.");
        var (exit, _, stderr) = ShapeDnnProcess.Run(_cache, "profile", "--device", "cuda", "--input", "1x12x12", "--shapes", "WRN-10-1");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("SDNN019: CUDA was requested").And.Contain("torch.cuda.is_available(): false").And.Contain("--device cpu"));
    }

    [Test]
    public void A_malformed_shape_list_is_an_option_error()
    {
        var (exit, _, stderr) = ShapeDnnProcess.Run(_cache, "profile", "--device", "cpu", "--input", "1x12x12", "--shapes", "WRN-11-1");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("SDNN009").And.Contain("WRN-11-1"));
    }
}
