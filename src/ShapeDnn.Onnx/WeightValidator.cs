using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Tensors;

namespace ShapeDnn.Onnx;

/// <summary>
/// Checks the exporter's inputs against the plan before anything is built or written, and reports
/// every problem at once: a wrong weight file is far easier to diagnose from a complete list.
/// </summary>
internal static class WeightValidator
{
    private const int MaxReportedProblems = 20;

    /// <summary>Returns the weights by name.</summary>
    /// <exception cref="ArgumentException">Names, dimensions or element counts do not match the plan.</exception>
    public static Dictionary<string, NamedTensor> Validate(NetworkPlan plan, IReadOnlyList<NamedTensor> weights)
    {
        var problems = new List<string>();
        var byName = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (var tensor in weights)
        {
            if (tensor is null)
                problems.Add("a null tensor");
            else if (!byName.TryAdd(tensor.Name, tensor))
                problems.Add($"duplicate tensor '{tensor.Name}'");
        }

        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in plan.Tensors)
        {
            expected.Add(spec.Name);
            if (!byName.TryGetValue(spec.Name, out var tensor))
            {
                problems.Add($"missing tensor '{spec.Name}' {Format(spec.Dimensions)}");
                continue;
            }
            if (!tensor.Dimensions.AsSpan().SequenceEqual(spec.Dimensions))
                problems.Add($"tensor '{spec.Name}' has dimensions {Format(tensor.Dimensions)}, expected {Format(spec.Dimensions)}");
            else if (tensor.Data is null || tensor.Data.Length != spec.ElementCount)
                problems.Add($"tensor '{spec.Name}' holds {tensor.Data?.Length ?? 0} values, its dimensions {Format(spec.Dimensions)} need {spec.ElementCount}");
        }
        foreach (var name in byName.Keys)
            if (!expected.Contains(name))
                problems.Add($"unexpected tensor '{name}'");

        if (problems.Count > 0)
        {
            string list = string.Join("; ", problems.Take(MaxReportedProblems));
            if (problems.Count > MaxReportedProblems) list += $"; and {problems.Count - MaxReportedProblems} more";
            throw new ArgumentException(
                $"The weights do not match the plan of {plan.Shape.Name} for {plan.Input}: {list}.", "weights");
        }
        return byName;
    }

    /// <exception cref="ArgumentException">The statistics do not have one finite mean and one positive std per channel.</exception>
    public static void Validate(NetworkPlan plan, ChannelNormalization normalization)
    {
        int channels = plan.Input.Channels;
        if (normalization.Mean.Length != channels || normalization.Std.Length != channels)
            throw new ArgumentException(
                $"The normalisation has {normalization.Mean.Length} means and {normalization.Std.Length} standard deviations; " +
                $"the input has {channels} channel(s).", nameof(normalization));
        for (int c = 0; c < channels; c++)
        {
            if (!float.IsFinite(normalization.Mean[c]))
                throw new ArgumentException($"The normalisation mean of channel {c} is {normalization.Mean[c]}; it must be finite.", nameof(normalization));
            if (!(float.IsFinite(normalization.Std[c]) && normalization.Std[c] > 0))
                throw new ArgumentException($"The normalisation std of channel {c} is {normalization.Std[c]}; it must be positive and finite.", nameof(normalization));
        }
    }

    private static string Format(int[] dimensions) => $"[{string.Join(", ", dimensions)}]";
}
