using ShapeDnn.DesignSpace;
using ShapeDnn.Execution;
using ShapeDnn.Families;

namespace ShapeDnn.Core.Tests.Execution;

public class GpuSlotsTests
{
    private static readonly InputShape Input = new(1, 28, 28, 10);
    private static readonly NetworkPlan Small = WideResNetPlanner.Plan(new Shape(10, 1), Input);
    private static readonly NetworkPlan Large = WideResNetPlanner.Plan(new Shape(40, 8), Input);
    private static readonly GpuDevice[] TwoH200 = [new(0, "NVIDIA H200"), new(1, "NVIDIA H200")];

    /// <summary>Counts per class; records each measurement.</summary>
    private sealed class FakeCounts(Func<string, int> measure) : IWorkerCountSource
    {
        public Dictionary<string, int> Stored { get; } = [];
        public List<(int Gpu, string ShapeClass)> Measurements { get; } = [];

        public int? Known(GpuDevice gpu, string shapeClass) => Stored.TryGetValue(shapeClass, out int n) ? n : null;

        public GpuSlot Acquire(GpuSlots slots, NetworkPlan plan, CancellationToken cancellationToken) =>
            slots.Acquire(plan, (gpu, _) =>
            {
                string shapeClass = WorkersPerGpu.ShapeClassOf(plan);
                lock (Measurements) Measurements.Add((gpu.Id, shapeClass));
                return measure(shapeClass);
            }, cancellationToken);
    }

    [Test]
    public void Workers_spread_over_the_gpus_up_to_the_measured_count_each_and_wait_beyond()
    {
        var counts = new FakeCounts(_ => 2);
        var slots = new GpuSlots(TwoH200, counts);

        var taken = Enumerable.Range(0, 4).Select(_ => counts.Acquire(slots, Small, CancellationToken.None)).ToList();

        Assert.That(taken.Select(s => s.Gpu.Id).Order(), Is.EqualTo(new[] { 0, 0, 1, 1 }));
        Assert.That(counts.Measurements, Has.Count.EqualTo(1), "one measurement per GPU model and shape class");
        using (var cancelled = new CancellationTokenSource())
        {
            cancelled.Cancel();
            Assert.Throws<OperationCanceledException>(() => counts.Acquire(slots, Small, cancelled.Token), "a fifth worker has no slot: it waits");
        }
        taken[3].Dispose();
        using var fifth = counts.Acquire(slots, Small, CancellationToken.None);
        Assert.That(fifth.Gpu.Id, Is.EqualTo(taken[3].Gpu.Id), "the freed slot is taken");
    }

    [Test]
    public void A_stored_count_is_used_without_measuring()
    {
        var counts = new FakeCounts(_ => throw new AssertionException("measured although stored"));
        counts.Stored[WorkersPerGpu.ShapeClassOf(Small)] = 3;
        var slots = new GpuSlots(TwoH200, counts);

        var taken = Enumerable.Range(0, 6).Select(_ => counts.Acquire(slots, Small, CancellationToken.None)).ToList();

        Assert.That(taken.GroupBy(s => s.Gpu.Id).Select(g => g.Count()), Is.EqualTo(new[] { 3, 3 }));
    }

    [Test]
    public void A_new_class_is_measured_on_an_idle_gpu_and_a_large_shape_gets_a_gpu_to_itself()
    {
        var counts = new FakeCounts(c => c == WorkersPerGpu.ShapeClassOf(Small) ? 4 : 1);
        var slots = new GpuSlots(TwoH200, counts);
        using var small = counts.Acquire(slots, Small, CancellationToken.None);

        using var large = counts.Acquire(slots, Large, CancellationToken.None);

        Assert.That(counts.Measurements[1], Is.EqualTo((1 - small.Gpu.Id, WorkersPerGpu.ShapeClassOf(Large))), "measured on the GPU that was idle");
        Assert.That(large.Gpu.Id, Is.Not.EqualTo(small.Gpu.Id));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => counts.Acquire(slots, Large, cancelled.Token), "one large worker per GPU, and both GPUs are busy");
    }

    [Test]
    public void Workers_of_an_unmeasured_class_wait_for_its_one_measurement()
    {
        using var measuring = new ManualResetEventSlim();
        using var goOn = new ManualResetEventSlim();
        var counts = new FakeCounts(_ => { measuring.Set(); goOn.Wait(); return 2; });
        var slots = new GpuSlots(TwoH200, counts);
        var first = Task.Run(() => counts.Acquire(slots, Small, CancellationToken.None));
        measuring.Wait();

        // While the class is measured on one GPU, a second worker of it neither measures again (on the
        // other, idle GPU) nor starts unmeasured: it would wait, so a cancelled wait ends at once.
        using (var cancelled = new CancellationTokenSource())
        {
            cancelled.Cancel();
            Assert.Throws<OperationCanceledException>(() => counts.Acquire(slots, Small, cancelled.Token));
        }
        Assert.That(counts.Measurements, Has.Count.EqualTo(1));
        goOn.Set();
        using var a = first.Result;
        using var b = counts.Acquire(slots, Small, CancellationToken.None);
        Assert.That(counts.Measurements, Has.Count.EqualTo(1), "the measurement serves both");
    }
}
