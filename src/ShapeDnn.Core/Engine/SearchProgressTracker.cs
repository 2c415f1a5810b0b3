using ShapeDnn.DesignSpace;
using ShapeDnn.Training;

namespace ShapeDnn.Engine;

/// <summary>
/// Passes every event on to the observer it wraps and, before each event that changes where the search
/// stands, sends the <see cref="SearchProgress"/> that the event brings about. The time left is estimated from the search's own
/// training-cost proxy: each shape's weight says what one of its epochs costs relative to another's,
/// and the seconds this run's trainings took per unit of weight turn what is left into seconds. Only
/// times reported by the trainings are used (never the wall clock), so the estimate is deterministic
/// for a given sequence of events. Thread-safe (trainings report concurrently under <c>--parallel</c>).
/// </summary>
internal sealed class SearchProgressTracker : ISearchObserver
{
    private readonly ISearchObserver _inner;
    private readonly IReadOnlyDictionary<Shape, double> _weights;
    private readonly int _epochs;
    private readonly int _maxShapes;
    private readonly int _parallel;
    private readonly Dictionary<Shape, Run> _runs = [];
    private readonly Lock _gate = new();
    private int _proposed;

    /// <param name="inner">The observer every event goes on to.</param>
    /// <param name="trainingWeights">The training-cost proxy of every feasible shape (<see cref="Search.TrainingCostProxy"/>).</param>
    /// <param name="epochs">Epochs of a complete training.</param>
    /// <param name="maxShapes">The budget's ceiling, in complete trainings.</param>
    /// <param name="parallel">Trainings run at a time.</param>
    public SearchProgressTracker(ISearchObserver inner, IReadOnlyDictionary<Shape, double> trainingWeights, int epochs, int maxShapes, int parallel)
    {
        _inner = inner;
        _weights = trainingWeights;
        _epochs = Math.Max(1, epochs);
        _maxShapes = maxShapes;
        _parallel = Math.Max(1, parallel);
    }

    /// <summary>One proposed shape as the tracker sees it.</summary>
    private sealed class Run(double weight, bool fromCache)
    {
        public double Weight { get; } = weight;
        public bool FromCache { get; } = fromCache;
        /// <summary>Epochs done, with the running epoch's fraction.</summary>
        public double Epochs { get; set; }
        /// <summary>Seconds this training has taken so far in this run.</summary>
        public double Seconds { get; set; }
        /// <summary>Sum of the finished epochs' own seconds: the clock while no batch progress was reported (it comes at most once a second, so a short epoch can end before any).</summary>
        public double EpochSeconds { get; set; }
        public bool ProgressSeen { get; set; }
        public bool Finished { get; set; }
        /// <summary>Epochs the finished run counts for (all of them unless stopped).</summary>
        public double? StoppedAfter { get; set; }
    }

    /// <summary>The current state, as sent after each change.</summary>
    public SearchProgress Current
    {
        get
        {
            lock (_gate) return Snapshot();
        }
    }

    public void Phase(SearchPhase phase, string description) => _inner.Phase(phase, description);
    public void Detail(string message) => _inner.Detail(message);
    public void Warning(string message) => _inner.Warning(message);
    public void Profiling(int index, int count, Shape shape) => _inner.Profiling(index, count, shape);

    public void TrainingStarted(Shape shape, int round, string why, bool fromCache)
    {
        Update(() =>
        {
            if (!_runs.ContainsKey(shape)) _proposed++;
            _runs[shape] = new Run(_weights.GetValueOrDefault(shape, MeanWeight()), fromCache);
        }, () => _inner.TrainingStarted(shape, round, why, fromCache));
    }

    public void TrainingProgress(Shape shape, TrainingProgress progress)
    {
        _inner.TrainingProgress(shape, progress);
        lock (_gate)
        {
            // Batch-level reports refine the estimate but are not worth a progress event of their own.
            if (!_runs.TryGetValue(shape, out var run)) return;
            run.Epochs = progress.Fraction * _epochs;
            run.Seconds = progress.Elapsed.TotalSeconds;
            run.ProgressSeen = true;
        }
    }

    public void EpochFinished(Shape shape, EpochStatistics epoch)
    {
        Update(() =>
        {
            if (!_runs.TryGetValue(shape, out var run)) return;
            run.Epochs = Math.Max(run.Epochs, epoch.Epoch);
            run.EpochSeconds += epoch.Seconds;
            if (!run.ProgressSeen) run.Seconds = run.EpochSeconds;
        }, () => _inner.EpochFinished(shape, epoch));
    }

    public void TrainingFinished(Shape shape, double validationAccuracy, bool fromCache, double seconds)
    {
        Update(() =>
        {
            if (!_runs.TryGetValue(shape, out var run)) return;
            run.Finished = true;
            if (!run.FromCache) run.Seconds = seconds;
        }, () => _inner.TrainingFinished(shape, validationAccuracy, fromCache, seconds));
    }

    public void TrainingStopped(Shape shape, int epochs, string reason)
    {
        Update(() =>
        {
            if (_runs.TryGetValue(shape, out var run)) run.StoppedAfter = epochs;
        }, () => _inner.TrainingStopped(shape, epochs, reason));
    }

    public void TrainingSkipped(Shape shape, string reason)
    {
        Update(() =>
        {
            // Not trainable here: done, and it spent nothing of the budget (as the search counts it).
            if (!_runs.TryGetValue(shape, out var run)) return;
            run.Finished = true;
            run.StoppedAfter = 0;
            run.Seconds = 0;
        }, () => _inner.TrainingSkipped(shape, reason));
    }

    public void SearchProgress(SearchProgress progress) => _inner.SearchProgress(progress);

    /// <summary>Applies <paramref name="change"/>, sends the new state, then the event itself: a reader always knows the state that the event it reads brought about.</summary>
    private void Update(Action change, Action forward)
    {
        SearchProgress snapshot;
        lock (_gate)
        {
            change();
            snapshot = Snapshot();
        }
        _inner.SearchProgress(snapshot);
        forward();
    }

    /// <summary>Sends the state before anything is proposed: what the search may spend, and on how many shapes.</summary>
    public void Start() => _inner.SearchProgress(Current);

    private SearchProgress Snapshot()
    {
        var running = _runs.Values.Where(r => !r.Finished).ToList();
        double spent = _runs.Values.Sum(r => EpochsCounted(r) / _epochs);
        return new SearchProgress(_weights.Count, _proposed, _runs.Count - running.Count, running.Count, spent, _maxShapes, SecondsLeft(running, spent));
    }

    /// <summary>Null until a training of this run has reported time spent on some epochs.</summary>
    private double? SecondsLeft(List<Run> running, double spent)
    {
        var measured = _runs.Values.Where(r => !r.FromCache && r.Seconds > 0 && EpochsCounted(r) > 0).ToList();
        double units = measured.Sum(r => r.Weight * EpochsCounted(r));
        if (units <= 0) return null;
        double secondsPerUnit = measured.Sum(r => r.Seconds) / units;

        double runningUnits = running.Sum(r => r.Weight * Math.Max(0, _epochs - r.Epochs));
        double runningShapesLeft = running.Sum(r => Math.Max(0, _epochs - r.Epochs) / _epochs);
        var untried = _weights.Where(w => !_runs.ContainsKey(w.Key)).Select(w => w.Value).ToList();
        double futureShapes = Math.Min(untried.Count, Math.Max(0, _maxShapes - spent - runningShapesLeft));
        double futureUnits = untried.Count == 0 ? 0 : futureShapes * _epochs * untried.Average();
        // Trainings run side by side only as far as there are trainings left to run.
        double side = Math.Clamp(running.Count + Math.Ceiling(futureShapes), 1, _parallel);
        return (runningUnits + futureUnits) * secondsPerUnit / side;
    }

    // A run trained now counts the epochs it reported (a stopped run is reported finished before it is
    // reported stopped); a cache hit counts as complete unless it is reported stopped.
    private double EpochsCounted(Run r) => !r.Finished ? r.Epochs : r.StoppedAfter ?? (r.FromCache ? _epochs : Math.Max(1, r.Epochs));

    private double MeanWeight() => _weights.Count == 0 ? 1 : _weights.Values.Average();
}
