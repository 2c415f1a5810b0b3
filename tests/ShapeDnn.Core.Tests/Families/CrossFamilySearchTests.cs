using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Search;
using ShapeDnn.Selection;
using ShapeDnn.Core.Tests.Search;

namespace ShapeDnn.Core.Tests.Families;

/// <summary>A search over two families: each family has its own predictor and bounds, and the pick is exhaustive search's.</summary>
public class CrossFamilySearchTests
{
    private static readonly InputShape Input = new(1, 28, 28, 10);

    // DenseNet-BC is given its own accuracy surface over depth and growth rate, on another scale than
    // Wide ResNet's: a predictor shared across families, or bounds across them, would be misled.
    private static double Accuracy(Shape s) => s.Family == DenseNetBCFamily.FamilyId
        ? 0.962 - 0.05 * Math.Exp(-(s.Depth - 10) / 30.0) - 0.03 * Math.Exp(-(s.Width - 6) / 6.0)
        : SyntheticAccuracy.Of(s);

    [TestCase(0.93)]
    [TestCase(0.94)]
    [TestCase(0.95)]
    public void Should_choose_what_exhaustive_search_over_both_families_chooses(double minAccuracy)
    {
        var shapes = DesignSpaceSpec.Paper.Shapes.Concat(DenseNetBCFamily.Instance.DefaultSpace.Shapes).ToList();
        var candidates = shapes.Select(s => new SearchCandidate(s, NetworkFamilies.Plan(s, Input).ParameterCount)).ToList();
        var exhaustive = candidates.Where(c => Accuracy(c.Shape) >= minAccuracy).MinBy(c => c.Cost)!.Shape;

        var outcome = new ShapeSearch(candidates, Goal.MinimizeSize, minAccuracy, candidates.Count).Run((s, _) => Accuracy(s));
        var chosen = ShapeSelector.Choose(outcome, candidates.ToDictionary(c => c.Shape, c => c.Cost), Goal.MinimizeSize, minAccuracy);

        TestContext.Out.WriteLine($"MinAccuracy {minAccuracy:P0}: chose {chosen.Shape.Name} (exhaustive {exhaustive.Name}) after {outcome.Trained.Count} of {candidates.Count} trainings");
        Assert.That(chosen.Shape, Is.EqualTo(exhaustive));
        Assert.That(outcome.Trained, Has.Count.LessThan(candidates.Count / 3));
        Assert.That(outcome.FinalPredictions.Keys.Select(s => s.Family).Distinct(), Is.EquivalentTo(new[] { "wrn", "densenet-bc" }), "both families are predicted");
    }
}
