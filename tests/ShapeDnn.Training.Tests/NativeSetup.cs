using ShapeDnn.Training.Native;

namespace ShapeDnn.Training.Tests;

/// <summary>Loads TorchSharp once for the whole test assembly, as every ShapeDnn process must.</summary>
[SetUpFixture]
public sealed class NativeSetup
{
    public static NativeLoadReport Report { get; private set; } = null!;

    [OneTimeSetUp]
    public void LoadTorch()
    {
        Report = TorchNative.EnsureLoaded(new TorchNativeOptions { Log = line => TestContext.Progress.WriteLine(line) });
        TorchSharp.torch.set_num_threads(Environment.ProcessorCount);
    }
}
