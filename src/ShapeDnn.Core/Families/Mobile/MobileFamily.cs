using System.Globalization;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Families;

/// <summary>
/// The MobileNetV2-style family (Sandler et al. 2018): depth 3B + 2 weighted layers for B inverted
/// residual blocks, width multiplier with channels rounded to multiples of 8, downsamplings fitted to
/// the image size (<see cref="MobileNetPlanner"/>; docs/mobile.md).
/// </summary>
public sealed class MobileFamily : INetworkFamily
{
    /// <summary>The family id.</summary>
    public const string FamilyId = "mobile";

    /// <summary>The one instance.</summary>
    public static MobileFamily Instance { get; } = new();

    private MobileFamily()
    {
    }

    /// <inheritdoc />
    public string Id => FamilyId;

    /// <inheritdoc />
    public string Description => "MobileNetV2-style network";

    /// <inheritdoc />
    public string NamePrefix => "Mobile";

    /// <inheritdoc />
    public string KeyPrefix => "mobile-";

    /// <inheritdoc />
    public string DepthKey => "depths";

    /// <inheritdoc />
    public string WidthKey => "widths";

    /// <inheritdoc />
    /// <remarks>One block is three layers.</remarks>
    public int DepthStep => 3;

    /// <inheritdoc />
    public double WidthStep => 0.25;

    /// <inheritdoc />
    public string DesignSpaceExample => "'depths=23,35,53;widths=0.5,0.75,1' or 'depths=23..53;widths=0.25..1'";

    /// <inheritdoc />
    public string DepthMeaning => "Depth of the chosen MobileNetV2-style network (3B + 2 weighted layers for B inverted residual blocks; 53 is MobileNetV2's).";

    /// <inheritdoc />
    public string WidthMeaning => "Width multiplier of the chosen MobileNetV2-style network; every channel count is scaled by it and rounded to a multiple of 8.";

    /// <inheritdoc />
    /// <remarks>Depths 23 … 53 in steps of two blocks (one block per stage up to MobileNetV2's 17), widths 0.25, 0.35, 0.5, 0.75, 1, 1.4: 36 shapes.</remarks>
    public DesignSpaceSpec DefaultSpace { get; } = new([23, 29, 35, 41, 47, 53], [0.25, 0.35, 0.5, 0.75, 1, 1.4], FamilyId);

    /// <inheritdoc />
    /// <remarks>3B + 2 from <see cref="MobileNetPlanner.MinDepth"/> (one block per stage) to <see cref="Limits.MaxDepth"/>.</remarks>
    public string? DepthProblem(double depth) =>
        depth != Math.Floor(depth) || depth > Limits.MaxDepth || !MobileNetPlanner.IsValidDepth((long)depth)
            ? $"mobile depth {depth.ToString(CultureInfo.InvariantCulture)} is not 3B + 2 between {MobileNetPlanner.MinDepth} and {Limits.MaxDepth} (23, 26, 29, …; 53 is MobileNetV2's)"
            : null;

    /// <inheritdoc />
    /// <remarks>Above 0 and at most <see cref="Limits.MaxWidth"/>; every width gives every layer channels, since channel counts are rounded to at least 8.</remarks>
    public string? WidthProblem(double width) =>
        !(width > 0) || width > Limits.MaxWidth
            ? $"width {width.ToString("R", CultureInfo.InvariantCulture)} must be above 0 and at most {Limits.MaxWidth}"
            : null;

    /// <inheritdoc />
    public NetworkPlan Plan(Shape shape, InputShape input) => MobileNetPlanner.Plan(shape, input);
}
