using System.Globalization;
using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Replay;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Replay;

/// <summary>
/// The replay suite of issue 9: every case of benchmarks/ground-truth/replay-cases.tsv through the real
/// search on the measured ground truth. A pick is right when its goal metric is within 3 % of the
/// exhaustive optimum's (0.3 pp for MaximizeAccuracy) and its true validation accuracy is at least
/// MinAccuracy − 0.3 pp. Each case asserts what the table claims for it (right, or the one listed miss),
/// and the suite's summed training against summed exhaustive training is held to the measured ratio.
/// </summary>
public class ReplaySuiteTests
{
    /// <summary>Summed training / summed exhaustive training over the suite, as measured (benchmarks/RESULTS.md); a search that spends more fails.</summary>
    private const double MaxSuiteSpend = 0.19;

    public sealed record Case(string Name, string File, Goal Goal, string Constraints, int BatchSize, string? Budget, string? Space, int Parallel, bool ExpectRight)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<Case> Cases() => File.ReadLines(GroundTruthFiles.Cases)
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split('\t'))
        .Select(c => new Case(c[0], c[1], Enum.Parse<Goal>(c[2]), c[3] == "-" ? "" : c[3], int.Parse(c[4], CultureInfo.InvariantCulture),
            c[5] == "-" ? null : c[5], c[6] == "-" ? null : c[6], int.Parse(c[7], CultureInfo.InvariantCulture), c.Length < 9 || c[8] != "miss"));

    private static ReplayResult Replay(Case c) => ReplaySearch.Run(new ReplayRequest(
        Path.Combine(GroundTruthFiles.Folder, c.File), ConstraintParser.Parse(c.Constraints), c.Goal, c.BatchSize,
        c.Budget is null ? null : TrainingBudget.Parse(c.Budget), c.Space is null ? null : DesignSpaceSpec.Parse(c.Space), new InputShape(1, 28, 28, 10), c.Parallel));

    private static bool IsRight(Case c, ReplayResult r)
    {
        double? limit = ConstraintParser.Parse(c.Constraints).MinAccuracy;
        bool metric = c.Goal == Goal.MaximizeAccuracy ? r.ChosenMetric >= r.ExhaustiveMetric - 0.003 : r.ChosenMetric <= 1.03 * r.ExhaustiveMetric;
        return metric && (limit is null || r.ChosenValidationAccuracy >= limit - 0.003);
    }

    [TestCaseSource(nameof(Cases))]
    public void Picks_what_exhaustive_search_picks_for_a_fraction_of_its_training(Case c)
    {
        // Given the measured ground truth, When the search replays the case
        var result = Replay(c);

        // Then the pick is right (or the one miss the table declares), and it never trains more than exhaustive search
        Assert.That(IsRight(c, result), Is.EqualTo(c.ExpectRight),
            $"{c.Name}: chose {result.Chosen} ({result.ChosenMetric}), exhaustive {result.ExhaustiveChoice} ({result.ExhaustiveMetric})");
        Assert.That(result.TrainingSeconds, Is.LessThan(result.ExhaustiveSeconds));
        Assert.That(result.Trained.Select(t => t.Shape), Does.Contain(result.Chosen));
        Assert.That(result.Trained.First(t => t.Shape == result.Chosen).Epochs, Is.EqualTo(result.Trained.Max(t => t.Epochs)), "the delivered shape is trained in full");
    }

    [Test]
    public void The_suite_is_right_on_nine_cases_in_ten_and_spends_what_was_measured()
    {
        var cases = Cases().ToList();
        var results = cases.Select(Replay).ToList();
        int right = cases.Zip(results).Count(x => IsRight(x.First, x.Second));
        double spent = results.Sum(r => r.TrainingSeconds), exhaustive = results.Sum(r => r.ExhaustiveSeconds);

        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(12));
        Assert.That(right, Is.GreaterThanOrEqualTo((int)Math.Ceiling(0.9 * cases.Count)));
        Assert.That(spent / exhaustive, Is.LessThanOrEqualTo(MaxSuiteSpend));
    }

    [Test]
    public void Replays_are_deterministic()
    {
        var c = Cases().First(x => x.Parallel > 1);
        Assert.That(Replay(c), Is.EqualTo(Replay(c)).Using<ReplayResult>((a, b) => a.Chosen == b.Chosen && a.TrainingSeconds == b.TrainingSeconds
            && a.Trained.SequenceEqual(b.Trained)));
    }
}
