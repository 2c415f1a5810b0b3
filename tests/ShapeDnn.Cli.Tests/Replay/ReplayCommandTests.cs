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
