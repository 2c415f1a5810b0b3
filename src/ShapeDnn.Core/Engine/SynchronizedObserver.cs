using ShapeDnn.DesignSpace;
using ShapeDnn.Training;

namespace ShapeDnn.Engine;

/// <summary>Serialises calls to an observer, so that shapes trained concurrently can report without a thread-safe observer.</summary>
internal sealed class SynchronizedObserver(ISearchObserver inner) : ISearchObserver
{
    private readonly Lock _gate = new();

    public void Phase(SearchPhase phase, string description) { lock (_gate) inner.Phase(phase, description); }
    public void Detail(string message) { lock (_gate) inner.Detail(message); }
    public void Warning(string message) { lock (_gate) inner.Warning(message); }
    public void Profiling(int index, int count, Shape shape) { lock (_gate) inner.Profiling(index, count, shape); }
    public void TrainingStarted(Shape shape, int round, string why, bool fromCache) { lock (_gate) inner.TrainingStarted(shape, round, why, fromCache); }
    public void TrainingProgress(Shape shape, TrainingProgress progress) { lock (_gate) inner.TrainingProgress(shape, progress); }
    public void TrainingFinished(Shape shape, double validationAccuracy, bool fromCache, double seconds) { lock (_gate) inner.TrainingFinished(shape, validationAccuracy, fromCache, seconds); }
    public void TrainingStopped(Shape shape, int epochs, string reason) { lock (_gate) inner.TrainingStopped(shape, epochs, reason); }
    public void EpochFinished(Shape shape, EpochStatistics epoch) { lock (_gate) inner.EpochFinished(shape, epoch); }
    public void TrainingSkipped(Shape shape, string reason) { lock (_gate) inner.TrainingSkipped(shape, reason); }
    public void SearchProgress(SearchProgress progress) { lock (_gate) inner.SearchProgress(progress); }
}
