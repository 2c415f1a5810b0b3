using System.Diagnostics;
using System.Globalization;
using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Training;
using Spectre.Console;

namespace ShapeDnn.Cli.Output;

/// <summary>
/// Shows progress as plain lines, for logs (CI, a pipe, a file, <c>--json</c>'s stderr): the phases,
/// each training as it starts, each epoch's validation accuracy, each finished training with where
/// the search stands and the time left, and at most one batch-progress line every few seconds, so
/// that logs stay readable. Lines go to the console's writer as they are, never wrapped or coloured.
/// </summary>
internal sealed class ConsoleObserver(IAnsiConsole console, bool verbose) : ISearchObserver
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    // Per shape: with --parallel several trainings report at once, each with its own round and epoch.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Shape, (int Round, int Epochs)> _trainings = new();
    private SearchProgress? _latest;

    public void Phase(SearchPhase phase, string description) => WriteLine($"» {description}");

    public void Detail(string message)
    {
        if (verbose) WriteLine($"  {message}");
    }

    public void Warning(string message) => WriteLine($"warning {ShapeDnn.Diagnostics.Sentences.Clean(message)}");

    public void Profiling(int index, int count, Shape shape) => Detail($"profiling latency {index + 1}/{count}: {shape.Name}");

    public void TrainingStarted(Shape shape, int round, string why, bool fromCache)
    {
        _trainings[shape] = (round, 0);
        if (!fromCache) WriteLine($"  [{round}] training {shape.Name} — {why}");
        else Detail($"[{round}] {shape.Name} from the cache — {why}");
    }

    public void TrainingProgress(Shape shape, TrainingProgress p)
    {
        var (round, _) = _trainings.GetValueOrDefault(shape);
        _trainings[shape] = (round, p.Epochs);
        if (_sinceLastLine.Elapsed <= LogInterval) return;
        WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  [{round}] {shape.Name}  epoch {p.Epoch}/{p.Epochs}  batch {p.Batch}/{p.Batches}  loss {p.Loss:0.000}  {Format.Seconds(p.Remaining.TotalSeconds)} left"));
    }

    public void EpochFinished(Shape shape, EpochStatistics epoch) => WriteLine(PlainLines.Epoch(_trainings.GetValueOrDefault(shape), shape, epoch));

    public void TrainingFinished(Shape shape, double validationAccuracy, bool fromCache, double seconds) =>
        WriteLine(PlainLines.Finished(_trainings.GetValueOrDefault(shape).Round, shape, validationAccuracy, fromCache, seconds, _latest));

    public void TrainingStopped(Shape shape, int epochs, string reason) =>
        WriteLine($"  [{_trainings.GetValueOrDefault(shape).Round}] {shape.Name}: {reason}");

    public void SearchProgress(SearchProgress progress) => _latest = progress;

    private void WriteLine(string text)
    {
        lock (_gate)
        {
            console.Profile.Out.Writer.WriteLine(text);
            _sinceLastLine.Restart();
        }
    }
}
