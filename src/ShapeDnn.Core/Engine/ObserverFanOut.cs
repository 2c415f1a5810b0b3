using ShapeDnn.DesignSpace;
using ShapeDnn.Training;

namespace ShapeDnn.Engine;

/// <summary>Hands every event to several observers, in order (the console view and the event stream).</summary>
public sealed class ObserverFanOut(params ISearchObserver[] observers) : ISearchObserver
{
    public void Phase(SearchPhase phase, string description) { foreach (var o in observers) o.Phase(phase, description); }
    public void Detail(string message) { foreach (var o in observers) o.Detail(message); }
    public void Warning(string message) { foreach (var o in observers) o.Warning(message); }
    public void Profiling(int index, int count, Shape shape) { foreach (var o in observers) o.Profiling(index, count, shape); }
    public void TrainingStarted(Shape shape, int round, string why, bool fromCache) { foreach (var o in observers) o.TrainingStarted(shape, round, why, fromCache); }
    public void TrainingProgress(Shape shape, TrainingProgress progress) { foreach (var o in observers) o.TrainingProgress(shape, progress); }
    public void EpochFinished(Shape shape, EpochStatistics epoch) { foreach (var o in observers) o.EpochFinished(shape, epoch); }
    public void TrainingFinished(Shape shape, double validationAccuracy, bool fromCache, double seconds) { foreach (var o in observers) o.TrainingFinished(shape, validationAccuracy, fromCache, seconds); }
    public void TrainingStopped(Shape shape, int epochs, string reason) { foreach (var o in observers) o.TrainingStopped(shape, epochs, reason); }
    public void TrainingSkipped(Shape shape, string reason) { foreach (var o in observers) o.TrainingSkipped(shape, reason); }
    public void SearchProgress(SearchProgress progress) { foreach (var o in observers) o.SearchProgress(progress); }
}
