using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Search;

namespace ShapeDnn.Core.Tests.Search;

/// <summary>Several shapes proposed at a time: the same decisions whatever order trainings finish in, and skipped shapes.</summary>
public class BatchedSearchTests
{
    private static readonly InputShape Input = new(1, 28, 28, 10);
    private static readonly DesignSpaceSpec Space = DesignSpaceSpec.Paper;

    // With the GPU's training costs, as the engine gives them: on equal costs the accuracy goal would start
    // at the shape that covers every other, and nothing could beat it by more than the monotone tolerance.
    private static List<SearchCandidate> Candidates() =>
        Space.Shapes.Select(s => WideResNetPlanner.Plan(s, Input))
            .Select(p => new SearchCandidate(p.Shape, p.ParameterCount) { TrainingWeight = TrainingCostProxy.Of(p, gpu: true) }).ToList();

    /// <summary>Evaluates a batch in a seeded random order (as concurrent trainings would finish) but returns results by proposal index.</summary>
    private static Func<IReadOnlyList<ShapeProposal>, IReadOnlyList<EvaluationResult>> ShuffledCompletion(int seed, List<Shape> completionLog)
    {
        var random = new Random(seed);
        return batch =>
        {
            var results = new EvaluationResult[batch.Count];
            foreach (int i in Enumerable.Range(0, batch.Count).OrderBy(_ => random.Next()))
            {
                completionLog.Add(batch[i].Shape);
                results[i] = EvaluationResult.Trained(SyntheticAccuracy.Of(batch[i].Shape));
            }
            return results;
        };
    }

    [TestCase(Goal.MinimizeSize, 0.94)]
    [TestCase(Goal.MaximizeAccuracy, null)]
    public void Decisions_do_not_depend_on_completion_order(Goal goal, double? minAccuracy)
    {
        var logA = new List<Shape>();
        var logB = new List<Shape>();
        var a = new ShapeSearch(Candidates(), goal, minAccuracy, 30).Run(ShuffledCompletion(1, logA), 3);
        var b = new ShapeSearch(Candidates(), goal, minAccuracy, 30).Run(ShuffledCompletion(2, logB), 3);

        Assert.That(logA, Is.Not.EqualTo(logB), "the two runs must really complete in different orders");
        Assert.That(a.Trained.Select(t => (t.Shape, t.Round, t.Why)), Is.EqualTo(b.Trained.Select(t => (t.Shape, t.Round, t.Why))));
        Assert.That(a.StopReason, Is.EqualTo(b.StopReason));
    }

    [Test]
    public void One_at_a_time_batches_make_the_same_choices_as_the_sequential_loop()
    {
        var sequential = new ShapeSearch(Candidates(), Goal.MinimizeSize, 0.94, 110).Run((s, _) => SyntheticAccuracy.Of(s));
        var batched = new ShapeSearch(Candidates(), Goal.MinimizeSize, 0.94, 110)
            .Run(batch => batch.Select(p => EvaluationResult.Trained(SyntheticAccuracy.Of(p.Shape))).ToList(), 1);
        Assert.That(batched.Trained.Select(t => t.Shape), Is.EqualTo(sequential.Trained.Select(t => t.Shape)));
    }

    [Test]
    public void Batches_never_exceed_the_parallel_count_or_the_budget()
    {
        var sizes = new List<int>();
        var outcome = new ShapeSearch(Candidates(), Goal.MinimizeSize, 0.95, 7).Run(batch =>
        {
            sizes.Add(batch.Count);
            return batch.Select(p => EvaluationResult.Trained(SyntheticAccuracy.Of(p.Shape))).ToList();
        }, 3);
        Assert.That(sizes, Has.All.LessThanOrEqualTo(3));
        Assert.That(sizes[0], Is.EqualTo(3), "the first proposals (the cheapest shapes) are trained several at a time");
        Assert.That(outcome.Trained, Has.Count.EqualTo(7), "the ceiling is exact: the last batch is cut to what is left");
        Assert.That(outcome.StopReason, Is.EqualTo(StopReason.BudgetSpent));
        Assert.That(outcome.Trained.Select(t => t.Round), Is.EqualTo(Enumerable.Range(1, 7)));
    }

    [Test]
    public void A_cost_goal_trains_together_only_shapes_that_can_still_change_the_choice()
    {
        // Given the same search run with every slot filled (JoinProbability 0, the behaviour before) and as shipped, 8 at a time
        (SearchOutcome Outcome, List<int> Sizes) Run(double join)
        {
            var sizes = new List<int>();
            var outcome = new ShapeSearch(Candidates(), Goal.MinimizeSize, 0.945, new SearchSettings(1, 110) { JoinProbability = join }).Run(batch =>
            {
                sizes.Add(batch.Count);
                return batch.Select(p => EvaluationResult.Trained(SyntheticAccuracy.Of(p.Shape))).ToList();
            }, 8);
            return (outcome, sizes);
        }
        var full = Run(0);
        var shipped = Run(ShapeSearch.JoinProbability);

        // Then the first round is the 8 cheapest shapes either way, a later round holds fewer shapes than the slots,
        // and the search makes the same choice for less training
        Assert.That(full.Sizes.Skip(1), Has.Some.EqualTo(8), "filling every slot, a later round takes 8 shapes (else this test shows nothing)");
        Assert.That(shipped.Sizes[0], Is.EqualTo(8));
        Assert.That(shipped.Sizes.Skip(1), Has.Some.LessThan(8));
        Assert.That(shipped.Outcome.StopReason, Is.EqualTo(StopReason.Settled));
        Assert.That(Chosen(shipped.Outcome), Is.EqualTo(Chosen(full.Outcome)));
        Assert.That(shipped.Outcome.Trained, Has.Count.LessThan(full.Outcome.Trained.Count));
        Assert.That(shipped.Outcome.Trained.Select(t => t.Batch).Distinct().Count(), Is.EqualTo(shipped.Sizes.Count), "each training reports its round");
    }

    /// <summary>The smallest complete run that meets the limit: what a size goal delivers.</summary>
    private static Shape Chosen(SearchOutcome outcome) =>
        outcome.Trained.Where(t => t.ValidationAccuracy >= 0.945).OrderBy(t => WideResNetPlanner.Plan(t.Shape, Input).ParameterCount).First().Shape;

    [Test]
    public void A_skipped_shape_is_recorded_never_chosen_and_the_search_goes_on()
    {
        // Every shape of width 10 runs out of device memory: the accuracy goal wants the widest shapes.
        var outcome = new ShapeSearch(Candidates(), Goal.MaximizeAccuracy, null, 30).Run(batch => batch
            .Select(p => p.Shape.Width >= 10 ? EvaluationResult.Skipped("out of device memory at batch 128, 64, 32, 16") : EvaluationResult.Trained(SyntheticAccuracy.Of(p.Shape)))
            .ToList(), 2);

        Assert.That(outcome.Skipped, Is.Not.Empty, "the search proposed the widest shapes");
        Assert.That(outcome.Skipped, Has.All.Matches<SkippedShape>(s => s.Shape.Width >= 10 && s.Reason.Contains("out of device memory")));
        Assert.That(outcome.Trained.Select(t => t.Shape.Width), Has.All.LessThan(10));
        Assert.That(outcome.Skipped.Select(s => s.Shape), Has.None.Matches<Shape>(outcome.FinalPredictions.ContainsKey));
        Assert.That(outcome.StopReason, Is.EqualTo(StopReason.Settled), "the search goes on without the skipped shapes and settles");
    }

    [Test]
    public void Without_an_accuracy_limit_a_skipped_cheapest_shape_hands_over_to_the_next()
    {
        var outcome = new ShapeSearch(Candidates(), Goal.MinimizeSize, null, 5).Run(batch => batch
            .Select(p => p.Shape == new Shape(10, 1) ? EvaluationResult.Skipped("no") : EvaluationResult.Trained(0.9)).ToList(), 4);
        Assert.That(outcome.Trained, Has.Count.EqualTo(1));
        Assert.That(outcome.Trained[0].Shape, Is.Not.EqualTo(new Shape(10, 1)));
        Assert.That(outcome.StopReason, Is.EqualTo(StopReason.NoAccuracyLimit));
    }
}
