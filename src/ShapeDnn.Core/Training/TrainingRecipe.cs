using System.Globalization;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Training;

/// <summary>
/// How one shape is trained. The defaults are DESIGN.md's reference recipe: SGD with Nesterov
/// momentum 0.9, lr 0.1 at batch 128, weight decay 5e-4, one-cycle cosine schedule (15 % warm-up
/// from lr/10, anneal to lr/1000), random crop with padding and horizontal flip.
/// </summary>
/// <param name="Epochs">Passes over the training images.</param>
/// <param name="TrainSubset">Training images used (after the validation hold-out); null = all.</param>
/// <param name="ValidationCount">Training images held out (seeded) for validation.</param>
/// <param name="TestSubset">Test images evaluated for the report; null = all.</param>
/// <param name="Seed">Seed for the split, initialisation, shuffling and augmentation.</param>
public sealed record TrainingRecipe(int Epochs, int? TrainSubset, int ValidationCount, int? TestSubset, int Seed = 1)
{
    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 128;
    /// <summary>Peak learning rate at <see cref="BatchSize"/>.</summary>
    public double LearningRate { get; init; } = 0.1;
    /// <summary>Nesterov momentum.</summary>
    public double Momentum { get; init; } = 0.9;
    /// <summary>L2 weight decay.</summary>
    public double WeightDecay { get; init; } = 5e-4;
    /// <summary>Fraction of steps spent warming up from lr/10 to lr.</summary>
    public double WarmupFraction { get; init; } = 0.15;
    /// <summary>Final learning rate as a fraction of the peak.</summary>
    public double FinalLearningRateFraction { get; init; } = 1e-3;
    /// <summary>Random-crop padding in pixels; null = 2 px below 32×32 inputs, 4 px at 32×32 and above.</summary>
    public int? CropPadding { get; init; }
    /// <summary>Whether random horizontal flips are applied.</summary>
    public bool HorizontalFlip { get; init; } = true;

    /// <summary>The learning rate at optimiser step <paramref name="step"/> of <paramref name="totalSteps"/> (one-cycle cosine).</summary>
    public double LearningRateAt(int step, int totalSteps)
    {
        int warmup = Math.Max(1, (int)Math.Round(WarmupFraction * totalSteps));
        double start = LearningRate / 10, end = LearningRate * FinalLearningRateFraction;
        if (step < warmup)
        {
            double t = (double)step / warmup;
            return start + (LearningRate - start) * (1 - Math.Cos(Math.PI * t)) / 2;
        }
        double u = Math.Min(1.0, (double)(step - warmup) / Math.Max(1, totalSteps - warmup));
        return end + (LearningRate - end) * (1 + Math.Cos(Math.PI * u)) / 2;
    }

    /// <summary>Padding for random crops at an image side of <paramref name="imageSide"/> pixels.</summary>
    public int PaddingFor(int imageSide) => CropPadding ?? (imageSide >= 32 ? 4 : 2);

    /// <summary>
    /// What is wrong with this recipe's fields (each outside its documented range), empty when it can be trained:
    /// a recipe read from a file (<c>train --recipe</c>) is checked field by field before any data is loaded.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(bool ok, string field, object? value, string range)
        {
            if (!ok) problems.Add($"{field} is {Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null"} but must be {range}");
        }
        Check(Epochs is >= 1 and <= Limits.MaxEpochs, nameof(Epochs), Epochs, $"1 to {Limits.MaxEpochs}");
        Check(TrainSubset is null or >= 1, nameof(TrainSubset), TrainSubset, "null (all) or at least 1");
        Check(ValidationCount >= Limits.MinValidationImages, nameof(ValidationCount), ValidationCount, $"at least {Limits.MinValidationImages}");
        Check(TestSubset is null or >= 1, nameof(TestSubset), TestSubset, "null (all) or at least 1");
        Check(Seed >= 0, nameof(Seed), Seed, "0 or more");
        Check(BatchSize is >= 1 and <= Limits.MaxBatchSize, nameof(BatchSize), BatchSize, $"1 to {Limits.MaxBatchSize}");
        Check(double.IsFinite(LearningRate) && LearningRate is > 0 and <= 10, nameof(LearningRate), LearningRate, "above 0 and at most 10");
        Check(Momentum is >= 0 and < 1, nameof(Momentum), Momentum, "at least 0 and below 1");
        Check(WeightDecay is >= 0 and < 1, nameof(WeightDecay), WeightDecay, "at least 0 and below 1");
        Check(WarmupFraction is >= 0 and <= 1, nameof(WarmupFraction), WarmupFraction, "0 to 1");
        Check(FinalLearningRateFraction is > 0 and <= 1, nameof(FinalLearningRateFraction), FinalLearningRateFraction, "above 0 and at most 1");
        Check(CropPadding is null or (>= 0 and <= 64), nameof(CropPadding), CropPadding, "null (automatic) or 0 to 64");
        return problems;
    }
}
