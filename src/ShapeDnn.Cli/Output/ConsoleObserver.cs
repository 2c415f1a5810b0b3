using System.Diagnostics;
using System.Globalization;
using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Output;

/// <summary>
/// Shows progress: on a terminal one line rewritten in place; elsewhere (CI logs, MSBuild) a line per
/// epoch and at most one progress line every few seconds, so that logs stay readable.
/// </summary>
internal sealed class ConsoleObserver(TextWriter writer, bool interactive, bool verbose) : ISearchObserver
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private bool _lineOpen;
    // Per shape: with --parallel several trainings report at once, each with its own round and epoch.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Shape, (int Round, int LastEpoch)> _trainings = new();

    public void Phase(SearchPhase phase, string description) => WriteLine($"» {description}");

    public void Detail(string message)
    {
        if (verbose) WriteLine($"  {message}");
    }

    public void Warning(string message) => WriteLine($"warning {ShapeDnn.Diagnostics.Sentences.Clean(message)}");

    public void Profiling(int index, int count, Shape shape) =>
        Transient($"  profiling latency {index + 1}/{count}: {shape.Name}");

    public void TrainingStarted(Shape shape, int round, string why, bool fromCache)
    {
        _trainings[shape] = (round, 0);
        if (!fromCache) WriteLine($"  [{round}] training {shape.Name} — {why}");
        else Detail($"[{round}] {shape.Name} from the cache — {why}");
    }

    public void TrainingProgress(Shape shape, TrainingProgress p)
    {
        var (round, lastEpoch) = _trainings.GetValueOrDefault(shape);
        string text = string.Create(CultureInfo.InvariantCulture,
            $"  [{round}] {shape.Name}  epoch {p.Epoch}/{p.Epochs}  batch {p.Batch}/{p.Batches}  loss {p.Loss:0.000}  {Format.Seconds(p.Remaining.TotalSeconds)} left");
        if (interactive) Transient(text);
        else if (p.Epoch != lastEpoch && p.Batch == p.Batches || _sinceLastLine.Elapsed > LogInterval) WriteLine(text);
        if (p.Batch == p.Batches) _trainings[shape] = (round, p.Epoch);
    }

    public void TrainingFinished(Shape shape, double validationAccuracy, bool fromCache, double seconds) =>
        WriteLine($"  [{_trainings.GetValueOrDefault(shape).Round}] {shape.Name}: validation accuracy {Format.Percent(validationAccuracy)}" +
                  (fromCache ? " (cached)" : $" in {Format.Seconds(seconds)}"));

    public void TrainingStopped(Shape shape, int epochs, string reason) =>
        WriteLine($"  [{_trainings.GetValueOrDefault(shape).Round}] {shape.Name}: {reason}");

    private void Transient(string text)
    {
        if (!interactive)
        {
            if (verbose) WriteLine(text);
            return;
        }
        lock (_gate)
        {
            int width = Math.Max(40, SafeWindowWidth() - 1);
            writer.Write("\r" + (text.Length > width ? text[..width] : text.PadRight(width)));
            _lineOpen = true;
        }
    }

    private void WriteLine(string text)
    {
        lock (_gate)
        {
            if (_lineOpen) writer.Write("\r" + new string(' ', Math.Max(40, SafeWindowWidth() - 1)) + "\r");
            _lineOpen = false;
            writer.WriteLine(text);
            _sinceLastLine.Restart();
        }
    }

    private static int SafeWindowWidth()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 100; }
        catch (IOException) { return 100; }
    }
}
