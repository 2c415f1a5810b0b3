using System.Diagnostics;
using System.Globalization;
using ShapeDnn.Cache;

namespace ShapeDnn.Core.Tests.Cache;

public class CacheLeaseTests
{
    private string _folder = null!;
    private string Lease => Path.Combine(_folder, "key.lease");

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "shapednn-lease-test-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private static long StartTicks(Process p) => p.StartTime.ToUniversalTime().Ticks;

    private void Plant(int pid, string host, long processStartTicks) =>
        File.WriteAllText(Lease, string.Create(CultureInfo.InvariantCulture, $"{pid} {host} {processStartTicks} {DateTime.UtcNow.Ticks}\n"));

    [Test]
    public void Should_refuse_a_held_lease_and_name_its_holder()
    {
        using var held = CacheLease.TryAcquire(Lease, out _);
        Assert.That(held, Is.Not.Null);

        using var second = CacheLease.TryAcquire(Lease, out var holder);

        Assert.That(second, Is.Null);
        Assert.That(holder, Does.Contain(Lease));
    }

    [Test]
    public void Should_give_the_lease_to_the_next_once_released()
    {
        CacheLease.TryAcquire(Lease, out _)!.Dispose();
        using var next = CacheLease.TryAcquire(Lease, out _);
        Assert.That(next, Is.Not.Null);
    }

    [Test]
    public void Should_take_over_the_lease_of_a_process_that_is_gone()
    {
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        gone.WaitForExit();
        Plant(gone.Id, Environment.MachineName, DateTime.UtcNow.Ticks);

        using var lease = CacheLease.TryAcquire(Lease, out _);
        Assert.That(lease, Is.Not.Null);
    }

    [Test]
    public void Should_respect_a_live_holder_on_this_host_even_without_its_lock()
    {
        // As where file locks are not shared (locking disabled, some network file systems): the content alone says the holder lives.
        using var self = Process.GetCurrentProcess();
        Plant(Environment.ProcessId, Environment.MachineName, StartTicks(self));
        Assert.That(CacheLease.TryAcquire(Lease, out var holder), Is.Null);
        Assert.That(holder, Does.Contain($"process {Environment.ProcessId} on {Environment.MachineName}"));
    }

    [Test]
    public void Should_take_over_when_the_pid_now_belongs_to_another_process()
    {
        using var self = Process.GetCurrentProcess();
        Plant(Environment.ProcessId, Environment.MachineName, StartTicks(self) - TimeSpan.TicksPerHour);
        using var lease = CacheLease.TryAcquire(Lease, out _);
        Assert.That(lease, Is.Not.Null);
    }

    [Test]
    public void Should_respect_another_host_while_its_heartbeat_is_fresh_and_take_over_after()
    {
        Plant(1, "another-host", 0);
        Assert.That(CacheLease.TryAcquire(Lease, out var holder), Is.Null);
        Assert.That(holder, Does.Contain("another-host"));

        File.SetLastWriteTimeUtc(Lease, DateTime.UtcNow - CacheLease.StaleAfter - TimeSpan.FromSeconds(1));
        using var lease = CacheLease.TryAcquire(Lease, out _);
        Assert.That(lease, Is.Not.Null);
    }

    [Test]
    public void Should_wait_for_the_holder_and_then_take_the_lease()
    {
        var held = CacheLease.TryAcquire(Lease, out _)!;
        using var waiting = new ManualResetEventSlim();
        var acquire = Task.Run(() => CacheLease.Acquire(Lease, _ => waiting.Set(), default));

        Assert.That(waiting.Wait(TimeSpan.FromMinutes(1)), Is.True, "the waiter says whom it waits for");
        Assert.That(acquire.IsCompleted, Is.False);
        held.Dispose();
        using var lease = acquire.Result;
        Assert.That(lease, Is.Not.Null);
    }

    [Test]
    public void Should_stop_waiting_when_cancelled()
    {
        using var held = CacheLease.TryAcquire(Lease, out _)!;
        using var cancel = new CancellationTokenSource();
        var acquire = Task.Run(() => CacheLease.Acquire(Lease, _ => cancel.Cancel(), cancel.Token));
        Assert.That(() => acquire.Wait(TimeSpan.FromMinutes(1)), Throws.InstanceOf<AggregateException>().With.InnerException.InstanceOf<OperationCanceledException>());
    }
}
