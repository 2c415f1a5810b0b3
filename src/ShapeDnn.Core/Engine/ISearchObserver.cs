using ShapeDnn.DesignSpace;
using ShapeDnn.Training;

namespace ShapeDnn.Engine;

/// <summary>Receives what the engine is doing, for progress display. Every member has a no-op default.</summary>
public interface ISearchObserver
{
    /// <summary>A new phase starts; <paramref name="description"/> says what it works on, for people.</summary>
    void Phase(SearchPhase phase, string description) { }

    /// <summary>A detail for <c>--verbose</c>.</summary>
    void Detail(string message) { }

    /// <summary>A warning (with its SDNN code in the text).</summary>
    void Warning(string message) { }

    /// <summary>Latency profiling of shape <paramref name="index"/> of <paramref name="count"/>.</summary>
    void Profiling(int index, int count, Shape shape) { }

    /// <summary>A shape is about to be trained (or taken from the cache).</summary>
    void TrainingStarted(Shape shape, int round, string why, bool fromCache) { }

    /// <summary>Progress within the training of <paramref name="shape"/>.</summary>
    void TrainingProgress(Shape shape, TrainingProgress progress) { }

    /// <summary>An epoch of <paramref name="shape"/>'s training finished, with its validation accuracy (trainings in this run only, not cache hits).</summary>
    void EpochFinished(Shape shape, EpochStatistics epoch) { }

    /// <summary>A shape's accuracy is known (after its last epoch, or after the epoch it was stopped at).</summary>
    void TrainingFinished(Shape shape, double validationAccuracy, bool fromCache, double seconds) { }

    /// <summary>The search stopped a shape's training after <paramref name="epochs"/> epochs: its curve showed it cannot change the choice.</summary>
    void TrainingStopped(Shape shape, int epochs, string reason) { }

    /// <summary>The trainer could not train <paramref name="shape"/> on this device (also said as a warning).</summary>
    void TrainingSkipped(Shape shape, string reason) { }

    /// <summary>Where the search as a whole stands: once when the search starts training, then just before each event that changes it (a training proposed, an epoch finished, a training ended), with that event's effect included.</summary>
    void SearchProgress(SearchProgress progress) { }
}
