using ShapeDnn.DesignSpace;
using ShapeDnn.Training;
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

    [TestCase("standard")]
    [TestCase("quick")]
    public void The_tolerance_of_a_budget_covers_the_largest_drop_its_ground_truth_shows(string budget)
    {
        // Given: the measured runs of that budget (seed 1): the GPU's standard runs, the CPU's quick ones.
        var recipe = TrainingBudget.Parse(budget).Recipe;
        string file = budget == "standard" ? Replay.GroundTruthFiles.Gpu : Replay.GroundTruthFiles.Cpu;
        var runs = File.ReadLines(file).Where(l => l.Length > 0).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("seed").GetInt32() == 1)
            .Select(r => (Shape: new Shape(r.GetProperty("depth").GetInt32(), r.GetProperty("width").GetDouble()), Accuracy: r.GetProperty("validationAccuracy").GetDouble()))
            .ToList();

        // When: the largest amount by which a shape beats one that is at least as deep and as wide.
        double drop = runs.SelectMany(a => runs.Where(b => b.Shape != a.Shape && b.Shape.Covers(a.Shape)).Select(b => a.Accuracy - b.Accuracy)).Max();

        // Then
        Assert.That(MonotoneBounds.ToleranceFor(recipe), Is.GreaterThanOrEqualTo(drop));
    }
}
