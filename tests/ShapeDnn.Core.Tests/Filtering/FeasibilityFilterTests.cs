using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Families;
using ShapeDnn.Filtering;

namespace ShapeDnn.Core.Tests.Filtering;

public class FeasibilityFilterTests
{
    private static readonly InputShape Input = new(1, 28, 28, 10);
    private static readonly DesignSpaceSpec Space = DesignSpaceSpec.Parse("depths=10,16,22,28;widths=1,2,4,8");

    [Test]
    public void Should_exclude_shapes_over_the_parameter_limit_without_measuring_anything()
    {
        var fake = new FakeProfiler();
        var profiles = new FeasibilityFilter(fake, fake, 1).Apply(Space, Input, new ConstraintSet(MaxParameters: 300_000), Goal.MinimizeSize, default);

        Assert.That(profiles.Where(p => p.Feasible).All(p => p.Plan.ParameterCount <= 300_000));
        Assert.That(profiles.Where(p => !p.Feasible).All(p => p.Plan.ParameterCount > 300_000 && p.ExcludedBy!.StartsWith("MaxParameters")));
        Assert.That(fake.Measured, Is.Empty);
    }

    [Test]
    public void Should_exclude_by_measured_latency_and_skip_shapes_that_dominate_a_slow_one()
    {
        var fake = new FakeProfiler();
        var limits = new ConstraintSet(MaxLatencyMilliseconds: 5);
        var profiles = new FeasibilityFilter(fake, fake, 1).Apply(Space, Input, limits, Goal.MinimizeLatency, default);

        foreach (var p in profiles.Where(p => p.Latency is not null))
            Assert.That(p.Feasible, Is.EqualTo(p.Latency!.MedianMilliseconds <= 5), p.Shape.Name);
        var inferred = profiles.Where(p => p.ExcludedBy?.Contains("not measured") == true).ToList();
        Assert.That(inferred, Is.Not.Empty);
        Assert.That(fake.Measured, Has.Count.LessThan(Space.Count));
        // Every inferred exclusion is right: the fake latency is monotone in depth and width.
        Assert.That(inferred.All(p => p.Plan.MultiplyAccumulates / 1e7 > 5));
    }

    [Test]
    public void Should_measure_a_shape_that_dominates_one_only_just_over_the_limit()
    {
        // Given a launch-bound device on which the shallowest, narrowest shape reads slower than a wider one
        // (an H200's WRN-10-1 at 0.803 ms against WRN-10-4 at 0.679 ms, batch 128)
        static double Latency(NetworkPlan p) => p.Shape == new Shape(10, 1) ? 0.80 : 0.40 + 0.02 * p.Shape.Depth + p.MultiplyAccumulates / 1e10;
        var device = new FunctionProfiler(Latency);
        var limits = new ConstraintSet(MaxLatencyMilliseconds: 0.75);

        // When the filter runs
        var profiles = new FeasibilityFilter(device, device, 1).Apply(Space, Input, limits, Goal.MinimizeLatency, default);

        // Then the shapes that dominate WRN-10-1 are judged on their own figures, and those under the limit stay
        Assert.That(Latency(WideResNetPlanner.Plan(new Shape(10, 2), Input)), Is.LessThan(0.75), "the case this test is about");
        var wider = profiles.Single(p => p.Shape == new Shape(10, 2));
        Assert.That(wider.Feasible, Is.True, wider.ExcludedBy);
        Assert.That(profiles.Single(p => p.Shape == new Shape(10, 1)).Feasible, Is.False);
        foreach (var p in profiles)
            Assert.That(p.Feasible, Is.EqualTo(Latency(p.Plan) <= 0.75), p.Shape.Name);
    }

    [Test]
    public void Should_still_skip_shapes_that_dominate_one_twice_over_the_limit()
    {
        var device = new FunctionProfiler(p => 0.40 + 0.02 * p.Shape.Depth + p.MultiplyAccumulates / 1e8);
        var limits = new ConstraintSet(MaxLatencyMilliseconds: 1.0);
        var profiles = new FeasibilityFilter(device, device, 1).Apply(Space, Input, limits, Goal.MinimizeLatency, default);

        var inferred = profiles.Where(p => p.ExcludedBy?.Contains("not measured") == true).ToList();
        Assert.That(inferred, Is.Not.Empty);
        Assert.That(device.Measured, Has.Count.LessThan(Space.Count));
        Assert.That(inferred.All(p => profiles.Any(o => p.Shape.Covers(o.Shape) && o.Latency is { Source: ShapeDnn.Profiles.FigureSource.Measured } o2 && o2.P10Milliseconds > 1.0 * LimitCheck.DominanceFactor)));
    }

    [Test]
    public void Should_exclude_by_energy()
    {
        var fake = new FakeProfiler();
        var profiles = new FeasibilityFilter(fake, fake, 1).Apply(Space, Input, new ConstraintSet(MaxEnergyMillijoules: 30), Goal.MinimizeEnergy, default);
        Assert.That(profiles.Where(p => p.Energy is not null && p.Energy.Millijoules > 30).All(p => !p.Feasible));
        Assert.That(profiles.Any(p => p.Feasible));
    }

    [Test]
    public void Should_name_the_binding_limit_and_the_nearest_shapes_when_nothing_is_feasible()
    {
        var fake = new FakeProfiler();
        var ex = Assert.Throws<ShapeDnnException>(() =>
            new FeasibilityFilter(fake, fake, 1).Apply(Space, Input, new ConstraintSet(MaxLatencyMilliseconds: 0.001), Goal.MinimizeSize, default))!;

        Assert.That(ex.Code, Is.EqualTo(ErrorCode.Infeasible));
        Assert.That(ex.Message, Does.Contain("MaxLatency excludes 16 of 16 shapes"));
        Assert.That(ex.Message, Does.Contain("Nearest shapes: WRN-10-1 ("));
    }

    [Test]
    public void Should_honour_cancellation_while_profiling()
    {
        var fake = new FakeProfiler();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            new FeasibilityFilter(fake, fake, 1).Apply(Space, Input, new ConstraintSet(MaxLatencyMilliseconds: 5), Goal.MinimizeSize, cts.Token));
    }
}
