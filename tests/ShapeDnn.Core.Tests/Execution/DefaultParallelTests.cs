using ShapeDnn.Execution;

namespace ShapeDnn.Core.Tests.Execution;

public class DefaultParallelTests
{
    [TestCase(143_771UL << 20, 8)]   // H200 (nvidia-smi: 143771 MiB)
    [TestCase(81_559UL << 20, 8)]    // H100 80GB
    [TestCase(24_564UL << 20, 4)]    // a 24 GB card
    [TestCase((64UL << 30) - 1, 4)]
    [TestCase(64UL << 30, 8)]
    public void Should_train_eight_at_a_time_only_on_a_GPU_with_room_for_eight_workers(ulong memory, int expected) =>
        Assert.That(DefaultParallel.ForGpu(memory), Is.EqualTo(expected));

    [Test]
    public void Should_keep_four_when_the_memory_is_unknown() =>
        Assert.That(DefaultParallel.ForGpu(null), Is.EqualTo(DefaultParallel.OnGpu));
}
