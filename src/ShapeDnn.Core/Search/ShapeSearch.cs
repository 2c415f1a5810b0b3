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
    public SearchOutcome Run(Func<Shape, string, double> evaluate, CancellationToken cancellationToken = default) =>
        Run(batch => batch.Select(p => EvaluationResult.Trained(evaluate(p.Shape, p.Why))).ToList(), 1, cancellationToken);

    /// <summary>
    /// Runs the loop proposing up to <paramref name="parallel"/> shapes at a time (the initial sample
    /// in chunks, later rounds the top of the ranking of open candidates), so that a caller can train
    /// them concurrently. <paramref name="evaluateBatch"/> must return one result per proposal, in the
    /// proposals' order; decisions then depend only on the results, never on completion order. With
    /// <paramref name="parallel"/> = 1 the decisions are those of the one-at-a-time loop.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="parallel"/> below 1, or a result list of the wrong length.</exception>
    public SearchOutcome Run(Func<IReadOnlyList<ShapeProposal>, IReadOnlyList<EvaluationResult>> evaluateBatch, int parallel, CancellationToken cancellationToken = default)
    {
        if (parallel < 1) throw new ArgumentOutOfRangeException(nameof(parallel), parallel, "At least one shape must be trained at a time.");
        var state = new RunState(evaluateBatch);
        bool costGoal = _goal != Goal.MaximizeAccuracy;

        if (costGoal && _minAccuracy is null)
        {
            // The cheapest trainable shape is the choice; a skipped one hands over to the next cheapest.
            foreach (var candidate in _candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                state.Evaluate([(candidate.Shape, "cheapest feasible shape (no accuracy limit)", null)]);
                if (state.Trained.Count > 0) break;
            }
            return Finish(state, StopReason.NoAccuracyLimit);
        }

        var sample = InitialSample().Take(_maxEvaluations).ToList();
        foreach (var chunk in sample.Chunk(parallel))
        {
            cancellationToken.ThrowIfCancellationRequested();
            state.Evaluate(chunk.Select(x => (x.Shape, x.Why, (AccuracyPrediction?)null)).ToList());
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var untrained = _candidates.Where(c => !state.Tried(c.Shape)).ToList();
            if (state.Trained.Count == 0)
            {
                // Nothing to fit yet (every sampled shape was skipped): try the cheapest shapes left.
                if (untrained.Count == 0) return Finish(state, StopReason.AllTrained);
                state.Evaluate(untrained.Take(parallel).Select(c => (c.Shape, "cheapest shape left (earlier shapes could not be trained)", (AccuracyPrediction?)null)).ToList());
                continue;
            }
            _model.Fit(state.Trained.Select(t => (t.Shape, t.ValidationAccuracy)).ToList());
            if (untrained.Count == 0) return Finish(state, StopReason.AllTrained);

            var (ranked, stop) = costGoal ? RankForCost(state.Trained, untrained) : RankForAccuracy(state.Trained, untrained);
            if (ranked.Count == 0) return Finish(state, stop);
            if (state.Trained.Count >= _maxEvaluations) return Finish(state, StopReason.BudgetSpent);

            int take = Math.Min(parallel, _maxEvaluations - state.Trained.Count);
            state.Evaluate(ranked.Take(take).Select(r => (r.Candidate.Shape, r.Why, (AccuracyPrediction?)_model.Predict(r.Candidate.Shape))).ToList());
        }
    }

    /// <summary>What one run has trained and skipped so far; hands out rounds in proposal order.</summary>
    private sealed class RunState(Func<IReadOnlyList<ShapeProposal>, IReadOnlyList<EvaluationResult>> evaluateBatch)
    {
        private int _proposed;
        public List<TrainedShape> Trained { get; } = [];
        public List<SkippedShape> Skipped { get; } = [];

        public bool Tried(Shape shape) => Trained.Any(t => t.Shape == shape) || Skipped.Any(s => s.Shape == shape);

        public void Evaluate(IReadOnlyList<(Shape Shape, string Why, AccuracyPrediction? Prediction)> batch)
        {
            var proposals = batch.Select(b => new ShapeProposal(b.Shape, ++_proposed, b.Why, b.Prediction)).ToList();
            var results = evaluateBatch(proposals);
            if (results.Count != proposals.Count)
                throw new ArgumentException($"The evaluation returned {results.Count} results for {proposals.Count} proposals.");
            foreach (var (proposal, result) in proposals.Zip(results))
            {
                if (result.ValidationAccuracy is { } accuracy)
                    Trained.Add(new TrainedShape(proposal.Shape, proposal.Round, proposal.Why, proposal.PredictedBefore, accuracy));
                else
                    Skipped.Add(new SkippedShape(proposal.Shape, result.SkipReason ?? "not trainable"));
            }
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

    /// <summary>Open candidates for a cost goal, best first: the cheapest predicted to pass, then the most likely to pass.</summary>
    private (List<(SearchCandidate Candidate, string Why)> Ranked, StopReason Stop) RankForCost(List<TrainedShape> trained, List<SearchCandidate> untrained)
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
            return ([], double.IsPositiveInfinity(choice) ? StopReason.AccuracyOutOfReach : StopReason.Settled);

        // Cheapest shapes predicted to pass (in cost order); after them, the most likely of the rest.
        var likely = open.Where(x => x.P >= 0.5)
            .Select(x => (x.Candidate, $"cheapest shape predicted to reach the accuracy limit (P={x.P:0.00})"));
        var unlikely = open.Where(x => x.P < 0.5).OrderByDescending(x => x.P)
            .Select(x => (x.Candidate, $"most likely of the cheaper shapes to reach the accuracy limit (P={x.P:0.00})"));
        return (likely.Concat(unlikely).ToList(), StopReason.Settled);
    }

    /// <summary>Open candidates for the accuracy goal, highest optimistic accuracy first (cheaper first on ties).</summary>
    private (List<(SearchCandidate Candidate, string Why)> Ranked, StopReason Stop) RankForAccuracy(List<TrainedShape> trained, List<SearchCandidate> untrained)
    {
        double best = trained.Max(t => t.ValidationAccuracy);
        var ranked = untrained
            .Select(c => (Candidate: c, Prediction: _model.Predict(c.Shape)))
            .Select(x => (x.Candidate, x.Prediction, P: x.Prediction.ProbabilityAtLeast(best + MinimumImprovement)))
            .Where(x => x.P >= OpenProbability)
            .OrderByDescending(x => x.Prediction.Upper(1.0)) // stable: ties keep the cheaper-first candidate order
            .Select(x => (x.Candidate, $"highest optimistic accuracy {x.Prediction.Upper(1.0):P1} (P(better than best)={x.P:0.00})"))
            .ToList();
        return (ranked, StopReason.Settled);
    }

    private SearchOutcome Finish(RunState state, StopReason reason)
    {
        var predictions = new Dictionary<Shape, AccuracyPrediction>();
        if (state.Trained.Count > 0)
        {
            _model.Fit(state.Trained.Select(t => (t.Shape, t.ValidationAccuracy)).ToList());
            // A skipped shape cannot be delivered, so it gets no prediction and cannot be chosen.
            foreach (var c in _candidates.Where(c => state.Skipped.All(s => s.Shape != c.Shape)))
                predictions[c.Shape] = _model.Predict(c.Shape);
        }
        return new SearchOutcome(state.Trained, reason, predictions) { Skipped = state.Skipped };
    }
}
