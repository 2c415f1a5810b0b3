using ShapeDnn.Diagnostics;
using ShapeDnn.Training.Profiling;

namespace ShapeDnn.Training.Tests.Profiling;

public sealed class TorchCudaLatencyProfilerTests
{
    [Test]
    public void Asking_for_cuda_on_a_cpu_libtorch_gives_a_clear_device_unavailable_error()
    {
        if (TorchSharp.torch.cuda.is_available()) Assert.Ignore("This machine has CUDA; the GPU check script covers it.");

        var e = Assert.Throws<ShapeDnnException>(() => new TorchCudaLatencyProfiler())!;

        Assert.That(e.Code, Is.EqualTo(ErrorCode.DeviceUnavailable));
        Assert.That(e.Message, Does.Contain("CUDA was requested for latency").And.Contain("--device cpu").And.Contain("libtorch of TorchSharp"));
    }

    [Test]
    public void Out_of_memory_errors_are_recognised_by_their_message()
    {
        Assert.That(TorchCudaLatencyProfiler.IsOutOfMemory(new System.Runtime.InteropServices.ExternalException(
            "CUDA out of memory. Tried to allocate 20.00 GiB (GPU 0; 79.10 GiB total capacity)")), Is.True);
        Assert.That(TorchCudaLatencyProfiler.IsOutOfMemory(new InvalidOperationException("shape mismatch")), Is.False);
        Assert.That(TorchCudaLatencyProfiler.IsOutOfMemory(new OperationCanceledException("out of memory")), Is.False);
    }

    [Test]
    public void A_pytorch_install_is_described_by_its_version_file()
    {
        var root = Path.Combine(Path.GetTempPath(), $"shapednn-torch-{Guid.NewGuid():N}");
        var lib = Path.Combine(root, "torch", "lib");
        Directory.CreateDirectory(lib);
        try
        {
            File.WriteAllText(Path.Combine(root, "torch", "version.py"),
                "from typing import Optional\n__version__ = '2.11.0+cu130'\ndebug = False\ncuda: Optional[str] = '13.0'\ngit_version = 'abc'\n");
            var text = LibTorchVersion.Describe(new ShapeDnn.Training.Native.NativeLoadReport(null, null, ShapeDnn.Training.Native.PatchStatus.Compatible, [], lib));
            Assert.That(text, Does.StartWith("PyTorch 2.11.0+cu130 libtorch (CUDA 13.0), TorchSharp "));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
