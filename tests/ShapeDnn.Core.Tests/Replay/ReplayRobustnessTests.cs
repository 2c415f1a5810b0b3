using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Replay;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Replay;

/// <summary>
/// Cases of benchmarks/ground-truth/replay-random.py (random constraint sets nobody tuned for) where the search
/// gave up although a feasible shape met MinAccuracy, each through the real search on the measured ground truth.
/// Each one failed before the fix it names (benchmarks/RESULTS.md, robustness on random cases).
/// </summary>
public class ReplayRobustnessTests
{
    private static ReplayResult Replay(string file, Goal goal, string constraints, int batchSize = 1, string? budget = null, string? space = null, int parallel = 1) =>
        ReplaySearch.Run(new ReplayRequest(Path.Combine(GroundTruthFiles.Folder, file), ConstraintParser.Parse(constraints), goal, batchSize,
            budget is null ? null : TrainingBudget.Parse(budget), space is null ? null : DesignSpaceSpec.Parse(space), new InputShape(1, 28, 28, 10), parallel));

    [TestCase("MinAccuracy=78.64%; MaxParameters=553653", null, "WRN-28-1")]
    [TestCase("MinAccuracy=78.08%; MaxParameters=859199; MaxLatency=0.4993ms", "depths=10,16,22;widths=1,2", "WRN-16-1")]
    public void A_run_trained_before_giving_up_is_not_stopped_by_the_prediction_it_is_there_to_test(string constraints, string? space, string exhaustive)
    {
        // Given the CPU's quick budget, where WRN-10-1 and WRN-10-2 end below the limit and the predictor expects no other shape to
        // reach it, When the search trains the most capable shape left before giving up
        var result = Replay("cpu-quick.jsonl", Goal.MinimizeLatency, constraints, budget: "quick", space: space);

        // Then that run is judged on its own curve and trained to the end (the predictor's verdict stopped it after epoch 1 of 4,
        // at 15–37 %, and the search gave up), and the search delivers the exhaustive choice
        Assert.That(result.Chosen, Is.EqualTo(exhaustive));
        Assert.That(result.ExhaustiveChoice, Is.EqualTo(exhaustive));
        Assert.That(result.Trained.Single(t => t.Shape == exhaustive).Epochs, Is.EqualTo(4));
    }

    [Test]
    public void Before_giving_up_the_search_goes_on_below_a_top_shape_that_failed_by_less_than_the_monotone_tolerance()
    {
        // Given MinAccuracy 95.46 %, which on the H200 only WRN-40-6 (95.52 %) meets, 0.26 pp above WRN-40-8, the shape that covers it
        // When the search has trained WRN-40-8 before giving up and seen it fall short
        var result = Replay("gpu-standard.jsonl", Goal.MinimizeEnergy, "MinAccuracy=95.46%", batchSize: 128);

        // Then WRN-40-6, which the monotone bounds still let reach the limit, is trained too (it gave up after WRN-40-8 and WRN-64-1)
        Assert.That(result.Chosen, Is.EqualTo("WRN-40-6"));
        Assert.That(result.ExhaustiveChoice, Is.EqualTo("WRN-40-6"));
        Assert.That(result.TrainingSeconds, Is.LessThan(result.ExhaustiveSeconds / 3));
    }

    [Test]
    public void The_last_run_the_budget_allows_goes_to_the_most_capable_shape_while_nothing_meets_the_limit()
    {
        // Given a sub-space of 8 shapes (a ceiling of 6 complete runs) in which only the deepest widest, WRN-40-6, meets 95.3 %
        // When the walk from the cheap end has nearly spent the ceiling without a qualifying run
        // (the ceiling given as shapes=6: by default a search of 2 at a time now gets one run more)
        var result = Replay("gpu-standard.jsonl", Goal.MinimizeSize, "MinAccuracy=95.3%", budget: "shapes=6", space: "depths=16,22,28,40;widths=2,6", parallel: 2);

        // Then the last run goes to WRN-40-6, and the search delivers it (the walk spent the ceiling on WRN-28-6 and gave up)
        Assert.That(result.Chosen, Is.EqualTo("WRN-40-6"));
        Assert.That(result.ExhaustiveChoice, Is.EqualTo("WRN-40-6"));
        Assert.That(result.Trained.Single(t => t.Shape == "WRN-40-6").Why, Does.StartWith("the last run the budget allows"));
    }

    [Test]
    public void A_replay_that_gives_up_says_what_it_trained_and_what_that_cost()
    {
        // Given a limit no shape of the ground truth reaches, When the search gives up
        var ex = Assert.Throws<ShapeDnnException>(() => Replay("gpu-standard.jsonl", Goal.MinimizeLatency, "MinAccuracy=97%", batchSize: 128))!;

        // Then the error is the search's own, and it names each trained shape with its epochs and the training spent against exhaustive
        Assert.That(ex.Code, Is.EqualTo(ErrorCode.AccuracyNotReached));
        Assert.That(ex.Message, Does.Match(@"Replay: trained (WRN-\d+-\d+:\d+ ?)+; training \d+\.\d s of 1124\.9 s exhaustive; exhaustive search chooses nothing\."));
    }

    [TestCase(Goal.MinimizeSize, "MinAccuracy=95%", 1, "WRN-40-4")]
    [TestCase(Goal.MinimizeEnergy, "MinAccuracy=95%", 128, "WRN-22-6")]
    public void Eight_shapes_at_a_time_are_not_cut_off_by_the_ceiling_of_a_search_that_trains_one_at_a_time(Goal goal, string constraints, int batchSize, string exhaustive)
    {
        // Given the suite's case (all 27 shapes of the ground truth, a serial ceiling of 14) with 8 trainings proposed per round,
        // as a GPU of 64 GiB or more runs by default
        var result = Replay("gpu-standard.jsonl", goal, constraints, batchSize: batchSize, parallel: 8);

        // Then the speculative proposals of a round do not spend the serial search's ceiling: the search reaches the exhaustive
        // choice (with the serial ceiling it stopped with BudgetSpent and delivered WRN-40-8)
        Assert.That(result.ExhaustiveChoice, Is.EqualTo(exhaustive));
        Assert.That(result.Chosen, Is.EqualTo(exhaustive));
    }
}
