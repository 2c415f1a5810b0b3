namespace ShapeDnn.Runtime;

/// <summary>One class and its probability, as listed by a generated <c>ModelOutput.TopK</c>.</summary>
/// <param name="Class">Index of the class, from 0 to the class count - 1.</param>
/// <param name="Label">Name of the class.</param>
/// <param name="Probability">Its probability, from 0 to 1.</param>
public sealed record ClassProbability(int Class, string Label, float Probability);

/// <summary>Ranks classes by probability.</summary>
public static class ClassRanking
{
    /// <summary>The <paramref name="k"/> most probable classes, most probable first; equal probabilities keep class order.</summary>
    /// <param name="probabilities">Probability of each class.</param>
    /// <param name="labels">Name of each class, as many as probabilities.</param>
    /// <param name="k">How many to return; more than there are classes returns them all.</param>
    /// <returns>At most <paramref name="k"/> classes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The label and probability counts differ.</exception>
    public static ClassProbability[] TopK(IReadOnlyList<float> probabilities, IReadOnlyList<string> labels, int k)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (labels.Count != probabilities.Count)
            throw new ArgumentException($"{labels.Count} labels for {probabilities.Count} probabilities.", nameof(labels));
        return Enumerable.Range(0, probabilities.Count)
            .OrderByDescending(i => probabilities[i]).ThenBy(i => i)
            .Take(k)
            .Select(i => new ClassProbability(i, labels[i], probabilities[i]))
            .ToArray();
    }
}
