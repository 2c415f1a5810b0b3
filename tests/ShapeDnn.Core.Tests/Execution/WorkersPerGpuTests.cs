using ShapeDnn.DesignSpace;
using ShapeDnn.Execution;
using ShapeDnn.Families;

namespace ShapeDnn.Core.Tests.Execution;

public class WorkersPerGpuTests
{
    private static ConcurrencyMeasurement[] Measured(params (int Workers, double Rate)[] points) =>
        points.Select(p => new ConcurrencyMeasurement(p.Workers, p.Rate)).ToArray();

    [Test]
    public void The_probe_doubles_the_workers_while_the_summed_throughput_pays()
    {
        Assert.That(WorkersPerGpu.Next([]), Is.EqualTo(1));
        Assert.That(WorkersPerGpu.Next(Measured((1, 1000))), Is.EqualTo(2));
        Assert.That(WorkersPerGpu.Next(Measured((1, 1000), (2, 1800))), Is.EqualTo(4));
        Assert.That(WorkersPerGpu.Next(Measured((1, 1000), (2, 1800), (4, 1900))), Is.Null, "4 workers gave 6 %: no point in 8");
        Assert.That(WorkersPerGpu.Next(Measured((1, 1000), (2, 1800), (4, 3000), (8, 5000))), Is.Null, "at most 8");
    }

    [Test]
    public void The_count_is_the_last_doubling_that_paid()
    {
        Assert.That(WorkersPerGpu.Choose(Measured((1, 1000))), Is.EqualTo(1));
        Assert.That(WorkersPerGpu.Choose(Measured((1, 1000), (2, 1100))), Is.EqualTo(1), "10 % is not worth a second worker");
        Assert.That(WorkersPerGpu.Choose(Measured((1, 1000), (2, 1800), (4, 1900))), Is.EqualTo(2));
        Assert.That(WorkersPerGpu.Choose(Measured((1, 1000), (2, 1800), (4, 3000), (8, 5000))), Is.EqualTo(8));
        Assert.That(WorkersPerGpu.Choose(Measured((1, 1000), (2, 0))), Is.EqualTo(1), "a failed run does not pay");
    }

    [Test]
    public void Shapes_of_similar_work_per_image_share_a_class()
    {
        var input = new InputShape(1, 28, 28, 10);
        string Class(int depth, double width) => WorkersPerGpu.ShapeClassOf(WideResNetPlanner.Plan(new Shape(depth, width), input));

        Assert.That(Class(10, 1), Does.Match(@"^macs-2\^\d+$"));
        Assert.That(Class(40, 8), Is.Not.EqualTo(Class(10, 1)));
    }
}
