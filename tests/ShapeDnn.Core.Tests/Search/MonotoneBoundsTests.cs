using ShapeDnn.DesignSpace;
using ShapeDnn.Search;

namespace ShapeDnn.Core.Tests.Search;

public class MonotoneBoundsTests
{
    [Test]
    public void A_shape_is_bounded_by_the_shapes_that_dominate_it_and_those_it_dominates()
    {
        var bounds = new MonotoneBounds([(new Shape(10, 1), 0.90, 0.91), (new Shape(28, 4), 0.94, 0.95)]);
        var (lower, upper) = bounds.For(new Shape(16, 2));
        Assert.That(lower, Is.EqualTo(0.90 - MonotoneBounds.Tolerance).Within(1e-12));
        Assert.That(upper, Is.EqualTo(0.95 + MonotoneBounds.Tolerance).Within(1e-12));
    }

    [Test]
    public void A_shape_deeper_but_narrower_is_not_bounded()
    {
        var bounds = new MonotoneBounds([(new Shape(10, 4), 0.94, 0.95)]);
        Assert.That(bounds.For(new Shape(16, 2)), Is.EqualTo((0.0, 1.0)));
    }

    [Test]
    public void A_shape_of_another_family_bounds_nothing()
    {
        var bounds = new MonotoneBounds([(new Shape("densenet-bc", 10, 1), 0.90, 0.91), (new Shape("densenet-bc", 100, 24), 0.94, 0.95)]);
        Assert.That(bounds.For(new Shape(16, 2)), Is.EqualTo((0.0, 1.0)), "accuracy order holds within a family only");
    }

    [Test]
    public void The_tolerance_covers_the_largest_drop_the_ground_truth_shows()
    {
        // benchmarks/ground-truth/fit_curve_prior.py: 0.26 pp from WRN-40-6 to WRN-40-8 on the GPU.
        Assert.That(MonotoneBounds.Tolerance, Is.GreaterThanOrEqualTo(0.0026));
    }
}
