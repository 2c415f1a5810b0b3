using System.Text.Json;
using ShapeDnn.Core.Tests.Replay;
using ShapeDnn.Search;
using ShapeDnn.Search.LearningCurves;

namespace ShapeDnn.Core.Tests.Search;

public class LearningCurveModelTests
{
    private static List<double[]> MeasuredCurves() => File.ReadLines(GroundTruthFiles.Gpu)
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("validationCurve").EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToList();

    [Test]
    public void A_complete_curve_predicts_its_own_final_value()
    {
        var model = new LearningCurveModel(3, LearningCurvePrior.OneCycleCosine);
        var p = model.PredictFinal([0.7, 0.8, 0.9]);
        Assert.That(p.Mean, Is.EqualTo(0.9).Within(1e-4));
        Assert.That(p.StandardDeviation, Is.EqualTo(LearningCurveModel.SeedNoise).Within(1e-6));
    }

    [Test]
    public void The_later_the_epoch_the_narrower_the_prediction()
    {
        var model = new LearningCurveModel(10, LearningCurvePrior.OneCycleCosine);
        var curve = MeasuredCurves()[0];
        var widths = Enumerable.Range(1, 9).Select(k => model.PredictFinal(curve[..k]).StandardDeviation).ToList();
        Assert.That(widths, Is.Ordered.Descending);
    }

    [Test]
    public void Its_stop_probability_is_calibrated_on_the_measured_curves()
    {
        // Leave one curve out: the model learns from the others (as a search does from its complete runs)
        // and says how likely the held-out run ends at or above its true final value plus 0.5 pp and minus 0.5 pp.
        var curves = MeasuredCurves();
        int wrongStops = 0, decisions = 0;
        for (int i = 0; i < curves.Count; i++)
        {
            var model = new LearningCurveModel(10, LearningCurvePrior.OneCycleCosine);
            foreach (var other in curves.Where((_, j) => j != i).Take(3)) model.Observe(other);
            for (int k = 1; k < 10; k++)
            {
                double truth = curves[i][^1];
                // A stop against a threshold the run does reach is a wrong stop.
                if (model.ProbabilityAtLeast(curves[i][..k], truth - 0.001) < ShapeSearch.StopProbability) wrongStops++;
                decisions++;
            }
        }
        Assert.That(wrongStops / (double)decisions, Is.LessThanOrEqualTo(ShapeSearch.StopProbability), $"{wrongStops} wrong stops in {decisions}");
    }

    [Test]
    public void Stop_rules_never_stop_a_run_at_its_last_epoch()
    {
        var rule = new StopRule(3, _ => "always");
        Assert.That(rule.ShouldStop([0.5]), Is.EqualTo("always"));
        Assert.That(rule.ShouldStop([0.5, 0.6, 0.7]), Is.Null);
        Assert.That(rule.ShouldStop([]), Is.Null);
    }
}
