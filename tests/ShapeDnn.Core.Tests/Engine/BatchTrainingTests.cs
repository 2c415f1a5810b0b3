using ShapeDnn.Constraints;
using ShapeDnn.Core.Tests.Data;
using ShapeDnn.Core.Tests.Filtering;
using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Engine;

/// <summary>
/// The engine hands the shapes of a search batch that need training to the trainer as one batch
/// (<see cref="IShapeTrainer.TrainBatch"/>), so that an executor can start them as one (a Slurm job array).
/// </summary>
public class BatchTrainingTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempFolder();
        DatasetFiles.WriteIdx(_temp["data"], gzip: false, trainCount: 60, testCount: 20, rows: 12, columns: 12);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private SearchRequest Request(string constraints, int parallel) => new(
        _temp["data"], ConstraintParser.Parse(constraints), Goal.MinimizeSize, _temp["out"], "FashionModel", "Tests.Generated", 1,
        new TrainingBudget("custom", new TrainingRecipe(1, null, 10, null), 20), DesignSpaceSpec.Parse("depths=10,16,22;widths=1,1.5,2,3"), _temp["cache"])
    { Parallel = parallel };

    private SearchEngine Engine(IShapeTrainer trainer)
    {
        var fake = new FakeProfiler();
        return new SearchEngine(trainer, fake, fake, new FakeExporter(), new FakeReportRenderer(), new RecordingObserver());
    }

    [Test]
    public void Should_hand_each_batch_of_the_search_to_the_trainer_as_one_call_of_at_most_parallel_shapes()
    {
        var trainer = new BatchRecordingTrainer();

        var report = Engine(trainer).Run(Request("MinAccuracy=90%", parallel: 3), default);

        Assert.That(trainer.Batches.Select(b => b.Count), Has.All.InRange(1, 3));
        Assert.That(trainer.Batches.Select(b => b.Count), Has.Some.GreaterThan(1), "batches of several shapes reach the trainer whole");
        Assert.That(trainer.Batches.SelectMany(b => b), Is.Unique, "no shape is trained twice");
        Assert.That(report.Search.TrainedShapes - report.Search.FromCache, Is.EqualTo(trainer.Batches.Sum(b => b.Count)));
    }

    [Test]
    public void Should_leave_shapes_the_cache_settles_out_of_the_batch()
    {
        var first = new BatchRecordingTrainer();
        Engine(first).Run(Request("MinAccuracy=90%", parallel: 3), default);
        var again = new BatchRecordingTrainer();

        var report = Engine(again).Run(Request("MinAccuracy=88%; MaxParameters=1M", parallel: 3), default);

        var trainedBefore = first.Batches.SelectMany(b => b).ToHashSet();
        Assert.That(again.Batches.SelectMany(b => b).Where(trainedBefore.Contains), Is.Empty, "a cached shape is never handed to the trainer");
        Assert.That(report.Search.FromCache, Is.GreaterThan(0));
    }

    /// <summary>Records the shapes of each batch; trains as <see cref="FakeTrainer"/> does.</summary>
    private sealed class BatchRecordingTrainer : IShapeTrainer
    {
        private readonly FakeTrainer _inner = new();

        public List<List<Shape>> Batches { get; } = [];
        public string DeviceDescription => _inner.DeviceDescription;
        public string Arithmetic => _inner.Arithmetic;

        public TrainingResult Train(NetworkPlan plan, TrainingData data, TrainingRecipe recipe, TrainingControl control, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the engine trains through TrainBatch");

        public void TrainBatch(IReadOnlyList<TrainingJob> jobs, TrainingData data, TrainingRecipe recipe, Action<int, TrainingOutcome> ended, CancellationToken cancellationToken)
        {
            Batches.Add(jobs.Select(j => j.Plan.Shape).ToList());
            for (int i = 0; i < jobs.Count; i++) ended(i, new TrainingOutcome(_inner.Train(jobs[i].Plan, data, recipe, jobs[i].Control, cancellationToken), null));
        }
    }
}
