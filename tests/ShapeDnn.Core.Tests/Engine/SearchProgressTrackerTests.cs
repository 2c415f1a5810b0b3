using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Engine;

/// <summary>The search's overall progress: shapes proposed and finished, budget spent, and time left from the training-cost proxy.</summary>
public class SearchProgressTrackerTests
{
    private static readonly Shape Cheap = new(10, 1), Middle = new(16, 1), Dear = new(22, 2);

    private sealed class Recorder : ISearchObserver
    {
        public List<SearchProgress> Progress { get; } = [];
        public List<string> Forwarded { get; } = [];
        public void SearchProgress(SearchProgress progress) => Progress.Add(progress);
        public void EpochFinished(Shape shape, EpochStatistics epoch) => Forwarded.Add($"epoch {shape.Name} {epoch.Epoch}");
        public void TrainingStarted(Shape shape, int round, string why, bool fromCache) => Forwarded.Add($"start {shape.Name}");
    }

    // Weights 2, 3 and 5; four epochs per training; a budget of two trainings.
    private static (SearchProgressTracker Tracker, Recorder Recorder) Tracker(int parallel = 1, int maxShapes = 2)
    {
        var recorder = new Recorder();
        var weights = new Dictionary<Shape, double> { [Cheap] = 2, [Middle] = 3, [Dear] = 5 };
        return (new SearchProgressTracker(recorder, weights, epochs: 4, maxShapes, parallel), recorder);
    }

    private static void Epoch(SearchProgressTracker tracker, Shape shape, int epoch, double elapsedSeconds)
    {
        tracker.TrainingProgress(shape, new TrainingProgress(epoch, 4, 10, 10, 0.5, TimeSpan.FromSeconds(elapsedSeconds)));
        tracker.EpochFinished(shape, new EpochStatistics(epoch, 0.5, 0.6, elapsedSeconds, 0));
    }

    [Test]
    public void Should_pass_every_event_on_and_know_no_time_left_before_a_training_reported_its_time()
    {
        var (tracker, recorder) = Tracker();

        tracker.TrainingStarted(Cheap, 1, "first", fromCache: false);

        Assert.That(recorder.Forwarded, Is.EqualTo(new[] { "start WRN-10-1" }));
        var last = recorder.Progress[^1];
        Assert.That((last.Feasible, last.Proposed, last.Finished, last.Running), Is.EqualTo((3, 1, 0, 1)));
        Assert.That(last.SecondsLeft, Is.Null, "no time measured yet: no guess");
    }

    [Test]
    public void Should_estimate_the_time_left_from_the_seconds_per_unit_of_training_cost_measured_so_far()
    {
        var (tracker, recorder) = Tracker();
        tracker.TrainingStarted(Cheap, 1, "first", fromCache: false);

        Epoch(tracker, Cheap, 1, elapsedSeconds: 10);

        // One epoch of weight 2 took 10 s: 5 s per unit. Left: 3 epochs of Cheap (6 units) and, of the budget's two trainings,
        // the one not taken by Cheap, on the untried shapes (mean weight 4) for 4 epochs (16 units): 22 units, 110 s.
        var last = recorder.Progress[^1];
        Assert.That(last.SecondsLeft, Is.EqualTo(110).Within(1e-9));
        Assert.That(last.SpentShapes, Is.EqualTo(0.25).Within(1e-9));
        Assert.That(recorder.Forwarded, Does.Contain("epoch WRN-10-1 1"));
    }

    [Test]
    public void Should_expect_less_time_as_epochs_finish_and_none_once_the_budget_is_spent()
    {
        var (tracker, recorder) = Tracker();
        tracker.TrainingStarted(Cheap, 1, "first", fromCache: false);
        var left = new List<double>();
        for (int epoch = 1; epoch <= 4; epoch++)
        {
            Epoch(tracker, Cheap, epoch, elapsedSeconds: 10 * epoch);
            left.Add(recorder.Progress[^1].SecondsLeft!.Value);
        }
        tracker.TrainingFinished(Cheap, 0.6, fromCache: false, seconds: 40);
        tracker.TrainingStarted(Dear, 2, "second", fromCache: false);
        Epoch(tracker, Dear, 4, elapsedSeconds: 100);
        tracker.TrainingFinished(Dear, 0.7, fromCache: false, seconds: 100);

        Assert.That(left, Is.Ordered.Descending);
        var last = recorder.Progress[^1];
        Assert.That((last.Proposed, last.Finished, last.Running, last.SpentShapes), Is.EqualTo((2, 2, 0, 2.0)));
        Assert.That(last.SecondsLeft, Is.Zero, "two complete trainings spend the budget");
        Assert.That(last.BudgetFraction, Is.EqualTo(1));
    }

    [Test]
    public void Should_count_a_stopped_run_for_the_epochs_it_ran_and_a_cache_hit_without_time()
    {
        var (tracker, recorder) = Tracker(maxShapes: 3);
        tracker.TrainingStarted(Middle, 1, "from the cache", fromCache: true);
        tracker.TrainingFinished(Middle, 0.6, fromCache: true, seconds: 500);
        Assert.That(recorder.Progress[^1].SecondsLeft, Is.Null, "a cache hit costs nothing in this run and says nothing about its speed");

        tracker.TrainingStarted(Cheap, 2, "second", fromCache: false);
        Epoch(tracker, Cheap, 1, elapsedSeconds: 10);
        tracker.TrainingFinished(Cheap, 0.4, fromCache: false, seconds: 10);
        tracker.TrainingStopped(Cheap, 1, "stopped after epoch 1");

        var last = recorder.Progress[^1];
        Assert.That(last.SpentShapes, Is.EqualTo(1.25).Within(1e-9), "the cache hit counts one training, the stopped run a quarter");
        // 5 s per unit; 1.75 trainings left for the one untried shape (weight 5), at most one of it: 4 epochs × 5 × 5 s.
        Assert.That(last.SecondsLeft, Is.EqualTo(100).Within(1e-9));
    }

    [Test]
    public void Should_count_a_run_stopped_early_for_its_epochs_already_when_it_is_reported_finished()
    {
        var (tracker, recorder) = Tracker();
        tracker.TrainingStarted(Cheap, 1, "first", fromCache: false);
        Epoch(tracker, Cheap, 1, elapsedSeconds: 10);

        // The engine reports a stopped run's accuracy first, then that it was stopped.
        tracker.TrainingFinished(Cheap, 0.4, fromCache: false, seconds: 10);

        Assert.That(recorder.Progress[^1].SpentShapes, Is.EqualTo(0.25).Within(1e-9));
    }

    [Test]
    public void Should_share_the_time_left_among_the_trainings_that_run_side_by_side()
    {
        var (alone, aloneRecorder) = Tracker(parallel: 1);
        var (pair, pairRecorder) = Tracker(parallel: 2);
        foreach (var tracker in new[] { alone, pair })
        {
            tracker.TrainingStarted(Cheap, 1, "first", fromCache: false);
            tracker.TrainingStarted(Middle, 2, "first", fromCache: false);
            Epoch(tracker, Cheap, 1, elapsedSeconds: 10);
        }

        Assert.That(pairRecorder.Progress[^1].SecondsLeft, Is.EqualTo(aloneRecorder.Progress[^1].SecondsLeft!.Value / 2).Within(1e-9));
    }
}
