using ShapeDnn.Constraints;
using ShapeDnn.Core.Tests.Data;
using ShapeDnn.Core.Tests.Filtering;
using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Engine;

/// <summary>Two searches at once on one cache (two builds, two CI jobs): each shape is trained once.</summary>
public class SharedCacheTests
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

    private SearchRequest Request(string output) => new(
        _temp["data"], ConstraintParser.Parse("MinAccuracy=90%"), Goal.MinimizeSize, _temp[output], "FashionModel", "Tests.Generated", 1,
        new TrainingBudget("custom", new TrainingRecipe(1, null, 10, null), 20), DesignSpaceSpec.Parse("depths=10,16,22;widths=1,1.5,2,3"), _temp["cache"]);

    /// <summary>Blocks its first training until released, so that the other search is sure to meet the lease.</summary>
    private sealed class GatedTrainer : IShapeTrainer
    {
        private readonly FakeTrainer _inner = new();
        public ManualResetEventSlim Started { get; } = new();
        public ManualResetEventSlim Release { get; } = new();
        public List<Shape> Trained => _inner.Trained;
        public string DeviceDescription => _inner.DeviceDescription;
        public string Arithmetic => _inner.Arithmetic;

        public TrainingResult Train(NetworkPlan plan, TrainingData data, TrainingRecipe recipe, TrainingControl control, CancellationToken cancellationToken)
        {
            Started.Set();
            Release.Wait(cancellationToken);
            return _inner.Train(plan, data, recipe, control, cancellationToken);
        }
    }

    private sealed class WaitObserver : ISearchObserver
    {
        public ManualResetEventSlim Waiting { get; } = new();
        public void Phase(SearchPhase phase, string message)
        {
            if (message.Contains("waiting for it")) Waiting.Set();
        }
    }

    [Test]
    public void Should_wait_for_a_shape_in_training_elsewhere_rather_than_train_it_again()
    {
        var fake = new FakeProfiler();
        var firstTrainer = new GatedTrainer();
        var secondTrainer = new FakeTrainer();
        var secondObserver = new WaitObserver();
        var first = Task.Run(() => new SearchEngine(firstTrainer, fake, fake, new FakeExporter(), new FakeReportRenderer(), new RecordingObserver()).Run(Request("out1"), default));
        Assert.That(firstTrainer.Started.Wait(TimeSpan.FromMinutes(1)), Is.True);

        var second = Task.Run(() => new SearchEngine(secondTrainer, new FakeProfiler(), new FakeProfiler(), new FakeExporter(), new FakeReportRenderer(), secondObserver).Run(Request("out2"), default));
        Assert.That(secondObserver.Waiting.Wait(TimeSpan.FromMinutes(1)), Is.True, "the second search waits for the shape the first is training");
        firstTrainer.Release.Set();
        var reports = Task.WhenAll(first, second).Result;

        var all = firstTrainer.Trained.Concat(secondTrainer.Trained).ToList();
        Assert.That(all, Is.Unique, "no shape is trained by both searches");
        Assert.That(secondTrainer.Trained, Does.Not.Contain(firstTrainer.Trained[0]));
        Assert.That(reports[1].Chosen.Name, Is.EqualTo(reports[0].Chosen.Name));
        Assert.That(reports[0].Search.TrainedFromScratch + reports[1].Search.TrainedFromScratch, Is.EqualTo(all.Count));
    }
}
