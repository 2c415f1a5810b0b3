using ShapeDnn.Diagnostics;
using ShapeDnn.Execution;

namespace ShapeDnn.Core.Tests.Execution;

public class GpuSelectionTests
{
    [Test]
    public void All_is_every_gpu_the_host_has()
    {
        Assert.That(GpuSelection.Parse("all").Resolve(3), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(GpuSelection.Parse(" ALL ").Resolve(1), Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void A_list_is_taken_in_order_without_repeats()
    {
        Assert.That(GpuSelection.Parse("2, 0,2").Resolve(4), Is.EqualTo(new[] { 2, 0 }));
    }

    [TestCase("")]
    [TestCase("0;1")]
    [TestCase("-1")]
    [TestCase("gpu0")]
    public void Anything_else_is_a_bad_option(string text)
    {
        var e = Assert.Throws<ShapeDnnException>(() => GpuSelection.Parse(text))!;
        Assert.That(e.Code, Is.EqualTo(ErrorCode.BadOption));
        Assert.That(e.Message, Does.Contain("--gpus"));
    }

    [Test]
    public void A_machine_without_cuda_is_a_clear_error()
    {
        var e = Assert.Throws<ShapeDnnException>(() => GpuSelection.All.Resolve(0))!;
        Assert.That(e.Code, Is.EqualTo(ErrorCode.DeviceUnavailable));
        Assert.That(e.Message, Does.Contain("no GPU"));
    }

    [Test]
    public void Gpus_out_of_range_are_named()
    {
        var e = Assert.Throws<ShapeDnnException>(() => GpuSelection.Parse("0,3,5").Resolve(2))!;
        Assert.That(e.Code, Is.EqualTo(ErrorCode.DeviceUnavailable));
        Assert.That(e.Message, Does.Contain("GPU 3, 5").And.Contain("has 2 GPUs (0 … 1)"));
    }

    [TestCase(1, null, "1")]
    [TestCase(1, "", "1")]
    [TestCase(1, "4,6", "6")]
    [TestCase(0, "GPU-3f2e, GPU-77aa", "GPU-3f2e")]
    public void A_worker_sees_exactly_its_gpu_also_under_an_inherited_restriction(int id, string? inherited, string expected)
    {
        Assert.That(GpuSelection.VisibleDevicesFor(id, inherited), Is.EqualTo(expected));
    }
}
