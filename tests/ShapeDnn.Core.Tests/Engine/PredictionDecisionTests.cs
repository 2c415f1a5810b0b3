using ShapeDnn.Constraints;
using ShapeDnn.Core.Tests.Data;
using ShapeDnn.Core.Tests.Filtering;
using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Profiles;
using ShapeDnn.Profiles.Prediction;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Engine;

/// <summary>The whole engine with predicted latency decides as it does with every shape measured.</summary>
public class PredictionDecisionTests
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

    private (Reporting.SearchReport Report, FunctionProfiler Device) Run(string constraints, Goal goal, PredictionOptions? prediction, string name)
    {
        var device = new FunctionProfiler(FunctionProfiler.GpuLike);
        var engine = new SearchEngine(new FakeTrainer(), device, device, new FakeExporter(), new FakeReportRenderer(), new RecordingObserver());
        var request = new SearchRequest(_temp["data"], ConstraintParser.Parse(constraints), goal, _temp[name], "M", "Tests.Generated", 1,
            new TrainingBudget("custom", new TrainingRecipe(1, null, 10, null), 30), DesignSpaceSpec.Parse("depths=10,16,22,28,34,40,52,64;widths=1,1.5,2,3,4,6,8,10"), _temp["cache-" + name],
            Prediction: prediction);
        return (engine.Run(request, default), device);
    }

    [TestCase("MaxLatency=2.5ms; MinAccuracy=90%", Goal.MinimizeSize)]
    [TestCase("MinAccuracy=90%", Goal.MinimizeLatency)]
    [TestCase("MaxEnergy=300mJ; MinAccuracy=90%", Goal.MinimizeEnergy)]
    public void Chooses_the_same_shape_as_measuring_everything_and_reports_it_measured(string constraints, Goal goal)
    {
        var predicted = Run(constraints, goal, null, "predicted");
        var everything = Run(constraints, goal, PredictionOptions.Off, "everything");

        Assert.That(predicted.Report.Chosen.Name, Is.EqualTo(everything.Report.Chosen.Name));
        Assert.That(predicted.Device.Measured.Distinct().Count(), Is.LessThan(everything.Device.Measured.Distinct().Count()));
        Assert.That(predicted.Report.Chosen.Latency!.Source, Is.EqualTo(FigureSource.Measured));
        Assert.That(predicted.Report.RunnersUp.All(r => r.Latency!.Source == FigureSource.Measured));
        Assert.That(predicted.Report.Profiling.Predicted, Is.GreaterThan(0));
        Assert.That(predicted.Report.Profiling.LatencyMedianError, Is.Not.Null);
    }

    // 93 %: the walk climbs past the cheap shapes that the filter measured into those it predicted.
    [TestCase("MinAccuracy=93%", Goal.MinimizeLatency)]
    [TestCase("MaxEnergy=300mJ; MinAccuracy=93%", Goal.MinimizeEnergy)]
    public void Trains_no_shape_on_a_predicted_goal_figure(string constraints, Goal goal)
    {
        var (report, _) = Run(constraints, goal, null, "predicted");

        var trained = report.Shapes.Where(r => r.Training is not null).ToList();
        Assert.That(trained, Is.Not.Empty);
        // A measurement costs seconds and a training tens of them: each trained shape's figure was measured first.
        Assert.That(trained.Where(r => goal == Goal.MinimizeLatency ? r.Latency!.Source != FigureSource.Measured : r.Energy!.Source == FigureSource.Predicted)
            .Select(r => r.Name), Is.Empty);
        Assert.That(report.Profiling.Predicted, Is.GreaterThan(0), "the space was large enough to predict");
    }
}
