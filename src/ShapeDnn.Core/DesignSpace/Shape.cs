using System.Globalization;
using ShapeDnn.Families;

namespace ShapeDnn.DesignSpace;

/// <summary>
/// One point of the design space: a network of family <see cref="Family"/> (a
/// <see cref="NetworkFamilies"/> id, Wide ResNet by default) with a depth-like axis
/// <see cref="Depth"/> and a width-like axis <see cref="Width"/> (fractional values such as 1.5 are allowed).
/// Every family has these two axes, so that the depth × width search, the monotone bounds and the
/// report work for each of them alike.
/// </summary>
/// <param name="Depth">The family's depth, e.g. a Wide ResNet's 6n+4 (10, 16, 22, …).</param>
/// <param name="Width">The family's width, e.g. a Wide ResNet's multiplier k (groups of round(16k), round(32k), round(64k) channels).</param>
/// <param name="Family">The family id, e.g. <c>wrn</c> or <c>densenet-bc</c>.</param>
public readonly record struct Shape(int Depth, double Width, string Family = NetworkFamilies.WideResNetId)
{
    // Stored as null for Wide ResNet, so that default(Shape) and new Shape(d, w) are the same shape.
    private readonly string? _family = Family == NetworkFamilies.WideResNetId ? null : Family;

    /// <summary>Creates a shape of <paramref name="family"/>, the descriptor's reading order.</summary>
    public Shape(string family, int depth, double width) : this(depth, width, family)
    {
    }

    /// <summary>The family id, e.g. <c>wrn</c> or <c>densenet-bc</c>.</summary>
    public string Family
    {
        get => _family ?? NetworkFamilies.WideResNetId;
        init => _family = value == NetworkFamilies.WideResNetId ? null : value;
    }

    /// <summary>The conventional name, e.g. <c>WRN-16-4</c>, <c>WRN-22-1.5</c> or <c>DenseNet-BC-100-12</c>.</summary>
    public string Name => $"{NetworkFamilies.Get(Family).NamePrefix}-{Depth}-{WidthText}";

    /// <summary>
    /// A stable key for file names and cache entries: <c>d16-w4</c> for a Wide ResNet (the key of
    /// every cache entry written before there were families), the family id first for every other
    /// family (<c>densenet-bc-d100-w12</c>), so that no two families share an entry.
    /// </summary>
    public string Key => $"{NetworkFamilies.Get(Family).KeyPrefix}d{Depth}-w{WidthText}";

    /// <summary>The width as names and keys carry it (at most three decimals).</summary>
    public string WidthText => Width.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The shallowest Wide ResNet depth, 6·1+4.</summary>
    public const int MinDepth = 10;

    /// <summary>Whether <paramref name="depth"/> is of the form 6n+4 with n ≥ 1 (the depth rule of Wide ResNet and DenseNet-BC).</summary>
    public static bool IsValidDepth(int depth) => depth >= MinDepth && (depth - 4) % 6 == 0;

    /// <summary>
    /// Whether this shape is of <paramref name="other"/>'s family and at least as deep and as wide:
    /// the order along which accuracy, size and cost grow. Shapes of two families are never ordered.
    /// </summary>
    public bool Covers(Shape other) => Family == other.Family && Depth >= other.Depth && Width >= other.Width;

    /// <inheritdoc />
    public override string ToString() => Name;
}
