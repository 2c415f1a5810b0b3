using ShapeDnn.DesignSpace;

namespace ShapeDnn.Profiles;

/// <summary>The non-functional properties of one shape, known before any training.</summary>
/// <param name="Plan">The shape's network plan (size figures are analytic).</param>
public sealed record ShapeProfile(NetworkPlan Plan)
{
    /// <summary>The shape.</summary>
    public Shape Shape => Plan.Shape;

    /// <summary>Measured latency of one batch, when profiled.</summary>
    public LatencyMeasurement? Latency { get; set; }

    /// <summary>Energy of one batch, when profiled.</summary>
    public EnergyFigure? Energy { get; set; }

    /// <summary>The limit that excludes this shape, with the figures; null while it is feasible.</summary>
    public string? ExcludedBy { get; set; }

    /// <summary>Whether the shape meets every size, latency and energy limit.</summary>
    public bool Feasible => ExcludedBy is null;
}
