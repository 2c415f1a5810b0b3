using ShapeDnn.DesignSpace;

namespace ShapeDnn.Core.Tests.Search;

/// <summary>
/// A smooth accuracy surface shaped like measured CIFAR/Fashion-MNIST results (rising with depth and
/// width, saturating), plus a fixed pseudo-random wobble standing in for seed noise.
/// </summary>
internal static class SyntheticAccuracy
{
    public static double Of(Shape s)
    {
        double clean = 0.955 - 0.045 * Math.Exp(-(s.Depth - 10) / 18.0) - 0.05 * Math.Exp(-(s.Width - 1) / 2.0);
        int hash = HashCode.Combine(s.Depth, (int)(s.Width * 10));
        double wobble = ((uint)hash % 1000 / 1000.0 - 0.5) * 0.002;
        return clean + wobble;
    }
}
