namespace ShapeDnn.Search.LearningCurves;

/// <summary>
/// What a validation curve under the reference one-cycle schedule says about its final value before
/// the search has seen a curve of its own: for a run at fraction t of its epochs, the mean and the
/// spread (between shapes) of log(final error / error at t). Interpolated linearly in t; exact at t = 1.
/// </summary>
/// <remarks>
/// Fitted to the ground-truth curves in <c>benchmarks/ground-truth</c> (ShapeDnn's own trainer, the
/// standard budget on the GPU and the quick budget on the CPU, Fashion-MNIST): see
/// <c>benchmarks/ground-truth/fit_curve_prior.py</c>, which prints this table. The schedule is defined
/// by fraction of the run (warm-up 15 %, cosine anneal), so one table serves every epoch count.
/// The search replaces the mean by what its own complete curves show as soon as it has one.
/// </remarks>
/// <param name="Fractions">Increasing fractions of the run in (0, 1).</param>
/// <param name="MeanLogRatio">Mean of log(final error / lowest error so far at the fraction).</param>
/// <param name="SpreadLogRatio">Standard deviation of that log ratio between shapes of one search (the spread early stopping must live with).</param>
/// <param name="ShiftLogRatio">Uncertainty of the mean itself for another dataset or budget (shrinks as the search sees complete curves of its own).</param>
public sealed record LearningCurvePrior(double[] Fractions, double[] MeanLogRatio, double[] SpreadLogRatio, double[] ShiftLogRatio)
{
    /// <summary>
    /// The network family whose curves the table was fitted to. Another family's early epochs say
    /// something else (a mobile network on the H200 read 70.4 % and 50.4 % after 2 and 3 of 10 epochs and
    /// ended at 94.04 %; under the quick budget 51.6 % after 3 of 4 and 75.4 % at the end), so the search
    /// stops no run of another family early.
    /// </summary>
    public string FittedFamily { get; init; } = Families.NetworkFamilies.WideResNetId;

    /// <summary>
    /// The reference recipe's schedule (one-cycle cosine, 15 % warm-up from lr/10, anneal to lr/1000),
    /// fitted to 35 complete runs of the standard budget (benchmarks/ground-truth/gpu-standard.jsonl,
    /// NVIDIA H200) on the best accuracy so far (mid-run accuracy dips at the peak learning rate). The
    /// spread is the larger of that fit and the quick budget's (cpu-quick.jsonl), made non-increasing
    /// in t. The shift uncertainty is half the mean.
    /// </summary>
    public static LearningCurvePrior OneCycleCosine { get; } = new(
        [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
        [-1.489, -0.876, -0.755, -0.692, -0.537, -0.457, -0.259, -0.117, -0.024],
        [0.235, 0.189, 0.189, 0.189, 0.189, 0.079, 0.079, 0.035, 0.028],
        [0.745, 0.438, 0.378, 0.346, 0.269, 0.229, 0.130, 0.059, 0.012]);

    /// <summary>Mean, spread and shift uncertainty of the log error ratio at fraction <paramref name="t"/> of the run.</summary>
    public (double Mean, double Spread, double Shift) At(double t)
    {
        if (t >= 1) return (0, 0, 0);
        if (t <= Fractions[0]) return (MeanLogRatio[0], SpreadLogRatio[0], ShiftLogRatio[0]);
        int i = 1;
        while (i < Fractions.Length && Fractions[i] < t) i++;
        if (i == Fractions.Length)
        {
            // Between the last tabulated fraction and the end, where the ratio is exactly 1.
            double u = (t - Fractions[^1]) / (1 - Fractions[^1]);
            return (MeanLogRatio[^1] * (1 - u), SpreadLogRatio[^1] * (1 - u), ShiftLogRatio[^1] * (1 - u));
        }
        double w = (t - Fractions[i - 1]) / (Fractions[i] - Fractions[i - 1]);
        double Lerp(double[] a) => a[i - 1] + w * (a[i] - a[i - 1]);
        return (Lerp(MeanLogRatio), Lerp(SpreadLogRatio), Lerp(ShiftLogRatio));
    }
}
