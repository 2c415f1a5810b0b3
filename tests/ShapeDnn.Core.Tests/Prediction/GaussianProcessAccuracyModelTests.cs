using ShapeDnn.DesignSpace;
using ShapeDnn.Prediction;

namespace ShapeDnn.Core.Tests.Prediction;

public class GaussianProcessAccuracyModelTests
{
    private static readonly DesignSpaceSpec Space = DesignSpaceSpec.Paper;

    private static GaussianProcessAccuracyModel Fitted(params (int D, double W, double Acc)[] points)
    {
        var model = new GaussianProcessAccuracyModel(Space);
        model.Fit(points.Select(p => (new Shape(p.D, p.W), p.Acc)).ToList());
        return model;
    }

    [Test]
    public void Should_reproduce_measured_points_within_the_noise()
    {
        var model = Fitted((10, 1, 0.90), (64, 10, 0.95), (28, 3, 0.93), (16, 1.5, 0.915));
        Assert.That(model.Predict(new Shape(28, 3)).Mean, Is.EqualTo(0.93).Within(0.006));
        Assert.That(model.Predict(new Shape(10, 1)).Mean, Is.EqualTo(0.90).Within(0.006));
    }

    [Test]
    public void Should_correlate_close_shapes_more_than_distant_ones_and_never_fully_because_of_seed_noise()
    {
        var model = Fitted((10, 1, 0.90), (16, 1.5, 0.91), (10, 2, 0.915));
        Shape a = new(28, 3), near = new(28, 4), far = new(64, 10);
        Assert.That(model.Correlation(a, a), Is.EqualTo(1));
        Assert.That(model.Correlation(a, near), Is.EqualTo(model.Correlation(near, a)).Within(1e-12));
        Assert.That(model.Correlation(a, near), Is.GreaterThan(model.Correlation(a, far)));
        Assert.That(model.Correlation(a, near), Is.LessThan(1), "each measurement has its own seed noise");
        Assert.That(model.Correlation(a, far), Is.InRange(-1.0, 1.0));
    }

    [Test]
    public void Should_be_less_certain_far_from_measurements()
    {
        var model = Fitted((10, 1, 0.90), (16, 1.5, 0.91), (10, 2, 0.915));
        var near = model.Predict(new Shape(16, 1));
        var far = model.Predict(new Shape(64, 10));
        Assert.That(far.StandardDeviation, Is.GreaterThan(near.StandardDeviation));
        Assert.That(near.StandardDeviation, Is.GreaterThanOrEqualTo(GaussianProcessAccuracyModel.MinimumNoise));
    }

    [Test]
    public void Should_predict_between_neighbours_on_a_smooth_surface()
    {
        var model = Fitted((10, 1, 0.90), (10, 4, 0.93), (40, 1, 0.92), (40, 4, 0.95));
        var mid = model.Predict(new Shape(22, 2)).Mean;
        Assert.That(mid, Is.InRange(0.905, 0.945));
    }

    [Test]
    public void Should_fall_back_to_the_prior_before_any_measurement()
    {
        var model = new GaussianProcessAccuracyModel(Space);
        Assert.That(model.Predict(new Shape(10, 1)).StandardDeviation, Is.EqualTo(GaussianProcessAccuracyModel.PriorScale));
    }

    [TestCase(0.90, 0.01, 0.90, 0.5)]
    [TestCase(0.92, 0.01, 0.90, 0.977)]
    [TestCase(0.88, 0.01, 0.90, 0.023)]
    public void Should_compute_tail_probabilities_of_a_normal(double mean, double sd, double threshold, double expected) =>
        Assert.That(new AccuracyPrediction(mean, sd).ProbabilityAtLeast(threshold), Is.EqualTo(expected).Within(0.002));
}
