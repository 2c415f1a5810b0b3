using ShapeDnn.Training.Native;

namespace ShapeDnn.Training.Tests;

/// <summary>Loads TorchSharp once for the whole test assembly, as every ShapeDnn process must.</summary>
[SetUpFixture]
public sealed class NativeSetup
{
    public const int TestThreads = 1;

    public static NativeLoadReport Report { get; private set; } = null!;

    [OneTimeSetUp]
    public void LoadTorch()
    {
        Report = TorchNative.EnsureLoaded(new TorchNativeOptions { Log = line => TestContext.Progress.WriteLine(line) });
        // Tests check behaviour, not speed. With two OpenMP threads on a 2-core machine that other
        // processes also load, every parallel region waits for a descheduled thread and the suite
        // slowed from 10 s to 3 min; one thread degrades only in proportion to the load.
        TorchSharp.torch.set_num_threads(TestThreads);
    }
}
