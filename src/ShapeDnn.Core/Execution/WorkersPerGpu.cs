using System.Globalization;
using ShapeDnn.DesignSpace;

namespace ShapeDnn.Execution;

/// <summary>The summed training throughput of <paramref name="Workers"/> workers training the same shape at once on one GPU.</summary>
/// <param name="Workers">Workers at once.</param>
/// <param name="ImagesPerSecond">Their throughput together (training steps only).</param>
public sealed record ConcurrencyMeasurement(int Workers, double ImagesPerSecond);

/// <summary>
/// How many workers of a shape class share one GPU, from a measurement: the probe trains the shape with
/// 1, 2, 4, 8 workers at once, and each doubling is kept only while it raises the summed throughput by at
/// least <see cref="MinGain"/>. Small shapes are launch-bound and gain from company (on an H100 four small
/// shapes trained 1, 2, 4 at a time took 73.7, 42.0, 25.3 s); large ones saturate the GPU alone.
/// </summary>
public static class WorkersPerGpu
{
    /// <summary>The most workers tried on one GPU.</summary>
    public const int MaxWorkers = 8;

    /// <summary>The gain in summed throughput a doubling of the workers must bring to be kept: below it, the extra workers cost memory and time to start for nothing.</summary>
    public const double MinGain = 0.15;

    /// <summary>The worker count to measure next, given the measurements so far (in the order taken); null when the count is settled.</summary>
    public static int? Next(IReadOnlyList<ConcurrencyMeasurement> measured)
    {
        if (measured.Count == 0) return 1;
        var last = measured[^1];
        if (last.Workers >= MaxWorkers || measured.Count >= 2 && !Paid(measured[^2], last)) return null;
        return last.Workers * 2;
    }

    /// <summary>The workers per GPU the measurements support: the last count whose doubling from the one before paid.</summary>
    public static int Choose(IReadOnlyList<ConcurrencyMeasurement> measured)
    {
        int chosen = 1;
        for (int i = 1; i < measured.Count && Paid(measured[i - 1], measured[i]); i++) chosen = measured[i].Workers;
        return chosen;
    }

    private static bool Paid(ConcurrencyMeasurement fewer, ConcurrencyMeasurement more) =>
        more.ImagesPerSecond > 0 && more.ImagesPerSecond >= fewer.ImagesPerSecond * (1 + MinGain);

    /// <summary>
    /// The class of shapes that share one measurement: multiply-accumulates of one image in powers of two
    /// (on a GPU, how launch-bound a training is follows its work per image), e.g. <c>macs-2^24</c>.
    /// </summary>
    public static string ShapeClassOf(NetworkPlan plan) =>
        "macs-2^" + ((int)Math.Floor(Math.Log2(Math.Max(1, plan.MultiplyAccumulates)))).ToString(CultureInfo.InvariantCulture);
}
