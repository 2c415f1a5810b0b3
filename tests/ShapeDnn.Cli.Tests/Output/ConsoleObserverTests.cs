using ShapeDnn.Cli.Output;
using ShapeDnn.DesignSpace;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Tests.Output;

/// <summary>What the console shows while shapes train, one after another or several at once (--parallel).</summary>
public sealed class ConsoleObserverTests
{
    private static readonly Shape Small = new(10, 1), Wide = new(16, 4), Deep = new(28, 1);

    [Test]
    public void Concurrent_trainings_keep_their_own_round_in_every_line()
    {
        var output = new StringWriter();
        var observer = new ConsoleObserver(output, interactive: false, verbose: false);

        // Three shapes of one batch start before any finishes; their reports interleave.
        observer.TrainingStarted(Small, 1, "initial sample", fromCache: false);
        observer.TrainingStarted(Wide, 2, "initial sample", fromCache: false);
        observer.TrainingStarted(Deep, 3, "initial sample", fromCache: false);
        observer.TrainingProgress(Small, new TrainingProgress(1, 2, 10, 10, 0.9, TimeSpan.FromSeconds(1)));
        observer.TrainingProgress(Wide, new TrainingProgress(1, 2, 10, 10, 0.8, TimeSpan.FromSeconds(1)));
        observer.TrainingFinished(Small, 0.91, fromCache: false, 3);
        observer.TrainingFinished(Deep, 0.93, fromCache: false, 5);
        observer.TrainingFinished(Wide, 0.94, fromCache: false, 4);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines.Where(l => l.Contains("WRN-10-1")), Has.All.StartWith("[1]"));
        Assert.That(lines.Where(l => l.Contains("WRN-16-4")), Has.All.StartWith("[2]"));
        Assert.That(lines.Where(l => l.Contains("WRN-28-1")), Has.All.StartWith("[3]"));
        Assert.That(lines.Where(l => l.Contains("epoch 1/2")).ToList(), Has.Count.EqualTo(2), "each shape's finished epoch is logged once");
        Assert.That(lines, Has.Some.Contains("WRN-16-4: validation accuracy"));
    }
}
