using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Training;

public class TrainingCeilingTests
{
    [TestCase(27, 1, 14)]   // half of the feasible shapes
    [TestCase(27, 8, 21)]   // plus the speculative proposals of one round
    [TestCase(8, 2, 7)]     // at least 6, plus one
    [TestCase(5, 8, 5)]     // never more than every feasible shape
    public void Should_add_one_rounds_speculative_proposals_to_the_default_ceiling(int feasible, int parallel, int expected) =>
        Assert.That(TrainingBudget.Standard.ShapesFor(feasible, parallel), Is.EqualTo(expected));

    [Test]
    public void Should_keep_an_explicit_ceiling_whatever_runs_at_a_time() =>
        Assert.That(TrainingBudget.Quick.ShapesFor(20, 8), Is.EqualTo(6));
}
