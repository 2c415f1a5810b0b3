using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Prediction;
using ShapeDnn.Search.LearningCurves;

namespace ShapeDnn.Search;

/// <summary>
/// The Shape_DNN loop, cost-aware and with learning-curve early stopping: train where the choice is
/// still open, cheapest answer first; stop each training as soon as its curve shows it cannot change
/// the choice; stop the search when no shape has a <see cref="OpenProbability"/> chance of changing
/// it (the budget is only a ceiling). It decides which shape to train next and when a training may
/// stop; training itself is a callback, so the loop is pure and deterministic, and its decisions do
/// not depend on whether a result came from the cache or in which order concurrent trainings finished.
/// </summary>
/// <remarks>
/// For a cost goal with an accuracy limit the optimum is the cheapest shape that reaches the limit,
/// so the search starts at the cheap end (cheap to train, and the answer whenever the limit is low)
/// and climbs: each shape that fails is stopped after its first epochs, and by the structure of the
/// space (<see cref="MonotoneBounds"/>) it rules out every shape it dominates; the Gaussian process
/// over (log depth, log width) carries what the trainings showed to the rest. For MaximizeAccuracy
/// it starts from the most capable shape of at most the median training cost and trains others only while their
/// expected improvement per training second is worth it, stopping them against the best complete run.
/// </remarks>
public sealed class ShapeSearch
{
    /// <summary>Probability below which an untrained shape is considered unable to change the choice (the stated confidence of "settled").</summary>
    public const double OpenProbability = 0.1;

    /// <summary>
    /// A training is stopped when the probability that it ends where it could change the choice falls below this.
    /// A stop is a verdict the search does not revisit; at 0.05 the replay's one GPU miss (frugal-94-b128) was a
    /// stopped run that would have qualified. 0.02: all 22 suite cases and 52 of 53 sweep cases right, for 0.180
    /// and 0.149 of exhaustive training (0.05: 21 and 51, at 0.164 and 0.156).
    /// </summary>
    public const double StopProbability = 0.02;

    /// <summary>Accuracy gain (fraction) that counts as an improvement when maximising accuracy: the ground truth shows 0.18 pp of seed noise per run, so a smaller difference between two runs is not a real one.</summary>
    public const double MinimumImprovement = 0.003;

    /// <summary>
    /// Smallest chance of changing the choice that earns a cost goal's proposal a place in a batch of
    /// concurrent trainings (<see cref="SpeculativeBatch"/>): the chance that it reaches the limit while every
    /// cheaper proposal of the batch does not. Below the 10 % of "settled" because a slot the GPU has room for
    /// costs a round little time: in the model of <c>benchmarks/ground-truth/replay-wall.py</c> (the suite's GPU
    /// cases, each round as long as its longest training slowed by the H200's measured throughput with 1 to 8
    /// trainings at once), 0.05 at 4 at a time takes 2,206 modelled seconds against 2,353 for filling every
    /// slot, for 8 % less training, and 0.1 takes 2,294 (more rounds); at 8 at a time, where the GPU is full,
    /// 0.1 is quickest (3,379 s; 0.05: 3,519 s; every slot: 4,126 s). The default of 4 at a time makes 0.05 the choice.
    /// </summary>
    public const double JoinProbability = 0.05;

    /// <summary>Expected fraction of a run spent before it is stopped, when it fails (for the expected cost of a training): what the ground-truth replays show.</summary>
    private const double FractionWhenStopped = 0.8;

    // Mutable only through MeasureBeforeTraining: a predicted cost becomes a measured one, and the order follows.
    private List<SearchCandidate> _candidates;
    private readonly Goal _goal;
    private readonly double? _minAccuracy;
    private readonly SearchSettings _settings;
    // One model per family: accuracy over one family's depth and width says nothing about another's.
    private readonly Dictionary<string, GaussianProcessAccuracyModel> _models;
    private Dictionary<Shape, int> _order;

    /// <summary>Creates a search over <paramref name="candidates"/> (already filtered).</summary>
    /// <exception cref="ArgumentException">No candidates, or a budget below one shape.</exception>
    public ShapeSearch(IReadOnlyList<SearchCandidate> candidates, Goal goal, double? minAccuracy, SearchSettings settings)
    {
        if (candidates.Count == 0) throw new ArgumentException("The search needs at least one feasible shape.", nameof(candidates));
        if (!(settings.MaxShapeEquivalents >= 1)) throw new ArgumentException("The budget must allow at least one trained shape.", nameof(settings));
        (_candidates, _order) = Ordered(candidates);
        _goal = goal;
        _minAccuracy = minAccuracy;
        _settings = settings;
        _models = _candidates.GroupBy(c => c.Shape.Family).ToDictionary(g => g.Key, g => new GaussianProcessAccuracyModel(g.Select(c => c.Shape)));
    }

    /// <summary>A fixed order (cost, then depth, then width) makes every decision deterministic.</summary>
    private static (List<SearchCandidate>, Dictionary<Shape, int>) Ordered(IEnumerable<SearchCandidate> candidates)
    {
        var ordered = candidates.OrderBy(c => c.Cost).ThenBy(c => c.Shape.Depth).ThenBy(c => c.Shape.Width).ToList();
        return (ordered, ordered.Select((c, i) => (c.Shape, i)).ToDictionary(x => x.Shape, x => x.i));
    }

    /// <summary>
    /// Before a cost goal trains a shape whose cost was predicted, the cost is measured
    /// (<see cref="SearchSettings.MeasureCost"/>): a measurement takes a second or two, a training tens
    /// of seconds, and the measured cost may put the shape behind another or above the best complete run,
    /// where training it cannot change the choice. Returns whether any cost changed (the caller ranks again).
    /// </summary>
    private bool MeasureBeforeTraining(IEnumerable<SearchCandidate> picks)
    {
        if (_settings.MeasureCost is not { } measure) return false;
        var predicted = picks.Where(c => c.CostIsPredicted).ToList();
        if (predicted.Count == 0) return false;
        var measured = predicted.ToDictionary(c => c.Shape, c => measure(c.Shape));
        (_candidates, _order) = Ordered(_candidates.Select(c => measured.TryGetValue(c.Shape, out double exact) ? c with { Cost = exact, LowestCost = exact } : c));
        return true;
    }

    /// <summary>A search whose trainings report only a final accuracy (no early stopping), at most <paramref name="maxTrained"/> shapes.</summary>
    public ShapeSearch(IReadOnlyList<SearchCandidate> candidates, Goal goal, double? minAccuracy, int maxTrained)
        : this(candidates, goal, minAccuracy, new SearchSettings(1, maxTrained))
    {
    }

    /// <summary>Runs the loop one shape at a time; <paramref name="evaluate"/> trains a shape (or takes it from the cache) and returns its final validation accuracy.</summary>
    public SearchOutcome Run(Func<Shape, string, double> evaluate, CancellationToken cancellationToken = default) =>
        Run(batch => batch.Select(p => EvaluationResult.Trained(evaluate(p.Shape, p.Why))).ToList(), 1, cancellationToken);

    /// <summary>
    /// Runs the loop proposing up to <paramref name="parallel"/> shapes at a time (the top of the
    /// ranking of open candidates), so that a caller can train them concurrently.
    /// <paramref name="evaluateBatch"/> must return one result per proposal, in the proposals' order,
    /// and should honour each proposal's <see cref="ShapeProposal.Stop"/> rule after every epoch;
    /// decisions then depend only on the results, never on completion order.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="parallel"/> below 1, or a result list of the wrong length.</exception>
    public SearchOutcome Run(Func<IReadOnlyList<ShapeProposal>, IReadOnlyList<EvaluationResult>> evaluateBatch, int parallel, CancellationToken cancellationToken = default)
    {
        if (parallel < 1) throw new ArgumentOutOfRangeException(nameof(parallel), parallel, "At least one shape must be trained at a time.");
        var state = new SearchState(evaluateBatch, _settings.Epochs);
        bool costGoal = _goal != Goal.MaximizeAccuracy;

        if (costGoal && _minAccuracy is null)
        {
            // The cheapest trainable shape is the choice; a skipped one hands over to the next cheapest.
            while (_candidates.FirstOrDefault(c => state.Open(c.Shape) && c.Cost < double.PositiveInfinity) is { } candidate)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_settings.TimeUp?.Invoke() == true) return Finish(state, StopReason.TimeBudget);
                if (MeasureBeforeTraining([candidate])) continue;
                state.Evaluate([new Pick(candidate, "cheapest feasible shape (no accuracy limit)", null, StopRule.Never(_settings.Epochs))]);
                if (state.Records.Count > 0) break;
            }
            return Finish(state, StopReason.NoAccuracyLimit);
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_settings.TimeUp?.Invoke() == true) return Finish(state, StopReason.TimeBudget);
            var view = new SearchView(this, state);
            var untried = _candidates.Where(c => state.Open(c.Shape)).ToList();
            if (untried.Count == 0) return Finish(state, StopReason.AllTrained);

            if (state.Records.Count == 0)
            {
                // Nothing measured yet (or every shape tried so far could not be trained): the first proposals.
                var first = FirstPicks(untried, parallel, costGoal, view);
                if (costGoal && MeasureBeforeTraining(first.Select(p => p.Candidate))) continue;
                state.Evaluate(first);
                continue;
            }
            var (ranked, stop) = costGoal ? view.RankForCost(untried) : view.RankForAccuracy(untried);
            if (ranked.Count == 0) return Finish(state, stop);
            if (state.SpentShapes >= _settings.MaxShapeEquivalents) return Finish(state, StopReason.BudgetSpent);
            // The ceiling is exact: a batch never takes more than the training left.
            int left = Math.Max(1, (int)Math.Ceiling(_settings.MaxShapeEquivalents - state.SpentShapes - 1e-9));
            int capacity = Math.Min(parallel, left);
            // For a cost goal a costlier proposal matters only where every cheaper one of its batch fails: it joins
            // the batch only while that chance is worth a concurrent training (a full GPU slows the others).
            var batch = ranked.Take(costGoal ? view.BatchLength(ranked, capacity) : capacity).ToList();
            // The last batch the ceiling allows, and nothing has met MinAccuracy yet: rather than let the walk end
            // with nothing to deliver, one of its runs goes to the shape most likely to meet it at the top of the space.
            if (_settings.MaxShapeEquivalents - state.SpentShapes <= batch.Count && view.LastChance(untried) is { } last
                && !batch.Any(p => p.Candidate == last.Candidate))
                batch = [last, .. batch.Take(batch.Count - 1)];
            if (costGoal && MeasureBeforeTraining(batch.Select(p => p.Candidate))) continue;
            state.Evaluate(batch);
        }
    }

    /// <summary>
    /// The first proposals, before anything is known: for a cost goal the cheapest shapes (the answer
    /// when the limit is low, and cheap to rule out when it is not); for MaximizeAccuracy one shape of
    /// at most the median training cost that the prior trend ranks most accurate (deepest and widest
    /// in scaled log depth + log width): a high reference closes the shapes it covers, and the cap
    /// keeps the most expensive shapes out of the default start. (The large shape cheapest to train,
    /// the rule before, is on a GPU always the shallowest wide one, since width costs nothing there.)
    /// </summary>
    private List<Pick> FirstPicks(List<SearchCandidate> untried, int parallel, bool costGoal, SearchView view)
    {
        if (costGoal)
            // A shape the device could not measure (cost +∞) cannot be delivered, so it is not worth training.
            return untried.Where(c => c.Cost < double.PositiveInfinity).Take(parallel).Select((c, i) => new Pick(c, i == 0 ? "first: the cheapest feasible shape" : "first: among the cheapest feasible shapes", null, view.StopRuleFor(c))).ToList();
        double medianWeight = untried.Select(c => c.TrainingWeight).OrderBy(x => x).ElementAt(untried.Count / 2);
        var reference = untried.Where(c => c.TrainingWeight <= medianWeight)
            .OrderByDescending(c => TrendPosition(c.Shape, untried)).ThenBy(c => c.TrainingWeight).First(); // stable: then the candidate order
        return [new Pick(reference, "first: the most capable shape of at most the median training cost (reference for the others)", null, view.StopRuleFor(reference))];
    }

    /// <summary>Scaled log depth + scaled log width of a shape within its family's candidates: where the prior trend (accuracy rises with both) ranks it, 0 … 2.</summary>
    private static double TrendPosition(Shape shape, List<SearchCandidate> candidates)
    {
        var family = candidates.Select(c => c.Shape).Where(s => s.Family == shape.Family).ToList();
        static double Scaled(double v, double lo, double hi) => hi > lo ? Math.Log(v / lo) / Math.Log(hi / lo) : 0;
        return Scaled(shape.Depth, family.Min(s => s.Depth), family.Max(s => s.Depth)) + Scaled(shape.Width, family.Min(s => s.Width), family.Max(s => s.Width));
    }

    private SearchOutcome Finish(SearchState state, StopReason reason)
    {
        var view = new SearchView(this, state);
        var predictions = new Dictionary<Shape, AccuracyPrediction>();
        if (state.Records.Count > 0)
            foreach (var c in _candidates.Where(c => !state.IsSkipped(c.Shape)))
                predictions[c.Shape] = view.Predict(c.Shape);
        var trained = state.Records.Values.OrderBy(r => r.Round).Select(r => new TrainedShape(r.Shape, r.Round, r.Why, r.PredictedBefore, r.Curve[^1])
        {
            Curve = r.Curve.ToArray(),
            Completed = r.Completed,
            StoppedBecause = r.StoppedBecause,
            Batch = r.Batch,
        }).ToList();
        return new SearchOutcome(trained, reason, predictions) { Skipped = state.Skipped, ShapesSpent = state.SpentShapes };
    }

    /// <summary>A proposal before it gets its round.</summary>
    /// <param name="Candidate">The shape and its cost.</param>
    /// <param name="Why">Why it is proposed (the report's reason).</param>
    /// <param name="Prediction">What the predictor expects of it; null before anything is known.</param>
    /// <param name="Stop">Its per-epoch stop rule.</param>
    /// <param name="Chance">Its probability of reaching the accuracy limit (1 where the ranking does not say).</param>
    private sealed record Pick(SearchCandidate Candidate, string Why, AccuracyPrediction? Prediction, StopRule Stop, double Chance = 1);

    /// <summary>What one run has trained and skipped so far; hands out rounds in proposal order.</summary>
    private sealed class SearchState(Func<IReadOnlyList<ShapeProposal>, IReadOnlyList<EvaluationResult>> evaluateBatch, int epochs)
    {
        private int _proposed, _batches;

        public Dictionary<Shape, ShapeRecord> Records { get; } = [];
        public List<SkippedShape> Skipped { get; } = [];

        /// <summary>Training spent so far, in complete trainings (a run stopped after k of E epochs counts k/E).</summary>
        public double SpentShapes => Records.Values.Sum(r => r.Completed ? 1.0 : r.Curve.Count / (double)epochs);

        public bool IsSkipped(Shape shape) => Skipped.Any(s => s.Shape == shape);

        /// <summary>
        /// Whether the shape may still be proposed: not trained and not skipped. A run this search stopped
        /// stays stopped: its rule's threshold can only have risen since (MinAccuracy is fixed, the best
        /// complete run only improves). A later search resumes it from the cache if it needs more.
        /// </summary>
        public bool Open(Shape shape) => !IsSkipped(shape) && !Records.ContainsKey(shape);

        public void Evaluate(IReadOnlyList<Pick> batch)
        {
            var proposals = batch.Select(b => new ShapeProposal(b.Candidate.Shape, ++_proposed, b.Why, b.Prediction) { Stop = b.Stop }).ToList();
            var results = evaluateBatch(proposals);
            _batches++;
            if (results.Count != proposals.Count)
                throw new ArgumentException($"The evaluation returned {results.Count} results for {proposals.Count} proposals.");
            foreach (var (proposal, result) in proposals.Zip(results))
            {
                if (result.Curve is { } curve)
                    Records[proposal.Shape] = new ShapeRecord(proposal.Shape, proposal.Round, proposal.Why, proposal.PredictedBefore, curve, result.Completed, result.StoppedBecause) { Batch = _batches };
                else
                    Skipped.Add(new SkippedShape(proposal.Shape, result.SkipReason ?? "not trainable"));
            }
        }
    }

    /// <summary>One shape's training so far.</summary>
    private sealed record ShapeRecord(Shape Shape, int Round, string Why, AccuracyPrediction? PredictedBefore, IReadOnlyList<double> Curve, bool Completed, string? StoppedBecause)
    {
        public int Batch { get; init; } = 1;

        public double Final => Curve[^1];
    }

    /// <summary>The search's knowledge at one decision point: learning-curve model, predictor and monotone bounds fitted to every run so far.</summary>
    private sealed class SearchView
    {
        private readonly ShapeSearch _search;
        private readonly SearchState _state;
        private readonly MonotoneBounds _bounds;

        public SearchView(ShapeSearch search, SearchState state)
        {
            _search = search;
            _state = state;
            Curves = new LearningCurveModel(search._settings.Epochs, search._settings.CurvePrior);
            foreach (var r in state.Records.Values.OrderBy(r => r.Round).Where(r => r.Completed)) Curves.Observe(r.Curve);

            var known = new List<(Shape, double, double)>();
            var fit = new List<(Shape, double, double)>();
            foreach (var r in state.Records.Values.OrderBy(r => r.Round))
            {
                var p = Final(r);
                // A complete run bounds the others at its measured value: the monotone tolerance was
                // measured between measured accuracies, so it already holds their seed noise. A run
                // stopped early bounds them within its prediction's ±2σ.
                double band = r.Completed ? 0 : 2 * p.StandardDeviation;
                known.Add((r.Shape, p.Mean - band, p.Mean + band));
                fit.Add((r.Shape, p.Mean, r.Completed ? 0 : p.StandardDeviation));
            }
            _bounds = new MonotoneBounds(known, search._settings.MonotoneTolerance);
            foreach (var family in fit.GroupBy(f => f.Item1.Family)) search._models[family.Key].Fit(family.ToList());
        }

        public LearningCurveModel Curves { get; }

        private AccuracyPrediction Final(ShapeRecord r) =>
            r.Completed ? new AccuracyPrediction(r.Final, LearningCurveModel.SeedNoise) : Curves.PredictFinal(r.Curve);

        /// <summary>The final accuracy a shape is expected to reach: measured, from its curve, or from the predictor within the monotone bounds.</summary>
        public AccuracyPrediction Predict(Shape shape)
        {
            if (_state.Records.TryGetValue(shape, out var r)) return Final(r);
            var p = _search._models[shape.Family].Predict(shape);
            var (lower, upper) = _bounds.For(shape);
            return p with { Mean = Math.Clamp(p.Mean, lower, upper) };
        }

        /// <summary>Probability that the shape's final accuracy is at least <paramref name="threshold"/>.</summary>
        public double ProbabilityAtLeast(Shape shape, double threshold)
        {
            if (_state.Records.TryGetValue(shape, out var r))
                return r.Completed ? (r.Final >= threshold ? 1 : 0) : Curves.ProbabilityAtLeast(r.Curve, threshold);
            var (lower, upper) = _bounds.For(shape);
            return _search._models[shape.Family].Predict(shape).ProbabilityAtLeast(threshold, lower, upper);
        }

        /// <summary>Expected training cost of (the rest of) a shape's run, relative: stopped runs cost part of a full one.</summary>
        private double ExpectedCost(SearchCandidate c, double success)
        {
            return c.TrainingWeight * (success + (1 - success) * FractionWhenStopped);
        }

        /// <summary>The threshold a run must be able to reach to matter (null: every run matters), and how the stop reason says it.</summary>
        private (double? Threshold, string What) Target()
        {
            double? limit = _search._minAccuracy;
            if (_search._goal != Goal.MaximizeAccuracy) return (limit, $"MinAccuracy {limit:P1}");
            var best = BestComplete();
            if (best is null) return (limit, $"MinAccuracy {limit:P1}");
            double beat = best.Final + MinimumImprovement;
            return limit is { } l && l > beat ? (l, $"MinAccuracy {l:P1}") : (beat, $"{best.Shape.Name}'s {best.Final:P2} + {MinimumImprovement * 100:0.#} pp");
        }

        private ShapeRecord? BestComplete() => _state.Records.Values
            .Where(r => r.Completed && (_search._minAccuracy is null || r.Final >= _search._minAccuracy))
            .OrderByDescending(r => r.Final).ThenBy(r => _search._order[r.Shape]).FirstOrDefault();

        /// <summary>
        /// The per-epoch rule for a shape proposed now: stop once the curve shows it cannot reach the target.
        /// <paramref name="withNeighbours"/>: whether what the other shapes predict for this one joins its curve
        /// (not for a run that is there to test that prediction, see <see cref="BeforeGivingUp"/>).
        /// </summary>
        public StopRule StopRuleFor(SearchCandidate candidate, bool withNeighbours = true)
        {
            var (threshold, what) = Target();
            int epochs = _search._settings.Epochs;
            if (threshold is not { } t) return StopRule.Never(epochs);
            // The learning-curve prior knows one family's curves; judged by it, DenseNet-BC and mobile runs that reach the
            // limit were stopped after their first epochs (benchmarks/RESULTS.md, the families on the CPU and the GPU).
            if (candidate.Shape.Family != _search._settings.CurvePrior.FittedFamily) return StopRule.Never(epochs);
            var curves = Curves;
            // What the other shapes say about this one (the predictor, within the monotone bounds),
            // as a prior that the shape's own curve updates: two independent estimates of one final value.
            AccuracyPrediction? neighbours = withNeighbours && _state.Records.Count > 0 ? Predict(candidate.Shape) : null;
            return new StopRule(epochs, curve =>
            {
                double p = neighbours is { } prior ? Combined(prior, curves.PredictFinal(curve)).ProbabilityAtLeast(t) : curves.ProbabilityAtLeast(curve, t);
                return p < StopProbability ? $"stopped after epoch {curve.Count}: {Percent(curve[^1])} now, P(final ≥ {what}) = {p:0.00}" : null;
            });
        }

        /// <summary>Precision-weighted combination of two independent normal estimates.</summary>
        private static AccuracyPrediction Combined(AccuracyPrediction a, AccuracyPrediction b)
        {
            double wa = 1 / Math.Max(1e-12, a.StandardDeviation * a.StandardDeviation), wb = 1 / Math.Max(1e-12, b.StandardDeviation * b.StandardDeviation);
            return new AccuracyPrediction((a.Mean * wa + b.Mean * wb) / (wa + wb), Math.Sqrt(1 / (wa + wb)));
        }

        /// <summary>Open candidates for a cost goal, best first: the cheapest predicted to pass, then by chance of passing × saving per training second.</summary>
        public (List<Pick> Ranked, StopReason Stop) RankForCost(List<SearchCandidate> untried)
        {
            double limit = _search._minAccuracy!.Value;
            double incumbent = _state.Records.Values.Where(r => r.Completed && r.Final >= limit)
                .Select(r => _search._candidates[_search._order[r.Shape]].Cost).DefaultIfEmpty(double.PositiveInfinity).Min();
            var open = untried.Where(c => c.LowestCost < incumbent)
                .Select(c => (Candidate: c, P: ProbabilityAtLeast(c.Shape, limit)))
                .Where(x => x.P >= OpenProbability)
                .ToList();
            if (open.Count == 0)
                return double.IsPositiveInfinity(incumbent) ? BeforeGivingUp(untried) : ([], StopReason.Settled);

            // The cheapest open shape first: the answer is the cheapest shape that reaches the limit, so
            // every open shape cheaper than the answer must be trained (most stop after their first
            // epochs) and nothing costlier ever needs to be. Whole regions drop out without training as
            // the predictor and the monotone bounds learn from each run. Training a large shape to rule
            // out the shapes it dominates (bisection) was measured and spent more: near the limit a
            // dominator fails by less than seed noise, which rules out nothing (docs/search.md).
            var ranked = open
                .Select(x => new Pick(x.Candidate, $"cheapest open shape (P(reaches the limit)={x.P:0.00})", Predict(x.Candidate.Shape), StopRuleFor(x.Candidate), x.P))
                .ToList();
            return (ranked, StopReason.Settled);
        }

        /// <summary>How many of a cost goal's <paramref name="ranked"/> picks to train together (<see cref="SpeculativeBatch"/>).</summary>
        public int BatchLength(List<Pick> ranked, int capacity)
        {
            var picks = ranked.Take(capacity).ToList();
            double Correlation(int i, int j)
            {
                Shape a = picks[i].Candidate.Shape, b = picks[j].Candidate.Shape;
                return a.Family == b.Family ? _search._models[a.Family].Correlation(a, b) : 0;
            }
            return SpeculativeBatch.Length(picks.Select(p => p.Chance).ToList(), Correlation, _search._settings.JoinProbability, capacity);
        }

        /// <summary>Open candidates for the accuracy goal: by expected improvement over the best complete run per training second.</summary>
        public (List<Pick> Ranked, StopReason Stop) RankForAccuracy(List<SearchCandidate> untried)
        {
            var (threshold, _) = Target();
            var best = BestComplete();
            double reference = best?.Final ?? _search._minAccuracy ?? 0;
            var ranked = untried
                .Select(c => (Candidate: c, Prediction: Predict(c.Shape), P: threshold is { } t ? ProbabilityAtLeast(c.Shape, t) : 1))
                .Where(x => x.P >= OpenProbability)
                .Select(x => (x.Candidate, x.Prediction, x.P, Value: x.P * Math.Max(1e-6, x.Prediction.ExpectedImprovement(reference)) / ExpectedCost(x.Candidate, x.P)))
                .OrderByDescending(x => x.Value) // stable: ties keep the cheaper-first candidate order
                .Select(x => new Pick(x.Candidate, best is null
                        ? $"most likely to reach the accuracy limit per training second (P={x.P:0.00})"
                        : $"largest expected gain over {best.Shape.Name} per training second (P(better)={x.P:0.00})",
                    x.Prediction, StopRuleFor(x.Candidate)))
                .ToList();
            if (ranked.Count == 0 && best is null && _search._minAccuracy is not null) return BeforeGivingUp(untried);
            return (ranked, StopReason.Settled);
        }

        /// <summary>
        /// While no complete run meets MinAccuracy: the run <see cref="BeforeGivingUp"/> would propose (for the last
        /// batch the ceiling allows); null once one does, without MinAccuracy, or when no shape is left for it.
        /// </summary>
        public Pick? LastChance(List<SearchCandidate> untried)
        {
            if (_search._minAccuracy is not { } limit || _state.Records.Values.Any(r => r.Completed && r.Final >= limit)) return null;
            var (ranked, _) = BeforeGivingUp(untried);
            return ranked.FirstOrDefault() is { } pick ? pick with { Why = $"the last run the budget allows, nothing meets MinAccuracy yet: {pick.Why[GivingUp.Length..]}" } : null;
        }

        /// <summary>
        /// Nothing has reached the accuracy limit and the predictor expects nothing to: before the
        /// search gives up, the most capable shape left (one that no untried shape is at least as deep
        /// and as wide as, and that the monotone bounds still let reach the limit; the one the predictor
        /// gives the best chance) is trained, so that "out of reach" rests on measurements at the top of
        /// the space, not on extrapolation from its cheap end.
        /// </summary>
        private const string GivingUp = "before giving up: ";

        private (List<Pick> Ranked, StopReason Stop) BeforeGivingUp(List<SearchCandidate> untried)
        {
            double limit = _search._minAccuracy!.Value;
            // The most capable shapes left: no untried shape is at least as deep and as wide. A trained one that is
            // does not close them while the monotone bounds still let them reach the limit (it may have failed by
            // less than the tolerance: WRN-40-8's 95.26 % leaves room for WRN-40-6's 95.52 %).
            var top = untried.Where(c => !untried.Any(o => o != c && o.Shape.Covers(c.Shape)) && _bounds.For(c.Shape).Upper >= limit)
                .Select(c => (Candidate: c, P: ProbabilityAtLeast(c.Shape, limit)))
                .OrderByDescending(x => x.P).ThenBy(x => x.Candidate.TrainingWeight).ThenBy(x => _search._order[x.Candidate.Shape]).FirstOrDefault();
            return top.Candidate is null
                ? ([], StopReason.AccuracyOutOfReach)
                // Its stop rule reads its own curve only: the run is there to test the predictor's verdict, so that
                // verdict cannot be what stops it (on the quick budget it stopped WRN-10-4, WRN-16-1 and WRN-28-1 after
                // epoch 1 of 4, all of which end above the limit: benchmarks/RESULTS.md, robustness on random cases).
                : ([new Pick(top.Candidate, $"{GivingUp}the most capable shape left most likely to reach the limit (P={top.P:0.00})", Predict(top.Candidate.Shape),
                    StopRuleFor(top.Candidate, withNeighbours: false))], StopReason.AccuracyOutOfReach);
        }

        private static string Percent(double accuracy) => $"{accuracy * 100:0.00} %";
    }
}
