using ShapeDnn.Cli.Output;
using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Training;
using Spectre.Console.Testing;

namespace ShapeDnn.Cli.Tests.Output;

/// <summary>What the console shows while shapes train, one after another or several at once (--parallel).</summary>
public sealed class ConsoleObserverTests
{
    private static readonly Shape Small = new(10, 1), Wide = new(16, 4), Deep = new(28, 1);

    private static string[] Lines(TestConsole console) =>
        console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Test]
    public void Concurrent_trainings_keep_their_own_round_in_every_line()
    {
        var console = new TestConsole();
        var observer = new ConsoleObserver(console, verbose: false);

        // Three shapes of one batch start before any finishes; their reports interleave.
        observer.TrainingStarted(Small, 1, "initial sample", fromCache: false);
        observer.TrainingStarted(Wide, 2, "initial sample", fromCache: false);
        observer.TrainingStarted(Deep, 3, "initial sample", fromCache: false);
        observer.TrainingProgress(Small, new TrainingProgress(1, 2, 10, 10, 0.9, TimeSpan.FromSeconds(1)));
        observer.TrainingProgress(Wide, new TrainingProgress(1, 2, 10, 10, 0.8, TimeSpan.FromSeconds(1)));
        observer.EpochFinished(Small, new EpochStatistics(1, 0.9, 0.5, 1, 0));
        observer.EpochFinished(Wide, new EpochStatistics(1, 0.8, 0.6, 1, 0));
        observer.TrainingFinished(Small, 0.91, fromCache: false, 3);
        observer.TrainingFinished(Deep, 0.93, fromCache: false, 5);
        observer.TrainingFinished(Wide, 0.94, fromCache: false, 4);

        var lines = Lines(console);
        Assert.That(lines.Where(l => l.Contains("WRN-10-1")), Has.All.StartWith("[1]"));
        Assert.That(lines.Where(l => l.Contains("WRN-16-4")), Has.All.StartWith("[2]"));
        Assert.That(lines.Where(l => l.Contains("WRN-28-1")), Has.All.StartWith("[3]"));
        Assert.That(lines.Where(l => l.Contains("epoch 1/2")).ToList(), Has.Count.EqualTo(2), "each shape's finished epoch is logged once");
        Assert.That(lines, Has.Some.EqualTo("[2] WRN-16-4 epoch 1/2: 60.0 % validation accuracy"));
        Assert.That(lines, Has.Some.Contains("WRN-16-4: validation accuracy"));
    }

    [Test]
    public void A_finished_training_says_where_the_search_stands_and_the_time_left()
    {
        var console = new TestConsole();
        var observer = new ConsoleObserver(console, verbose: false);

        observer.Phase(SearchPhase.Searching, "Searching 5 feasible shapes");
        observer.TrainingStarted(Small, 1, "first: the cheapest feasible shape", fromCache: false);
        observer.SearchProgress(new SearchProgress(5, 1, 1, 0, 1, 4, 130));
        observer.TrainingFinished(Small, 0.792, fromCache: false, 12.3);

        Assert.That(Lines(console), Is.EqualTo(new[]
        {
            "» Searching 5 feasible shapes",
            "[1] training WRN-10-1 — first: the cheapest feasible shape",
            "[1] WRN-10-1: validation accuracy 79.20 % in 12.3 s · 1 of 5 shapes proposed, 1 of at most 4 trainings spent, at most 2 min 10 s left",
        }));
    }

    [Test]
    public void Plain_lines_are_never_wrapped_or_coloured()
    {
        var console = new TestConsole().Width(40);
        var observer = new ConsoleObserver(console, verbose: false);
        string why = new('x', 120);

        observer.TrainingStarted(Small, 1, why, fromCache: false);

        Assert.That(Lines(console), Is.EqualTo(new[] { $"[1] training WRN-10-1 — {why}" }));
        Assert.That(console.Output.Contains('\u001b'), Is.False, "no escape sequences");
    }
}
