using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Search;

namespace ShapeDnn.Core.Tests.Search;

/// <summary>The search's time hook (<see cref="SearchSettings.TimeUp"/>): asked between rounds, it ends the search with <see cref="StopReason.TimeBudget"/>.</summary>
public class TimeUpTests
{
    private static readonly InputShape Input = new(1, 28, 28, 10);

    private static List<SearchCandidate> Candidates() =>
        DesignSpaceSpec.Paper.Shapes.Select(s => new SearchCandidate(s, WideResNetPlanner.Plan(s, Input).ParameterCount)).ToList();

    [TestCase(Goal.MinimizeSize, 0.95)]
    [TestCase(Goal.MinimizeSize, null)]
    [TestCase(Goal.MaximizeAccuracy, null)]
    public void Should_propose_nothing_once_the_time_is_up(Goal goal, double? minAccuracy)
    {
        int rounds = 0;
        var settings = new SearchSettings(1, 110) { TimeUp = () => rounds >= 1 };

        var outcome = new ShapeSearch(Candidates(), goal, minAccuracy, settings)
            .Run(batch => { rounds++; return batch.Select(p => EvaluationResult.Trained(SyntheticAccuracy.Of(p.Shape))).ToList(); }, 1);

        Assert.That(rounds, Is.EqualTo(1));
        Assert.That(outcome.Trained, Has.Count.EqualTo(1));
        // Without an accuracy limit the one training already settles the choice; otherwise the time ended the search.
        Assert.That(outcome.StopReason, Is.EqualTo(goal != Goal.MaximizeAccuracy && minAccuracy is null ? StopReason.NoAccuracyLimit : StopReason.TimeBudget));
    }

    [Test]
    public void Should_train_nothing_when_the_time_is_up_before_the_first_round()
    {
        var outcome = new ShapeSearch(Candidates(), Goal.MinimizeSize, 0.95, new SearchSettings(1, 110) { TimeUp = () => true })
            .Run(_ => throw new AssertionException("nothing may be proposed"), 1);

        Assert.That(outcome.Trained, Is.Empty);
        Assert.That(outcome.StopReason, Is.EqualTo(StopReason.TimeBudget));
    }
}
