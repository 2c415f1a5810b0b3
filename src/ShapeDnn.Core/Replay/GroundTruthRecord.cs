using ShapeDnn.DesignSpace;

namespace ShapeDnn.Replay;

/// <summary>
/// One trained shape of a ground-truth file (JSON Lines, one object a line): what a complete
/// training gave, what it cost, and the shape's latency and energy on the device it was measured on.
/// </summary>
/// <param name="Shape">The shape (<c>shape</c>, with <c>depth</c> and <c>width</c> agreeing).</param>
/// <param name="Parameters">Learnable parameters (<c>parameters</c>); checked against the analytic count.</param>
/// <param name="Seed">The recipe's seed (<c>seed</c>).</param>
/// <param name="Epochs">Epochs of the recipe (<c>epochs</c>).</param>
/// <param name="TrainSeconds">Seconds of the complete training as if trained alone (<c>trainSeconds</c>).</param>
/// <param name="ValidationCurve">Validation accuracy after each epoch (<c>validationCurve</c>, <c>epochs</c> values).</param>
/// <param name="ValidationAccuracy">Final validation accuracy (<c>validationAccuracy</c>, the curve's last value).</param>
/// <param name="TestAccuracy">Final test accuracy (<c>testAccuracy</c>), reported only.</param>
/// <param name="LatencyMilliseconds">Median forward-pass latency by batch size (<c>latencyMs</c>).</param>
/// <param name="EnergyMillijoules">Energy of one forward pass by batch size (<c>energyMj</c>).</param>
public sealed record GroundTruthRecord(
    Shape Shape,
    long Parameters,
    int Seed,
    int Epochs,
    double TrainSeconds,
    IReadOnlyList<double> ValidationCurve,
    double ValidationAccuracy,
    double? TestAccuracy,
    IReadOnlyDictionary<int, double> LatencyMilliseconds,
    IReadOnlyDictionary<int, double> EnergyMillijoules)
{
    /// <summary>The device that trained it (<c>device</c>, optional), e.g. <c>cuda (1 device(s), bf16, …)</c> or <c>cpu (2 threads)</c>.</summary>
    public string? Device { get; init; }
}
