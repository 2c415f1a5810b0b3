using System.Globalization;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Families;

/// <summary>
/// DenseNet-BC (Huang et al., "Densely Connected Convolutional Networks"): bottleneck layers and
/// compression 0.5, depth L = 6n+4, width = growth rate k. Its default space spans the paper's
/// CIFAR networks at the sizes a build-time search can train: depths 10 … 100 and growth rates 6 … 24.
/// </summary>
public sealed class DenseNetBCFamily : INetworkFamily
{
    /// <summary>The family id.</summary>
    public const string FamilyId = "densenet-bc";

    /// <summary>The one instance.</summary>
    public static DenseNetBCFamily Instance { get; } = new();

    private DenseNetBCFamily()
    {
        DefaultSpace = new DesignSpaceSpec([10, 16, 22, 28, 40, 52, 64, 76, 100], [6, 8, 12, 16, 24], FamilyId);
    }

    /// <inheritdoc />
    public string Id => FamilyId;

    /// <inheritdoc />
    public string Description => "DenseNet-BC";

    /// <inheritdoc />
    public string NamePrefix => "DenseNet-BC";

    /// <inheritdoc />
    public string KeyPrefix => FamilyId + "-";

    /// <inheritdoc />
    public string DepthKey => "depths";

    /// <inheritdoc />
    public string WidthKey => "growth";

    /// <inheritdoc />
    public int DepthStep => 6;

    /// <inheritdoc />
    public double WidthStep => 1;

    /// <inheritdoc />
    public string DesignSpaceExample => "'depths=40,100;growth=12,24' or 'depths=10..40;growth=6..12'";

    /// <inheritdoc />
    public string DepthMeaning => "Depth L of the chosen DenseNet-BC (6n+4 layers: three dense blocks of n bottleneck layers).";

    /// <inheritdoc />
    public string WidthMeaning => "Growth rate k of the chosen DenseNet-BC: channels each bottleneck layer adds.";

    /// <inheritdoc />
    public string WidthAxisTitle => "Growth rate k";

    /// <inheritdoc />
    public DesignSpaceSpec DefaultSpace { get; }

    /// <inheritdoc />
    /// <remarks>Depth 6n+4 from 10 to <see cref="Limits.MaxDepth"/>, as for Wide ResNet.</remarks>
    public string? DepthProblem(double depth) =>
        depth != Math.Floor(depth) || depth < Shape.MinDepth || depth > Limits.MaxDepth || !Shape.IsValidDepth((int)depth)
            ? $"depth {depth.ToString(CultureInfo.InvariantCulture)} is not of the form 6n+4 between {Shape.MinDepth} and {Limits.MaxDepth} (10, 16, 22, …, 40, …, 100)"
            : null;

    /// <inheritdoc />
    public string? WidthProblem(double width) =>
        width >= 1 && width <= Limits.MaxWidth && width == Math.Floor(width)
            ? null
            : $"growth rate {width.ToString("R", CultureInfo.InvariantCulture)} must be a whole number from 1 to {Limits.MaxWidth}";

    /// <inheritdoc />
    public NetworkPlan Plan(Shape shape, InputShape input) => DenseNetBCPlanner.Plan(shape, input);
}
