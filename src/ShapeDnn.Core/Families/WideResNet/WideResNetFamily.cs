using System.Globalization;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Families;

/// <summary>
/// The pre-activation Wide ResNet (Zagoruyko and Komodakis): depth 6n+4, width multiplier k. Its
/// default space is the Shape_DNN paper's grid: depths 10 … 64 in steps of 6 and widths 1, 1.5, 2,
/// 3, 4 … 10 (110 shapes).
/// </summary>
public sealed class WideResNetFamily : INetworkFamily
{
    /// <summary>The one instance.</summary>
    public static WideResNetFamily Instance { get; } = new();

    private WideResNetFamily()
    {
        DefaultSpace = new DesignSpaceSpec(
            Enumerable.Range(0, 10).Select(i => 10 + 6 * i).ToArray(),
            [1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }

    /// <inheritdoc />
    public string Id => NetworkFamilies.WideResNetId;

    /// <inheritdoc />
    public string Description => "pre-activation Wide ResNet";

    /// <inheritdoc />
    public string NamePrefix => "WRN";

    /// <inheritdoc />
    public string KeyPrefix => "";

    /// <inheritdoc />
    public string DepthKey => "depths";

    /// <inheritdoc />
    public string WidthKey => "widths";

    /// <inheritdoc />
    public int DepthStep => 6;

    /// <inheritdoc />
    public double WidthStep => 1;

    /// <inheritdoc />
    public string DesignSpaceExample => "'depths=10,16,22;widths=1,1.5,2' or 'depths=10..28;widths=1..4'";

    /// <inheritdoc />
    public string DepthMeaning => "Depth of the chosen Wide ResNet (6n+4 layers).";

    /// <inheritdoc />
    public string WidthMeaning => "Width multiplier k of the chosen Wide ResNet; its groups have 16k, 32k and 64k channels.";

    /// <inheritdoc />
    public DesignSpaceSpec DefaultSpace { get; }

    /// <inheritdoc />
    /// <remarks>Depth 6n+4 from 10 to <see cref="Limits.MaxDepth"/>.</remarks>
    public string? DepthProblem(double depth) =>
        depth != Math.Floor(depth) || depth < Shape.MinDepth || depth > Limits.MaxDepth || !Shape.IsValidDepth((int)depth)
            ? $"depth {depth.ToString(CultureInfo.InvariantCulture)} is not of the form 6n+4 between {Shape.MinDepth} and {Limits.MaxDepth} (10, 16, 22, …)"
            : null;

    /// <inheritdoc />
    /// <remarks>Above 0, at most <see cref="Limits.MaxWidth"/>, and wide enough that every group has a channel: round(16k) ≥ 1, so k ≥ 0.032.</remarks>
    public string? WidthProblem(double width)
    {
        string text = width.ToString("R", CultureInfo.InvariantCulture);
        if (!(width > 0) || width > Limits.MaxWidth) return $"width {text} must be above 0 and at most {Limits.MaxWidth}";
        foreach (int channels in WideResNetPlanner.GroupBaseChannels)
            if (Math.Round(channels * width, MidpointRounding.AwayFromZero) < 1)
                return $"width {text} gives the {channels}-channel group round({channels}×{text}) = 0 channels; the smallest width is 0.032";
        return null;
    }

    /// <inheritdoc />
    public NetworkPlan Plan(Shape shape, InputShape input) => WideResNetPlanner.Plan(shape, input);
}
