using ShapeDnn.Constraints;
using ShapeDnn.Core.Tests.Data;
using ShapeDnn.Core.Tests.Filtering;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Tensors;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Engine;

/// <summary>
/// The search's wall-clock ceiling (<c>--time-budget</c>, <c>ShapeDnnTimeBudget</c>) on an injected
/// clock that each training epoch advances: no waiting, the same outcome on any machine.
/// </summary>
public class TimeBudgetTests
{
    private static readonly TimeSpan Epoch = TimeSpan.FromMinutes(1);
    private TempFolder _temp = null!;
    private ManualClock _clock = null!;
    private EpochTrainer _trainer = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempFolder();
        DatasetFiles.WriteIdx(_temp["data"], gzip: false, trainCount: 60, testCount: 20, rows: 12, columns: 12);
        _clock = new ManualClock();
        _trainer = new EpochTrainer(_clock, Epoch);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private SearchRequest Request(TimeSpan? budget) => new(
        _temp["data"], ConstraintParser.Parse("MinAccuracy=80%"), Goal.MinimizeSize, _temp["out"], "TimedModel", "Tests.Generated", 1,
        new TrainingBudget("custom", new TrainingRecipe(4, null, 10, null), 20), DesignSpaceSpec.Parse("depths=10,16,22;widths=1,1.5,2,3"), _temp["cache"])
    { TimeBudget = budget };

    private SearchEngine Engine()
    {
        var fake = new FakeProfiler();
        return new SearchEngine(_trainer, fake, fake, new FakeExporter(), new FakeReportRenderer(), new RecordingObserver()) { Clock = _clock };
    }

    [Test]
    public void Should_stop_proposing_and_deliver_the_shape_trained_to_the_end_when_the_ceiling_is_reached()
    {
        // The first training's four epochs end exactly at the ceiling: it is complete, and nothing else starts.
        var report = Engine().Run(Request(TimeSpan.FromMinutes(4)), default);

        Assert.That(report.Search.StopReason, Is.EqualTo("TimeBudget"));
        Assert.That(report.Search.StopExplanation, Does.Contain("time budget"));
        Assert.That(_trainer.Epochs.Keys, Is.EqualTo(new[] { report.Chosen.Name }), "no training starts once the ceiling is reached");
        Assert.That(report.Chosen.Training!.TrainedEpochs, Is.EqualTo(4), "the delivered shape is trained to the end");
        Assert.That(report.Request.TimeBudget, Is.EqualTo("4m"));
        Assert.That(File.ReadAllText(_temp["out/TimedModel.report.json"]), Does.Contain("\"stopReason\": \"TimeBudget\""));
    }

    [Test]
    public void Should_stop_the_running_training_after_the_epoch_in_which_the_ceiling_passes_and_say_that_nothing_can_be_delivered()
    {
        var error = Assert.Throws<ShapeDnnException>(() => Engine().Run(Request(TimeSpan.FromSeconds(90)), default))!;

        Assert.That(error.Code, Is.EqualTo(ErrorCode.TimeBudgetSpent));
        Assert.That(error.Message, Does.Contain("WRN-10-1: ").And.Contain("after 2 epoch(s), stopped (the time budget of 1m30s was reached)"));
        Assert.That(error.Message, Does.Contain("--time-budget (ShapeDnnTimeBudget)"));
        Assert.That(_trainer.Epochs, Is.EqualTo(new Dictionary<string, int> { ["WRN-10-1"] = 2 }), "stopped at the end of the epoch in which the ceiling passed");
        Assert.That(Directory.Exists(_temp["out"]) && Directory.EnumerateFiles(_temp["out"]).Any(), Is.False, "no output without a delivered shape");
    }

    [Test]
    public void Should_change_nothing_without_a_ceiling()
    {
        var report = Engine().Run(Request(null), default);

        Assert.That(report.Search.StopReason, Is.Not.EqualTo("TimeBudget"));
        Assert.That(report.Request.TimeBudget, Is.Null);
        Assert.That(_trainer.Epochs.Values, Is.All.EqualTo(4), "no training is stopped for time");
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Interlocked.Read(ref _ticks);
        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    /// <summary>Trains epoch by epoch, advancing the clock by <paramref name="perEpoch"/> each, and honours the per-epoch decision.</summary>
    private sealed class EpochTrainer(ManualClock clock, TimeSpan perEpoch) : IShapeTrainer
    {
        /// <summary>Epochs trained per shape name.</summary>
        public Dictionary<string, int> Epochs { get; } = [];
        public string DeviceDescription => "epoch trainer";
        public string Arithmetic => "fp32";

        public TrainingResult Train(NetworkPlan plan, TrainingData data, TrainingRecipe recipe, TrainingControl control, CancellationToken cancellationToken)
        {
            double accuracy = Search.SyntheticAccuracy.Of(plan.Shape);
            var epochs = new List<EpochStatistics>();
            for (int e = 1; e <= recipe.Epochs; e++)
            {
                clock.Advance(perEpoch);
                // A flat curve: the search's own stop rule never stops it, so that every stop is the ceiling's.
                var epoch = new EpochStatistics(e, 0.5, accuracy, perEpoch.TotalSeconds, 1000);
                epochs.Add(epoch);
                Epochs[plan.Shape.Name] = e;
                if (e < recipe.Epochs && control.EpochCompleted?.Invoke(epoch) == EpochDecision.Stop)
                    return new TrainingResult(epoch.ValidationAccuracy, double.NaN, epochs, e * perEpoch.TotalSeconds, 100, RandomWeights.Create(plan, 3))
                    {
                        Checkpoint = new TrainingCheckpoint(e, epochs.ToList(), [1]),
                    };
            }
            return new TrainingResult(accuracy, accuracy - 0.01, epochs, recipe.Epochs * perEpoch.TotalSeconds, 100, RandomWeights.Create(plan, 3));
        }
    }
}
