using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Prediction;

namespace ShapeDnn.Search;

/// <summary>
/// The Shape_DNN loop: train a first sample that spans the feasible space, fit the accuracy
/// predictor, train further shapes only where the choice is still open, stop when it is settled or
/// the budget is spent. It decides only which shape to train next; training itself is a callback,
/// so the loop is pure and its decisions do not depend on whether a result came from the cache.
/// </summary>
public sealed class ShapeSearch
{
    /// <summary>Probability below which an untrained shape is considered unable to change the choice.</summary>
    public const double OpenProbability = 0.1;

    /// <summary>Accuracy gain (fraction) that counts as an improvement when maximising accuracy.</summary>
    public const double MinimumImprovement = 0.002;

    private readonly IReadOnlyList<SearchCandidate> _candidates;
    private readonly Goal _goal;
    private readonly double? _minAccuracy;
    private readonly int _maxEvaluations;
    private readonly GaussianProcessAccuracyModel _model;

    /// <summary>Creates a search over <paramref name="candidates"/> (already filtered).</summary>
    /// <exception cref="ArgumentException">No candidates or a budget below one shape.</exception>
    public ShapeSearch(IReadOnlyList<SearchCandidate> candidates, Goal goal, double? minAccuracy, int maxEvaluations, DesignSpaceSpec space)
    {
        if (candidates.Count == 0) throw new ArgumentException("The search needs at least one feasible shape.", nameof(candidates));
        if (maxEvaluations < 1) throw new ArgumentException("The budget must allow at least one trained shape.", nameof(maxEvaluations));
        // A fixed order (cost, then depth, then width) makes every decision deterministic.
        _candidates = candidates.OrderBy(c => c.Cost).ThenBy(c => c.Shape.Depth).ThenBy(c => c.Shape.Width).ToList();
        _goal = goal;
        _minAccuracy = minAccuracy;
        _maxEvaluations = maxEvaluations;
        _model = new GaussianProcessAccuracyModel(space);
    }

    /// <summary>Runs the loop; <paramref name="evaluate"/> trains a shape (or takes it from the cache) and returns its validation accuracy.</summary>
    public SearchOutcome Run(Func<Shape, string, double> evaluate, CancellationToken cancellationToken = default)
    {
        var trained = new List<TrainedShape>();
        bool costGoal = _goal != Goal.MaximizeAccuracy;

        if (costGoal && _minAccuracy is null)
        {
            var cheapest = _candidates[0];
            trained.Add(new TrainedShape(cheapest.Shape, 1, "cheapest feasible shape (no accuracy limit)", null,
                evaluate(cheapest.Shape, "cheapest feasible shape (no accuracy limit)")));
            return Finish(trained, StopReason.NoAccuracyLimit);
        }

        foreach (var (shape, why) in InitialSample())
        {
            if (trained.Count >= _maxEvaluations) break;
            cancellationToken.ThrowIfCancellationRequested();
            trained.Add(new TrainedShape(shape, trained.Count + 1, why, null, evaluate(shape, why)));
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _model.Fit(trained.Select(t => (t.Shape, t.ValidationAccuracy)).ToList());
            var untrained = _candidates.Where(c => trained.All(t => t.Shape != c.Shape)).ToList();
            if (untrained.Count == 0) return Finish(trained, StopReason.AllTrained);

            var (next, why, stop) = costGoal ? NextForCost(trained, untrained) : NextForAccuracy(trained, untrained);
            if (next is null) return Finish(trained, stop);
            if (trained.Count >= _maxEvaluations) return Finish(trained, StopReason.BudgetSpent);

            var prediction = _model.Predict(next.Shape);
            trained.Add(new TrainedShape(next.Shape, trained.Count + 1, why, prediction, evaluate(next.Shape, why)));
        }
    }

    /// <summary>
    /// Farthest-point sampling in the scaled (log depth, log width) plane, starting from the
    /// cheapest and the most expensive feasible shape, so that the first fit sees both ends and the
    /// middle of what is feasible.
    /// </summary>
    private IEnumerable<(Shape Shape, string Why)> InitialSample()
    {
        int size = Math.Min(_candidates.Count, _candidates.Count >= 20 ? 4 : 3);
        var chosen = new List<Shape> { _candidates[0].Shape };
        yield return (_candidates[0].Shape, "initial sample: cheapest feasible shape");
        if (size < 2) yield break;
        var last = _candidates[^1].Shape;
        chosen.Add(last);
        yield return (last, "initial sample: most expensive feasible shape");

        double Lx(Shape s) => Math.Log(s.Depth);
        double Ly(Shape s) => Math.Log(s.Width);
        double sx = Math.Max(1e-9, _candidates.Max(c => Lx(c.Shape)) - _candidates.Min(c => Lx(c.Shape)));
        double sy = Math.Max(1e-9, _candidates.Max(c => Ly(c.Shape)) - _candidates.Min(c => Ly(c.Shape)));
        double Distance(Shape a, Shape b) => Math.Sqrt(Math.Pow((Lx(a) - Lx(b)) / sx, 2) + Math.Pow((Ly(a) - Ly(b)) / sy, 2));

        while (chosen.Count < size)
        {
            var far = _candidates.Where(c => !chosen.Contains(c.Shape))
                .MaxBy(c => chosen.Min(s => Distance(s, c.Shape)))!.Shape;
            chosen.Add(far);
            yield return (far, "initial sample: farthest from the shapes already sampled");
        }
    }

    private (SearchCandidate? Next, string Why, StopReason Stop) NextForCost(List<TrainedShape> trained, List<SearchCandidate> untrained)
    {
        double limit = _minAccuracy!.Value;
        var cost = _candidates.ToDictionary(c => c.Shape, c => c.Cost);
        var choice = trained.Where(t => t.ValidationAccuracy >= limit).Select(t => cost[t.Shape]).DefaultIfEmpty(double.PositiveInfinity).Min();

        var open = untrained
            .Where(c => c.Cost < choice)
            .Select(c => (Candidate: c, P: _model.Predict(c.Shape).ProbabilityAtLeast(limit)))
            .Where(x => x.P >= OpenProbability)
            .ToList();
        if (open.Count == 0)
            return (null, "", double.IsPositiveInfinity(choice) ? StopReason.AccuracyOutOfReach : StopReason.Settled);

        // Cheapest shape predicted to pass; when none is, the one most likely to pass.
        var likely = open.FirstOrDefault(x => x.P >= 0.5);
        if (likely.Candidate is not null)
            return (likely.Candidate, $"cheapest shape predicted to reach the accuracy limit (P={likely.P:0.00})", StopReason.Settled);
        var best = open.MaxBy(x => x.P);
        return (best.Candidate, $"most likely of the cheaper shapes to reach the accuracy limit (P={best.P:0.00})", StopReason.Settled);
    }

    private (SearchCandidate? Next, string Why, StopReason Stop) NextForAccuracy(List<TrainedShape> trained, List<SearchCandidate> untrained)
    {
        double best = trained.Max(t => t.ValidationAccuracy);
        var open = untrained
            .Select(c => (Candidate: c, Prediction: _model.Predict(c.Shape)))
            .Select(x => (x.Candidate, x.Prediction, P: x.Prediction.ProbabilityAtLeast(best + MinimumImprovement)))
            .Where(x => x.P >= OpenProbability)
            .ToList();
        if (open.Count == 0) return (null, "", StopReason.Settled);
        // Optimistic choice (upper confidence bound), cheaper first on ties.
        var next = open.MaxBy(x => x.Prediction.Upper(1.0));
        return (next.Candidate, $"highest optimistic accuracy {next.Prediction.Upper(1.0):P1} (P(better than best)={next.P:0.00})", StopReason.Settled);
    }

    private SearchOutcome Finish(List<TrainedShape> trained, StopReason reason)
    {
        _model.Fit(trained.Select(t => (t.Shape, t.ValidationAccuracy)).ToList());
        var predictions = _candidates.ToDictionary(c => c.Shape, c => _model.Predict(c.Shape));
        return new SearchOutcome(trained, reason, predictions);
    }
}
