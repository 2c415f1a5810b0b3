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
        // A fixed hash (HashCode.Combine is seeded per process): the same wobble in every run.
        uint hash = unchecked((uint)(s.Depth * 7919 + (int)(s.Width * 10) * 104729) * 2654435761u);
        double wobble = (hash % 1000 / 1000.0 - 0.5) * 0.002;
        return clean + wobble;
    }
}
