using System.Globalization;

namespace ShapeDnn.DesignSpace;

/// <summary>
/// One point of the design space: a pre-activation Wide ResNet of depth <see cref="Depth"/> = 6n+4
/// and width multiplier <see cref="Width"/> (fractional multipliers such as 1.5 are allowed).
/// </summary>
/// <param name="Depth">Total depth 6n+4 (10, 16, 22, …).</param>
/// <param name="Width">Width multiplier k; group widths are round(16k), round(32k), round(64k).</param>
public readonly record struct Shape(int Depth, double Width)
{
    /// <summary>Blocks per group, n = (depth − 4) / 6.</summary>
    public int BlocksPerGroup => (Depth - 4) / 6;

    /// <summary>The conventional name, e.g. <c>WRN-16-4</c> or <c>WRN-22-1.5</c>.</summary>
    public string Name => $"WRN-{Depth}-{Width.ToString("0.###", CultureInfo.InvariantCulture)}";

    /// <summary>A stable key for file names and cache entries, e.g. <c>d16-w4</c>.</summary>
    public string Key => $"d{Depth}-w{Width.ToString("0.###", CultureInfo.InvariantCulture)}";

    /// <summary>The shallowest depth, 6·1+4.</summary>
    public const int MinDepth = 10;

    /// <summary>Whether <paramref name="depth"/> is of the form 6n+4 with n ≥ 1.</summary>
    public static bool IsValidDepth(int depth) => depth >= MinDepth && (depth - 4) % 6 == 0;

    /// <inheritdoc />
    public override string ToString() => Name;
}
