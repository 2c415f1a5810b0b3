using System.Globalization;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Training;

/// <summary>
/// How much training a search may spend: the recipe for each shape and how many shapes may be trained.
/// </summary>
/// <param name="Name">quick, standard or custom.</param>
/// <param name="Recipe">The recipe each shape is trained with.</param>
/// <param name="MaxTrainedShapes">Ceiling on training in complete runs; null = half of the feasible shapes (at least 6) plus the shapes trained at a time less one.</param>
public sealed record TrainingBudget(string Name, TrainingRecipe Recipe, int? MaxTrainedShapes)
{
    /// <summary>For CPUs and the sample: 5,000 training images, 4 epochs, 1,000 held out, at most 6 shapes.</summary>
    public static TrainingBudget Quick { get; } = new("quick", new TrainingRecipe(Epochs: 4, TrainSubset: 5000, ValidationCount: 1000, TestSubset: 2000), 6);

    /// <summary>DESIGN.md's reference recipe: all training images but 5,000 held out, 10 epochs.</summary>
    public static TrainingBudget Standard { get; } = new("standard", new TrainingRecipe(Epochs: 10, TrainSubset: null, ValidationCount: 5000, TestSubset: null), null);

    /// <summary>
    /// The ceiling on training when <paramref name="feasibleShapes"/> pass the filter, in complete
    /// runs (a run stopped early counts the fraction of its epochs it ran). A ceiling, not a target:
    /// a search normally ends when its choice is settled, long before. By default half of the feasible
    /// shapes (at least 6) plus <paramref name="parallel"/> − 1: the proposals of one round are made on
    /// the same information, so all but one of them are speculative, and a round of 8 ate the serial
    /// ceiling (replay suite at 8 at a time: 20 of 22 right, two searches cut off with BudgetSpent).
    /// </summary>
    /// <param name="feasibleShapes">Shapes that pass the filter.</param>
    /// <param name="parallel">Shapes the search trains at a time.</param>
    public int ShapesFor(int feasibleShapes, int parallel = 1) =>
        Math.Min(feasibleShapes, MaxTrainedShapes ?? Math.Max(6, (int)Math.Ceiling(feasibleShapes / 2.0)) + Math.Max(0, parallel - 1));

    /// <summary>Canonical text.</summary>
    public override string ToString() => Name == "custom"
        ? $"epochs={Recipe.Epochs};subset={Recipe.TrainSubset?.ToString(CultureInfo.InvariantCulture) ?? "all"};validation={Recipe.ValidationCount};shapes={MaxTrainedShapes?.ToString(CultureInfo.InvariantCulture) ?? "auto"};seed={Recipe.Seed}"
        : Name;

    /// <summary>
    /// Parses <c>quick</c>, <c>standard</c> or <c>epochs=N;subset=M;validation=V;shapes=K;seed=S</c>
    /// (each key optional; the rest from the standard recipe). Null or blank means quick.
    /// </summary>
    /// <exception cref="ShapeDnnException">SDNN009 for anything else.</exception>
    public static TrainingBudget Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("quick", StringComparison.OrdinalIgnoreCase)) return Quick;
        if (text.Trim().Equals("standard", StringComparison.OrdinalIgnoreCase)) return Standard;

        var recipe = Standard.Recipe;
        int? shapes = null;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0) throw Error($"'{text}' has no key=value entry");
        foreach (var entry in entries)
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2) throw Error($"'{entry}' is not key=value");
            string key = parts[0].ToLowerInvariant(), value = parts[1];
            if (!Keys.Contains(key))
                throw Error($"unknown key '{parts[0]}'{Suggestions.DidYouMean(parts[0], Keys)}");
            if (!seen.TryAdd(key, entry)) throw Error($"'{key}' is given twice ('{seen[key]}' and '{entry}'); give it once");
            if (key == "subset" && value.Equals("all", StringComparison.OrdinalIgnoreCase)) { recipe = recipe with { TrainSubset = null }; continue; }
            var (min, max) = Range(key);
            if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n))
                throw Error($"'{entry}': '{value}' is not a whole number");
            if (n < min || n > max)
                throw Error($"'{entry}': {key} must be between {min:N0} and {max:N0}{(key == "validation" ? " (fewer validation images cannot measure accuracy)" : "")}");
            int v = (int)n;
            recipe = key switch
            {
                "epochs" => recipe with { Epochs = v },
                "subset" => recipe with { TrainSubset = v },
                "validation" => recipe with { ValidationCount = v },
                "test" => recipe with { TestSubset = v },
                "seed" => recipe with { Seed = v },
                _ => recipe,
            };
            if (key == "shapes") shapes = v;
        }
        return new TrainingBudget("custom", recipe, shapes);
    }

    private static readonly string[] Keys = ["epochs", "subset", "validation", "test", "shapes", "seed"];

    /// <summary>The documented range of each budget key (README, "Limits").</summary>
    private static (long Min, long Max) Range(string key) => key switch
    {
        "epochs" => (1, Limits.MaxEpochs),
        "validation" => (Limits.MinValidationImages, int.MaxValue),
        "shapes" => (1, Limits.MaxShapes),
        "seed" => (0, int.MaxValue),
        _ => (1, int.MaxValue),
    };

    private static ShapeDnnException Error(string what) =>
        new(ErrorCode.BadOption, $"Budget: {what}. Use quick, standard, or e.g. 'epochs=3;subset=5000;shapes=6'.");
}
