using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace ShapeDnn.Cli.Tests.EndToEnd;

/// <summary>
/// <c>shapednn search</c> end to end on the Fashion-MNIST subset shipped with the sample: real
/// TorchSharp training, real ONNX export and ONNX Runtime latency, with a budget small enough for CI.
/// </summary>
[NonParallelizable]
public class SearchCommandTests
{
    private string _root = null!;
    private string Cache => Path.Combine(_root, "cache");

    private static readonly string[] Tiny =
        ["--budget", "epochs=2;subset=1500;validation=300;test=300;shapes=2", "--design-space", "depths=10;widths=1,1.5"];

    [OneTimeSetUp]
    public void CreateRoot()
    {
        _root = Path.Combine(Path.GetTempPath(), "shapednn-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    [OneTimeTearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string[] Search(string output, string constraints, string goal = "MinimizeSize", params string[] extra) =>
        ["search", "--data", ShapeDnnProcess.SampleData, "--constraints", constraints, "--goal", goal, "--out", output, "--name", "FashionModel", .. Tiny, .. extra];

    [Test, Order(1)]
    public void Should_search_train_and_write_a_model_that_onnx_runtime_runs()
    {
        var output = Path.Combine(_root, "out");
        var events = Path.Combine(_root, "events.jsonl");
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, Search(output, "MaxParameters=200k; MinAccuracy=25%", "MinimizeSize", "--events", events));

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "FashionModel.g.cs", "FashionModel.onnx", "FashionModel.report.html", "FashionModel.report.json" }));
        Assert.That(stdout, Does.Contain("chosen").And.Contain("Trained "));
        Assert.That(stdout, Does.Contain($"Report: {Path.Combine(output, "FashionModel.report.html")}"));

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "FashionModel.report.json")));
        var chosen = report.RootElement.GetProperty("chosen");
        Assert.That(chosen.GetProperty("parameters").GetInt64(), Is.LessThanOrEqualTo(200_000));
        Assert.That(chosen.GetProperty("training").GetProperty("validationAccuracy").GetDouble(), Is.GreaterThanOrEqualTo(0.25));
        Assert.That(chosen.GetProperty("energy").GetProperty("source").GetString(), Is.EqualTo("Estimated"));

        using var session = new InferenceSession(Path.Combine(output, "FashionModel.onnx"));
        Assert.That(session.InputMetadata.Keys, Is.EqualTo(new[] { "pixels" }));
    }

    [Test, Order(2)]
    public void Should_have_written_its_progress_as_versioned_events()
    {
        var lines = File.ReadAllLines(Path.Combine(_root, "events.jsonl"));
        var events = lines.Select(l => ShapeDnn.Progress.SearchEvent.TryParse(l)).ToList();

        Assert.That(events, Has.All.Not.Null, "every line is an event");
        Assert.That(events.Where(e => e!.Event == "phase").Select(e => e!.Phase).Distinct().Take(3), Is.EqualTo(new[] { "loading", "profiling", "searching" }));
        Assert.That(events.Last(e => e!.Event == "phase")!.Phase, Is.EqualTo("writing"));
        var firstEpoch = events.FindIndex(e => e!.Event == "epoch");
        Assert.That(firstEpoch, Is.GreaterThan(events.FindIndex(e => e!.Event == "proposed")), "a shape is proposed before it trains");
        Assert.That(events[firstEpoch]!.Statistics!.ValidationAccuracy, Is.InRange(0.0, 1.0));
        Assert.That(events[firstEpoch - 1]!.Event, Is.EqualTo("search"), "the search's standing comes just before the event that changed it");
        Assert.That(events[firstEpoch - 1]!.SecondsLeft, Is.Not.Null, "the time left is known once a training has reported its time");
        Assert.That(events.Count(e => e!.Event == "trained"), Is.EqualTo(events.Count(e => e!.Event == "proposed")));
    }

    [Test, Order(2)]
    public void Should_train_nothing_when_repeated()
    {
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, Search(Path.Combine(_root, "again"), "MaxParameters=200k; MinAccuracy=25%"));

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Not.Contain("training WRN"));
        Assert.That(stdout, Does.Match(@"Trained \d+ of \d+ feasible shapes \(\d+ in the space; (\d+) from the cache\)"));
    }

    [Test, Order(2)]
    public void Should_carry_the_time_budget_into_the_report()
    {
        var output = Path.Combine(_root, "timed");
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, Search(output, "MaxParameters=200k; MinAccuracy=25%", "MinimizeSize", "--time-budget", "1h30m", "--json"));

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        using var report = JsonDocument.Parse(stdout);
        Assert.That(report.RootElement.GetProperty("request").GetProperty("timeBudget").GetString(), Is.EqualTo("1h30m"));
        Assert.That(report.RootElement.GetProperty("search").GetProperty("stopReason").GetString(), Is.Not.EqualTo("TimeBudget"), "a ceiling far away changes nothing");
    }

    [Test, Order(2)]
    public void Should_render_the_html_report_again_from_the_report_json()
    {
        var json = Path.Combine(_root, "out", "FashionModel.report.json");
        var html = Path.Combine(_root, "rendered", "again.html"); // a folder that does not exist yet

        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, "report", json, "--out", html);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout.Trim(), Is.EqualTo($"Report: {html}"));
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var chosen = report.RootElement.GetProperty("chosen").GetProperty("name").GetString();
        Assert.That(File.ReadAllText(html), Does.Contain($"<tr class=\"chosen\"><td class=\"l\">{chosen}<"));
    }

    [Test]
    public void Should_say_SDNN025_for_a_report_file_that_is_not_there()
    {
        var (exit, _, stderr) = ShapeDnnProcess.Run(Cache, "report", Path.Combine(_root, "missing.report.json"));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr.Trim(), Does.StartWith("SDNN025: ").And.Contain("missing.report.json"));
    }

    [Test, Order(3)]
    public void Should_print_the_report_as_json_on_stdout()
    {
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, Search(Path.Combine(_root, "json"), "MaxParameters=200k; MinAccuracy=25%", "MinimizeSize", "--json"));

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.That(json.RootElement.GetProperty("search").GetProperty("trainedFromScratch").GetInt32(), Is.Zero);
    }

    [TestCase("MaxLatency=2", "SDNN004")]
    [TestCase("MaxLatncy=2ms", "SDNN002")]
    [TestCase("MinAccuracy=ninety", "SDNN003")]
    public void Should_reject_bad_constraints_before_doing_any_work(string constraints, string code)
    {
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, Search(Path.Combine(_root, "bad"), constraints));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr.Trim(), Does.StartWith(code + ": "));
        Assert.That(Directory.Exists(Path.Combine(_root, "bad")), Is.False, "nothing is created for a request that cannot run");
    }

    [Test, Order(3)]
    public void Should_name_the_classes_from_labels_in_the_class_and_the_model_and_honour_access()
    {
        // Given: the shapes trained by the first test are in the cache
        string[] labels = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
        var output = Path.Combine(_root, "labelled");

        // When
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, Search(output, "MaxParameters=200k; MinAccuracy=25%", "MinimizeSize",
            "--labels", string.Join(';', labels), "--access", "internal"));

        // Then
        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        string code = File.ReadAllText(Path.Combine(output, "FashionModel.g.cs"));
        Assert.That(code, Does.Contain("internal sealed partial class FashionModel").And.Contain("\"Ankle boot\","));
        using var session = new InferenceSession(Path.Combine(output, "FashionModel.onnx"));
        Assert.That(JsonSerializer.Deserialize<string[]>(session.ModelMetadata.CustomMetadataMap["shapednn.class_labels"]), Is.EqualTo(labels));
    }

    [Test]
    public void Should_reject_labels_that_are_not_one_per_class_before_training()
    {
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(Cache, Search(Path.Combine(_root, "mislabelled"), "MaxParameters=200k", "MinimizeSize", "--labels", "cat,dog"));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr.Trim(), Does.StartWith("SDNN023: 2 class labels were given but the dataset has 10 classes"));
        Assert.That(stdout, Does.Not.Contain("training WRN"));
    }

    [Test]
    public void Should_report_a_missing_goal_and_a_missing_dataset()
    {
        var noGoal = ShapeDnnProcess.Run(Cache, "search", "--data", ShapeDnnProcess.SampleData, "--out", Path.Combine(_root, "x"));
        Assert.That(noGoal.Stderr.Trim(), Does.StartWith("SDNN006: "));

        var noData = ShapeDnnProcess.Run(Cache, "search", "--data", Path.Combine(_root, "nowhere"), "--goal", "MinimizeSize", "--out", Path.Combine(_root, "y"));
        Assert.That(noData.ExitCode, Is.EqualTo(1));
        Assert.That(noData.Stderr.Trim(), Does.StartWith("SDNN010: ").And.Contain("nowhere"));
    }

    [Test]
    public void Should_name_the_binding_constraint_of_an_infeasible_request()
    {
        var (exit, _, stderr) = ShapeDnnProcess.Run(Cache, Search(Path.Combine(_root, "infeasible"), "MaxParameters=10k"));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("SDNN013: ").And.Contain("MaxParameters").And.Contain("WRN-10-1"));
        Assert.That(Directory.GetFiles(Path.Combine(_root, "infeasible")), Is.Empty);
    }

    [Test, Order(4)]
    public async Task Should_stop_cleanly_on_sigterm_and_resume_from_the_cache()
    {
        var output = Path.Combine(_root, "interrupted");
        // Out-of-reach accuracy: the cheapest shape is stopped after its first epoch, and before giving up the
        // search trains the most capable one, WRN-16-1: the second training, interrupted here.
        string[] args = ["search", "--data", ShapeDnnProcess.SampleData, "--constraints", "MinAccuracy=99%", "--goal", "MinimizeSize",
            "--out", output, "--name", "FashionModel", "--budget", "epochs=2;subset=1500;validation=300;test=300;shapes=2", "--design-space", "depths=10,16;widths=1"];

        using (var run = ShapeDnnProcess.Start(Cache, args))
        {
            // Interrupt the second training, so that the first one is complete in the cache.
            await run.WhenLine(l => l.Contains("[2] training")).WaitAsync(TimeSpan.FromMinutes(3));
            run.Terminate();
            var (exit, _, stderr) = run.WaitForExit(TimeSpan.FromMinutes(1));
            Assert.That(exit, Is.EqualTo(130), stderr);
            Assert.That(stderr, Does.Contain("SDNN017"));
        }
        Assert.That(Directory.GetFiles(output), Is.Empty, "no half-written output");

        // The next run takes the first shape from the cache and finishes; the 99 % limit is out of
        // reach, which is reported, not crashed on.
        var next = ShapeDnnProcess.Run(Cache, args);
        Assert.That(next.Stdout, Does.Not.Contain("[1] training"));
        Assert.That(next.Stdout, Does.Contain("[2] training"));
        Assert.That(next.Stderr, Does.StartWith("SDNN014: "), next.Stdout);
    }

    [Test]
    public void Should_list_the_design_space_with_exact_parameter_counts()
    {
        var (exit, stdout, _) = ShapeDnnProcess.Run(Cache, "shapes", "--input", "3x32x32", "--classes", "10", "--design-space", "depths=16,28;widths=4,10", "--json");

        Assert.That(exit, Is.EqualTo(0));
        using var json = JsonDocument.Parse(stdout);
        var counts = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("parameters").GetInt64());
        Assert.That(counts["WRN-16-4"], Is.EqualTo(2.7e6).Within(0.05e6));
        Assert.That(counts["WRN-28-10"], Is.EqualTo(36.5e6).Within(0.05e6));
    }

    [Test]
    public void Should_list_another_family_and_several_families_with_their_family()
    {
        var (exit, stdout, _) = ShapeDnnProcess.Run(Cache, "shapes", "--family", "densenet-bc", "--input", "3x32x32", "--classes", "10",
            "--design-space", "depths=40,100;growth=12,24", "--json");

        Assert.That(exit, Is.EqualTo(0));
        using var json = JsonDocument.Parse(stdout);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.That(rows.Select(e => e.GetProperty("name").GetString()), Is.EqualTo(new[] { "DenseNet-BC-40-12", "DenseNet-BC-40-24", "DenseNet-BC-100-12", "DenseNet-BC-100-24" }));
        Assert.That(rows.Select(e => e.GetProperty("family").GetString()), Is.All.EqualTo("densenet-bc"));
        // Huang et al.: DenseNet-BC L=100, k=12 has 0.8 M parameters on CIFAR-10.
        Assert.That(rows[2].GetProperty("parameters").GetInt64(), Is.EqualTo(0.8e6).Within(0.05e6));

        var (exitAll, all, _) = ShapeDnnProcess.Run(Cache, "shapes", "--family", "all", "--input", "1x28x28", "--classes", "10",
            "--design-space", "wrn: depths=10;widths=1 | densenet-bc: depths=10;growth=6", "--json");
        Assert.That(exitAll, Is.EqualTo(0));
        using var both = JsonDocument.Parse(all);
        Assert.That(both.RootElement.EnumerateArray().Select(e => e.GetProperty("family").GetString()), Is.SupersetOf(new[] { "wrn", "densenet-bc" }));
    }

    [Test]
    public void Should_reject_an_unknown_option_with_a_suggestion()
    {
        var (exit, _, stderr) = ShapeDnnProcess.Run(Cache, "shapes", "--inpt", "1x28x28");
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("SDNN009: ").And.Contain("--input"));
    }
}
