using System.Globalization;
using System.Text;

namespace ShapeDnn.Constraints;

/// <summary>
/// The user's limits. Every limit is optional; a null limit does not constrain. Latency and energy
/// are per forward pass of one batch on the deployment device; accuracy is validation accuracy.
/// </summary>
/// <param name="MaxParameters">Most learnable parameters.</param>
/// <param name="MaxSizeBytes">Largest fp32 model size in bytes.</param>
/// <param name="MaxLatencyMilliseconds">Longest median forward-pass latency, in milliseconds.</param>
/// <param name="MaxEnergyMillijoules">Most energy per forward pass, in millijoules.</param>
/// <param name="MinAccuracy">Lowest validation accuracy, as a fraction 0 … 1.</param>
public sealed record ConstraintSet(
    long? MaxParameters = null,
    long? MaxSizeBytes = null,
    double? MaxLatencyMilliseconds = null,
    double? MaxEnergyMillijoules = null,
    double? MinAccuracy = null)
{
    /// <summary>No limits at all.</summary>
    public static ConstraintSet None { get; } = new();

    /// <summary>Whether a latency limit is set (latency must then be profiled for every candidate).</summary>
    public bool NeedsLatency => MaxLatencyMilliseconds is not null;

    /// <summary>Whether an energy limit is set.</summary>
    public bool NeedsEnergy => MaxEnergyMillijoules is not null;

    /// <summary>The constraints in the canonical text form, e.g. <c>MaxParameters=500000; MinAccuracy=93%</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        var ci = CultureInfo.InvariantCulture;
        if (MaxParameters is { } p) parts.Add($"MaxParameters={p.ToString(ci)}");
        if (MaxSizeBytes is { } s) parts.Add($"MaxSize={s.ToString(ci)}B");
        if (MaxLatencyMilliseconds is { } l) parts.Add($"MaxLatency={l.ToString("0.####", ci)}ms");
        if (MaxEnergyMillijoules is { } e) parts.Add($"MaxEnergy={e.ToString("0.####", ci)}mJ");
        if (MinAccuracy is { } a) parts.Add($"MinAccuracy={(a * 100).ToString("0.###", ci)}%");
        return parts.Count == 0 ? "(none)" : string.Join("; ", parts);
    }

    /// <inheritdoc />
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(ToString());
        return true;
    }
}
