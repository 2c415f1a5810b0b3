using ShapeDnn.DesignSpace;

namespace ShapeDnn.Search;

/// <summary>A shape the search proposed but that could not be trained (for example out of GPU memory even at the smallest batch).</summary>
/// <param name="Shape">The shape.</param>
/// <param name="Reason">Why it could not be trained.</param>
public sealed record SkippedShape(Shape Shape, string Reason);
