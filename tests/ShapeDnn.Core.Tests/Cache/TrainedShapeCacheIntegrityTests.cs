using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ShapeDnn.Cache;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Tensors;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Cache;

/// <summary>The whole entry is covered by its manifest, and nothing read from it is believed unless it is a training at all.</summary>
public class TrainedShapeCacheIntegrityTests
{
    private string _root = null!;
    private readonly List<string> _warnings = [];
    private static readonly NetworkPlan Plan = WideResNetPlanner.Plan(new Shape(10, 1), new InputShape(1, 12, 12, 3));

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "shapednn-cache-test-" + Guid.NewGuid().ToString("N"));
        _warnings.Clear();
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private TrainedShapeCache Cache() => new(_root, _warnings.Add);

    private string Entry(string key) => Path.Combine(_root, "trained", key);

    private static CachedTraining Metrics(int epochs = 1) => new("WRN-10-1", 0.4294, 0.42,
        Enumerable.Range(1, epochs).Select(e => new EpochStatistics(e, 0.5, 0.4294, 2.0, 1000)).ToList(), 2.0 * epochs, 500, "cpu", "test", DateTime.UtcNow);

    private void Store(string key, CachedTraining? metrics = null, byte[]? checkpoint = null) =>
        Cache().Store(key, metrics ?? Metrics(), RandomWeights.Create(Plan, 1), checkpoint);

    /// <summary>Edits metrics.json in place, leaving the manifest as it was.</summary>
    private void EditMetrics(string key, Func<string, string> edit)
    {
        var path = Path.Combine(Entry(key), "metrics.json");
        File.WriteAllText(path, edit(File.ReadAllText(path)));
    }

    /// <summary>Rewrites metrics.json and its manifest consistently, as a tool that knows the format would: only the range checks stand in the way.</summary>
    private void ForgeMetrics(string key, Action<JsonObject> edit)
    {
        var path = Path.Combine(Entry(key), "metrics.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        var bytes = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        File.WriteAllBytes(path, bytes);
        var manifestPath = Path.Combine(Entry(key), "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        foreach (var file in manifest["files"]!.AsArray())
            if ((string)file!["name"]! == "metrics.json")
            {
                file["bytes"] = bytes.Length;
                file["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            }
        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }

    [Test]
    public void Should_not_believe_an_edited_but_valid_metrics_file()
    {
        Store("k");
        EditMetrics("k", text => text.Replace("0.4294", "0.99"));

        Assert.That(Cache().TryGetMetrics("k"), Is.Null, "0.99 must never be delivered as 99 %");
        Assert.That(_warnings.Single(), Does.StartWith("SDNN016: ").And.Contain("manifest"));
        Assert.That(Directory.Exists(Entry("k")), Is.False, "the entry is discarded, so the shape is trained again");
    }

    [TestCase("{}")]
    [TestCase("{\"shape\":\"WRN-10-1\"}")]
    [TestCase("null")]
    public void Should_not_believe_a_metrics_file_replaced_by_another_valid_document(string document)
    {
        Store("k");
        EditMetrics("k", _ => document);
        Assert.That(Cache().TryGetMetrics("k"), Is.Null);
        Assert.That(_warnings.Single(), Does.StartWith("SDNN016: "));
    }

    private static IEnumerable<TestCaseData> Forgeries()
    {
        yield return new TestCaseData((Action<JsonObject>)(m => m["validationAccuracy"] = 1.5), "validation accuracy 1.5").SetName("accuracy above one");
        yield return new TestCaseData((Action<JsonObject>)(m => m["validationAccuracy"] = -0.2), "validation accuracy -0.2").SetName("negative accuracy");
        yield return new TestCaseData((Action<JsonObject>)(m => m["validationAccuracy"] = "NaN"), "validation accuracy NaN").SetName("NaN accuracy");
        yield return new TestCaseData((Action<JsonObject>)(m => m["testAccuracy"] = 2), "test accuracy 2").SetName("test accuracy above one");
        yield return new TestCaseData((Action<JsonObject>)(m => m["trainingSeconds"] = -1), "training time").SetName("negative time");
        yield return new TestCaseData((Action<JsonObject>)(m => m["trainingSeconds"] = "Infinity"), "training time").SetName("infinite time");
        yield return new TestCaseData((Action<JsonObject>)(m => m["imagesPerSecond"] = -5), "throughput").SetName("negative throughput");
        yield return new TestCaseData((Action<JsonObject>)(m => m["epochs"] = new JsonArray()), "no epochs").SetName("no epochs");
        yield return new TestCaseData((Action<JsonObject>)(m => m["epochs"]![0]!["epoch"] = 3), "out of order").SetName("epoch numbering");
        yield return new TestCaseData((Action<JsonObject>)(m => m["epochs"]![0]!["validationAccuracy"] = 7), "epoch 1's validation accuracy").SetName("epoch accuracy");
        yield return new TestCaseData((Action<JsonObject>)(m => m["epochs"]![0]!["seconds"] = -3), "epoch 1's time").SetName("epoch time");
        yield return new TestCaseData((Action<JsonObject>)(m => m["epochs"]![0]!["trainLoss"] = -1), "loss").SetName("negative loss");
        yield return new TestCaseData((Action<JsonObject>)(m => m["batchSize"] = -128), "batch size").SetName("negative batch");
        yield return new TestCaseData((Action<JsonObject>)(m => m["shape"] = "WRN-40-4"), "not WRN-10-1").SetName("another shape");
        yield return new TestCaseData((Action<JsonObject>)(m => m.Remove("device")), "device").SetName("no device");
    }

    [TestCaseSource(nameof(Forgeries))]
    public void Should_discard_figures_no_training_produces_even_with_a_matching_manifest(Action<JsonObject> forge, string why)
    {
        Store("k");
        ForgeMetrics("k", forge);

        Assert.That(Cache().TryGetMetrics("k", "WRN-10-1"), Is.Null);
        Assert.That(_warnings.Single(), Does.StartWith("SDNN016: ").And.Contain(why));
    }

    [Test]
    public void Should_keep_the_loss_of_a_diverged_training()
    {
        Store("k", Metrics() with { Epochs = [new EpochStatistics(1, double.NaN, 0.1, 2.0, 1000)] });
        Assert.That(Cache().TryGetMetrics("k", "WRN-10-1"), Is.Not.Null, "a NaN loss is what that training did");
    }

    [Test]
    public void Should_refuse_to_store_figures_no_training_produces()
    {
        Assert.Throws<ArgumentException>(() => Store("k", Metrics() with { ValidationAccuracy = 1.5 }));
        Assert.That(Directory.Exists(Entry("k")), Is.False);
    }

    [Test]
    public void Should_discard_an_entry_of_the_previous_format_with_a_message()
    {
        // What ShapeDnn wrote before manifests: metrics and weights alone.
        Directory.CreateDirectory(Entry("k"));
        File.WriteAllBytes(Path.Combine(Entry("k"), "weights.sdnt"), TensorFile.Serialize(RandomWeights.Create(Plan, 1)));
        File.WriteAllText(Path.Combine(Entry("k"), "metrics.json"), System.Text.Json.JsonSerializer.Serialize(Metrics(), ShapeDnnJsonContext.Default.CachedTraining));

        Assert.That(Cache().TryGetMetrics("k"), Is.Null);
        Assert.That(_warnings.Single(), Does.Contain("no manifest").And.Contain("trained again"));
    }

    [Test]
    public void Should_discard_an_entry_of_another_format_version()
    {
        Store("k");
        var manifest = Path.Combine(Entry("k"), "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(EntryManifest.CurrentFormat, "shapednn-trained-shape/2"));
        Assert.That(Cache().TryGetMetrics("k"), Is.Null);
        Assert.That(_warnings.Single(), Does.Contain("format 'shapednn-trained-shape/2'"));
    }

    [Test]
    public void Should_discard_an_entry_copied_under_another_key()
    {
        Store("k");
        Directory.Move(Entry("k"), Entry("other"));
        Assert.That(Cache().TryGetMetrics("other"), Is.Null);
        Assert.That(_warnings.Single(), Does.Contain("another key"));
    }

    [Test]
    public void Should_discard_an_entry_with_a_file_its_manifest_does_not_list()
    {
        Store("k");
        File.WriteAllText(Path.Combine(Entry("k"), "extra.json"), "{}");
        Assert.That(Cache().TryGetMetrics("k"), Is.Null);
        Assert.That(_warnings.Single(), Does.Contain("not those its manifest lists"));
    }

    [Test]
    public void Should_detect_weights_that_do_not_match_the_manifest_even_when_internally_consistent()
    {
        Store("k");
        // Another valid weight file of the same shape and size: its own checksum is fine, the manifest's is not.
        File.WriteAllBytes(Path.Combine(Entry("k"), "weights.sdnt"), TensorFile.Serialize(RandomWeights.Create(Plan, 2)));
        Assert.That(Cache().TryGetWeights("k", Plan), Is.Null);
        Assert.That(_warnings.Single(), Does.Contain("weights.sdnt does not match its manifest"));
    }

    [Test]
    public void Should_return_the_stored_checkpoint()
    {
        var checkpoint = RandomNumberGenerator.GetBytes(4096);
        Store("k", Metrics(), checkpoint);
        Assert.That(Cache().TryGetCheckpoint("k"), Is.EqualTo(checkpoint));
        Assert.That(Cache().TryGetMetrics("k"), Is.Not.Null);
    }

    [Test]
    public void Should_have_no_checkpoint_when_none_was_stored() => Assert.Multiple(() =>
    {
        Store("k");
        Assert.That(Cache().TryGetCheckpoint("k"), Is.Null);
        Assert.That(Cache().TryGetCheckpoint("absent"), Is.Null);
        Assert.That(_warnings, Is.Empty);
    });

    [Test]
    public void Should_discard_the_entry_when_its_checkpoint_is_damaged()
    {
        Store("k", Metrics(), new byte[100]);
        var path = Path.Combine(Entry("k"), "checkpoint.bin");
        var bytes = File.ReadAllBytes(path);
        bytes[50] = 1;
        File.WriteAllBytes(path, bytes);

        Assert.That(Cache().TryGetCheckpoint("k"), Is.Null);
        Assert.That(_warnings.Single(), Does.StartWith("SDNN016: ").And.Contain("checkpoint.bin"));
        Assert.That(Cache().TryGetMetrics("k"), Is.Null, "the whole entry goes: a training resumed from it could not be trusted");
    }

    [Test]
    public void Should_replace_a_partial_training_by_a_longer_one()
    {
        Store("k", Metrics(epochs: 2), checkpoint: [1, 2, 3]);
        Store("k", Metrics(epochs: 4));

        Assert.That(Cache().TryGetMetrics("k")!.Epochs, Has.Count.EqualTo(4));
        Assert.That(Cache().TryGetCheckpoint("k"), Is.Null, "the longer result's entry replaces the whole partial one");
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(_root, "trained")).Select(Path.GetFileName), Is.EqualTo(new[] { "k" }), "nothing set aside is left");
    }

    [Test]
    public void Should_keep_a_longer_training_when_a_shorter_one_is_stored_later()
    {
        Store("k", Metrics(epochs: 4));
        Store("k", Metrics(epochs: 2), checkpoint: [1]);
        Assert.That(Cache().TryGetMetrics("k")!.Epochs, Has.Count.EqualTo(4));
    }

    [Test]
    public void Should_let_a_finished_training_replace_a_resumable_one_of_as_many_epochs()
    {
        Store("k", Metrics(epochs: 3), checkpoint: [1, 2, 3]);
        Store("k", Metrics(epochs: 3));
        Assert.That(Cache().TryGetCheckpoint("k"), Is.Null, "no checkpoint: the training is finished");

        Store("k", Metrics(epochs: 3), checkpoint: [4]);
        Assert.That(Cache().TryGetCheckpoint("k"), Is.Null, "a finished entry is not replaced by a resumable one");
    }

    [Test]
    public void Should_remove_a_file_standing_where_an_entry_belongs_and_then_store()
    {
        Directory.CreateDirectory(Path.Combine(_root, "trained"));
        File.WriteAllText(Entry("k"), "not a folder");

        Assert.That(Cache().TryGetMetrics("k"), Is.Null);
        Assert.That(_warnings.Single(), Does.StartWith("SDNN016: ").And.Contain("a file stands where its folder belongs"));
        File.WriteAllText(Entry("k"), "planted again after the lookup");
        Assert.DoesNotThrow(() => Store("k"));
        Assert.That(Cache().TryGetMetrics("k"), Is.Not.Null);
    }
}
