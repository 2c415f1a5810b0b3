using ShapeDnn.Constraints;
using ShapeDnn.Core.Tests.Data;
using ShapeDnn.Core.Tests.Filtering;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Reporting;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Engine;

public class SearchEngineTests
{
    private TempFolder _temp = null!;
    private FakeTrainer _trainer = null!;
    private RecordingObserver _observer = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempFolder();
        DatasetFiles.WriteIdx(_temp["data"], gzip: false, trainCount: 60, testCount: 20, rows: 12, columns: 12);
        _trainer = new FakeTrainer();
        _observer = new RecordingObserver();
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private SearchRequest Request(string constraints = "MinAccuracy=90%", Goal goal = Goal.MinimizeSize, string? output = null) => new(
        _temp["data"], ConstraintParser.Parse(constraints), goal, output ?? _temp["out"], "FashionModel", "Tests.Generated", 1,
        new TrainingBudget("custom", new TrainingRecipe(1, null, 10, null), 20), DesignSpaceSpec.Parse("depths=10,16,22;widths=1,1.5,2,3"), _temp["cache"]);

    private SearchEngine Engine()
    {
        var fake = new FakeProfiler();
        return new SearchEngine(_trainer, fake, fake, new FakeExporter(), new FakeReportRenderer(), _observer);
    }

    private string[] Outputs() => Directory.Exists(_temp["out"]) ? Directory.GetFiles(_temp["out"]).Select(f => Path.GetFileName(f)).Order().ToArray() : [];

    [Test]
    public void Should_write_the_model_the_class_and_the_report_for_the_chosen_shape()
    {
        var report = Engine().Run(Request(), default);

        Assert.That(Outputs(), Is.EqualTo(new[] { "FashionModel.g.cs", "FashionModel.onnx", "FashionModel.report.html", "FashionModel.report.json" }));
        Assert.That(report.Chosen.Training!.ValidationAccuracy, Is.GreaterThanOrEqualTo(0.90));
        Assert.That(report.Shapes.Where(s => s.Training is not null && s.Training.ValidationAccuracy >= 0.90).Min(s => s.Parameters), Is.EqualTo(report.Chosen.Parameters));
        Assert.That(report.Chosen.Latency, Is.Not.Null, "the chosen shape's latency is always measured for the report");
        var code = File.ReadAllText(_temp["out/FashionModel.g.cs"]);
        Assert.That(code, Does.Contain("namespace Tests.Generated").And.Contain($"\"{report.Chosen.Name}\""));
        Assert.That(File.ReadAllText(_temp["out/FashionModel.report.json"]), Does.Contain("\"stopReason\""));
        Assert.That(File.ReadAllText(_temp["out/FashionModel.report.html"]), Is.EqualTo($"<p>{report.Chosen.Name}</p>"));
        Assert.That(report.Outputs.Html, Is.EqualTo(_temp["out/FashionModel.report.html"]));
        Assert.That(SearchReportFile.Read(_temp["out/FashionModel.report.json"]).Outputs.Html, Is.EqualTo(report.Outputs.Html), "the report JSON names the page and reads back");
    }

    [Test]
    public void Should_report_its_phases_in_order_and_its_progress_up_to_the_last_shape_trained()
    {
        var report = Engine().Run(Request(), default);

        Assert.That(_observer.Phases.Distinct(), Is.EqualTo(new[] { SearchPhase.Loading, SearchPhase.Profiling, SearchPhase.Searching, SearchPhase.Writing })
            .Or.EqualTo(new[] { SearchPhase.Loading, SearchPhase.Profiling, SearchPhase.Searching, SearchPhase.Measuring, SearchPhase.Writing }));
        var last = _observer.Progress[^1];
        Assert.That((last.Proposed, last.Finished, last.Running), Is.EqualTo((report.Search.TrainedShapes, report.Search.TrainedShapes, 0)));
        Assert.That(last.Feasible, Is.EqualTo(report.Search.FeasibleShapes));
        Assert.That(last.SecondsLeft, Is.Not.Null, "the fake trainer reports its time");
    }

    [Test]
    public void Should_train_nothing_when_the_same_search_runs_again()
    {
        var first = Engine().Run(Request(), default);
        int trained = _trainer.Trained.Count;

        var second = Engine().Run(Request(), default);

        Assert.That(_trainer.Trained, Has.Count.EqualTo(trained));
        Assert.That(second.Chosen.Name, Is.EqualTo(first.Chosen.Name));
        Assert.That(second.Search.FromCache, Is.EqualTo(first.Search.TrainedShapes));
    }

    [Test]
    public void Should_retrain_nothing_cached_when_only_the_constraints_change()
    {
        Engine().Run(Request("MinAccuracy=90%"), default);
        Engine().Run(Request("MinAccuracy=88%; MaxParameters=1M"), default);

        Assert.That(_trainer.Trained, Is.Unique, "no shape is trained twice");
    }

    [Test]
    public void Should_not_reuse_a_training_done_in_another_arithmetic()
    {
        var first = Engine().Run(Request(), default);
        int trained = _trainer.Trained.Count;
        _trainer.Arithmetic = "bf16";

        var second = Engine().Run(Request(), default);

        Assert.That(second.Search.FromCache, Is.Zero, "fp32 results are not bf16 results");
        Assert.That(_trainer.Trained, Has.Count.EqualTo(trained + second.Search.TrainedShapes));
        Assert.That(Engine().Run(Request(), default).Search.FromCache, Is.EqualTo(second.Search.TrainedShapes), "bf16 results are reused in bf16");
        Assert.That(first.Search.TrainedShapes, Is.GreaterThan(0));
    }

    [Test]
    public void Should_retrain_a_shape_whose_cache_entry_is_corrupt()
    {
        var first = Engine().Run(Request(), default);
        foreach (var weights in Directory.GetFiles(_temp["cache"], "weights.sdnt", SearchOption.AllDirectories))
            File.WriteAllBytes(weights, [1, 2, 3]);
        int before = _trainer.Trained.Count;

        var second = Engine().Run(Request(), default);

        Assert.That(second.Chosen.Name, Is.EqualTo(first.Chosen.Name));
        Assert.That(_trainer.Trained.Count, Is.GreaterThan(before));
        Assert.That(_observer.Warnings, Has.Some.StartsWith("SDNN016: "));
        Assert.That(File.Exists(_temp["out/FashionModel.onnx"]));
    }

    [Test]
    public void Should_leave_no_output_when_cancelled_and_resume_from_the_cache_next_time()
    {
        using var cts = new CancellationTokenSource();
        _trainer.Cancellation = cts;
        _trainer.CancelOnCall = 3;

        Assert.Throws<OperationCanceledException>(() => Engine().Run(Request(), cts.Token));
        Assert.That(Outputs(), Is.Empty);
        var finished = _trainer.Trained.ToList();
        Assert.That(finished, Has.Count.EqualTo(2));

        _trainer.CancelOnCall = null;
        Engine().Run(Request(), default);
        Assert.That(_trainer.Trained.Skip(2), Has.None.AnyOf(finished), "shapes finished before the interruption are not trained again");
        Assert.That(Directory.GetFileSystemEntries(_temp["cache"], ".*tmp*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void Should_fail_before_training_when_the_output_folder_cannot_be_written()
    {
        File.WriteAllText(_temp["blocker"], "a file where a folder should be");
        var ex = Assert.Throws<ShapeDnnException>(() => Engine().Run(Request(output: Path.Combine(_temp["blocker"], "out")), default))!;
        Assert.That(ex.Code, Is.EqualTo(ErrorCode.OutputNotWritable));
        Assert.That(_trainer.Trained, Is.Empty);
    }

    [Test]
    public void Should_report_a_missing_dataset()
    {
        Directory.Delete(_temp["data"], recursive: true);
        Assert.That(Assert.Throws<ShapeDnnException>(() => Engine().Run(Request(), default))!.Code, Is.EqualTo(ErrorCode.DatasetMissing));
        Assert.That(Outputs(), Is.Empty);
    }

    [Test]
    public void Should_fail_with_the_binding_limit_and_write_nothing_when_infeasible()
    {
        var ex = Assert.Throws<ShapeDnnException>(() => Engine().Run(Request("MaxParameters=1k"), default))!;
        Assert.That(ex.Code, Is.EqualTo(ErrorCode.Infeasible));
        Assert.That(ex.Message, Does.Contain("MaxParameters"));
        Assert.That(Outputs(), Is.Empty);
        Assert.That(_trainer.Trained, Is.Empty);
    }

    [Test]
    public void Should_refuse_an_energy_goal_on_estimates_when_estimates_are_forbidden()
    {
        var request = Request(goal: Goal.MinimizeEnergy) with { AllowEnergyEstimates = false };
        Assert.That(Assert.Throws<ShapeDnnException>(() => Engine().Run(request, default))!.Code, Is.EqualTo(ErrorCode.EnergyEstimate));
    }

    [Test]
    public void Should_warn_that_an_energy_goal_rests_on_estimates()
    {
        var report = Engine().Run(Request(goal: Goal.MinimizeEnergy), default);
        Assert.That(_observer.Warnings, Has.Some.StartsWith("SDNN018: "));
        Assert.That(report.Devices.EnergyIsEstimate);
    }
}
