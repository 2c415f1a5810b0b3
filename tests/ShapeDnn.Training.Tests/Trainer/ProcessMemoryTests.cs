using ShapeDnn.Training.Trainer;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Tests.Trainer;

/// <summary>Freed libtorch memory goes back to the operating system when the trainer trims (glibc, Linux).</summary>
public sealed class ProcessMemoryTests
{
    [Test]
    public void Trimming_returns_freed_tensor_memory_that_glibc_would_otherwise_keep()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("glibc's malloc_trim exists on Linux only");
        const int count = 160, megabytes = 1;
        // Free one large block first: glibc then raises its mmap threshold, so the 1 MiB tensors below come
        // from its heap instead of their own mappings — the pattern that made training's memory drift.
        zeros(8L << 20, ScalarType.Byte).Dispose();
        var tensors = Enumerable.Range(0, count).Select(_ => ones(megabytes << 20, ScalarType.Byte)).ToList();
        long allocated = ProcessMemory.ResidentBytes();
        // Keep the last one: it pins the top of the heap, so free() alone cannot shrink it.
        foreach (var t in tensors.Take(count - 1)) t.Dispose();
        long freed = ProcessMemory.ResidentBytes();

        bool trimmed = ProcessMemory.ReleaseFreedMemory();
        long afterTrim = ProcessMemory.ResidentBytes();
        tensors[^1].Dispose();

        const double MiB = 1 << 20;
        TestContext.Progress.WriteLine($"RSS allocated {allocated / MiB:F0} MiB, after free {freed / MiB:F0} MiB, after trim {afterTrim / MiB:F0} MiB");
        Assert.That(trimmed, Is.True, "glibc reported that nothing was released");
        Assert.That((freed - afterTrim) / MiB, Is.GreaterThan(0.5 * count * megabytes), "the freed tensors' pages went back to the system");
    }
}
