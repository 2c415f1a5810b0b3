using System.Text.Json;
using ShapeDnn.Cli.Tests.EndToEnd;

namespace ShapeDnn.Cli.Tests.Replay;

/// <summary><c>shapednn replay</c> as a user runs it: the JSON fields other tools read, and the error for a malformed file.</summary>
public class ReplayCommandTests
{
    private static string GroundTruth() => Path.Combine(ShapeDnnProcess.RepositoryRoot, "benchmarks", "ground-truth", "gpu-standard.jsonl");

    [Test]
    public void Prints_the_pick_the_trainings_and_the_spend_as_json()
    {
        var cache = Directory.CreateTempSubdirectory("shapednn-replay-").FullName;
        var (exit, stdout, stderr) = ShapeDnnProcess.Run(cache, "replay", "--ground-truth", GroundTruth(), "--constraints", "MinAccuracy=94%",
            "--goal", "MinimizeLatency", "--batch-size", "128", "--json");

        Assert.That(exit, Is.EqualTo(0), stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.That(root.GetProperty("chosen").GetString(), Does.StartWith("WRN-"));
        var trained = root.GetProperty("trained").EnumerateArray().ToList();
        Assert.That(trained, Is.Not.Empty);
        Assert.That(trained, Has.All.Matches<JsonElement>(t => t.GetProperty("shape").GetString()!.StartsWith("WRN-") && t.GetProperty("epochs").GetInt32() is >= 1 and <= 10));
        double spent = root.GetProperty("trainingSeconds").GetDouble(), exhaustive = root.GetProperty("exhaustiveSeconds").GetDouble();
        Assert.That(spent, Is.GreaterThan(0).And.LessThan(exhaustive));
        Assert.That(root.GetProperty("stopReason").GetString(), Is.Not.Empty);
        Directory.Delete(cache, true);
    }

    [Test]
    public void Join_percent_zero_fills_every_slot_of_a_round_and_each_training_names_its_round()
    {
        // Given the suite's fastest-95 case at 8 at a time, replayed as shipped and with every slot filled (the behaviour before)
        var cache = Directory.CreateTempSubdirectory("shapednn-replay-").FullName;
        JsonElement Replay(params string[] extra)
        {
            var (exit, stdout, stderr) = ShapeDnnProcess.Run(cache, ["replay", "--ground-truth", GroundTruth(), "--constraints", "MinAccuracy=95%",
                "--goal", "MinimizeLatency", "--batch-size", "128", "--parallel", "8", "--json", .. extra]);
            Assert.That(exit, Is.EqualTo(0), stderr);
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        var shipped = Replay();
        var full = Replay("--join-percent", "0");

        // Then both find the same shape, rounds are numbered from 1 in training order, filling every slot makes rounds of 8
        // (but the last) and trains more than the shipped rounds, which hold fewer shapes
        static List<int> Sizes(JsonElement r) => r.GetProperty("trained").EnumerateArray().GroupBy(t => t.GetProperty("round").GetInt32()).OrderBy(g => g.Key).Select(g => g.Count()).ToList();
        Assert.That(shipped.GetProperty("chosen").GetString(), Is.EqualTo(full.GetProperty("chosen").GetString()));
        Assert.That(Sizes(full).SkipLast(1), Has.All.EqualTo(8));
        Assert.That(Sizes(shipped).Skip(1), Has.Some.LessThan(8));
        Assert.That(shipped.GetProperty("rounds").GetInt32(), Is.EqualTo(Sizes(shipped).Count));
        Assert.That(shipped.GetProperty("trainingSeconds").GetDouble(), Is.LessThan(full.GetProperty("trainingSeconds").GetDouble()));
        Assert.That(shipped.GetProperty("roundSeconds").GetDouble(), Is.GreaterThan(0).And.LessThanOrEqualTo(shipped.GetProperty("trainingSeconds").GetDouble()));
        Directory.Delete(cache, true);
    }

    [Test]
    public void A_malformed_file_is_an_SDNN026_naming_the_line_and_the_field()
    {
        var cache = Directory.CreateTempSubdirectory("shapednn-replay-").FullName;
        var file = Path.Combine(cache, "bad.jsonl");
        var lines = File.ReadLines(GroundTruth()).Take(3).ToList();
        lines[2] = lines[2].Replace("\"trainSeconds\":", "\"trainSeconds\":\"soon\",\"x\":");
        File.WriteAllLines(file, lines);

        var (exit, _, stderr) = ShapeDnnProcess.Run(cache, "replay", "--ground-truth", file, "--constraints", "MinAccuracy=94%", "--goal", "MinimizeSize");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("SDNN026").And.Contain("line 3").And.Contain("trainSeconds"));
        Directory.Delete(cache, true);
    }
}
