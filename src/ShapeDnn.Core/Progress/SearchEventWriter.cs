using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Progress;

/// <summary>
/// Writes what the engine reports as <see cref="SearchEvent"/> lines, each flushed at once so that a
/// reader (the MSBuild task, a CI script) sees it as it happens. Details and warnings are not events:
/// they stay on the console (warnings as <c>warning SDNNxxx: …</c>). Thread-safe.
/// </summary>
public sealed class SearchEventWriter(TextWriter output) : ISearchObserver
{
    private readonly Lock _gate = new();

    public void Phase(SearchPhase phase, string description) =>
        Write(new SearchEvent { Event = "phase", Phase = phase.ToString().ToLowerInvariant(), Text = description });

    public void Profiling(int index, int count, Shape shape) =>
        Write(new SearchEvent { Event = "profiling", Index = index + 1, Count = count, Shape = shape.Name });

    public void TrainingStarted(Shape shape, int round, string why, bool fromCache) =>
        Write(new SearchEvent { Event = "proposed", Shape = shape.Name, Round = round, Why = why, Cached = fromCache });

    public void TrainingProgress(Shape shape, TrainingProgress p) => Write(new SearchEvent
    {
        Event = "progress", Shape = shape.Name, Epoch = p.Epoch, Epochs = p.Epochs, Batch = p.Batch, Batches = p.Batches, Loss = p.Loss,
        ElapsedSeconds = p.Elapsed.TotalSeconds,
    });

    public void EpochFinished(Shape shape, EpochStatistics epoch) =>
        Write(new SearchEvent { Event = "epoch", Shape = shape.Name, Statistics = epoch });

    public void TrainingFinished(Shape shape, double validationAccuracy, bool fromCache, double seconds) =>
        Write(new SearchEvent { Event = "trained", Shape = shape.Name, ValidationAccuracy = validationAccuracy, Cached = fromCache, Seconds = seconds });

    public void TrainingStopped(Shape shape, int epochs, string reason) =>
        Write(new SearchEvent { Event = "stopped", Shape = shape.Name, Epoch = epochs, Reason = reason });

    public void TrainingSkipped(Shape shape, string reason) =>
        Write(new SearchEvent { Event = "skipped", Shape = shape.Name, Reason = reason });

    public void SearchProgress(SearchProgress p) => Write(new SearchEvent
    {
        Event = "search", Feasible = p.Feasible, Proposed = p.Proposed, Finished = p.Finished, Running = p.Running,
        SpentShapes = Math.Round(p.SpentShapes, 4), MaxShapes = p.MaxShapes, SecondsLeft = p.SecondsLeft is { } s ? Math.Round(s, 1) : null,
    });

    private void Write(SearchEvent e)
    {
        lock (_gate)
        {
            output.WriteLine(e.ToLine());
            output.Flush();
        }
    }
}
