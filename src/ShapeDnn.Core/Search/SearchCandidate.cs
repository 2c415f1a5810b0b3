using ShapeDnn.DesignSpace;

namespace ShapeDnn.Search;

/// <summary>A shape that passed the size, latency and energy filter, with the cost the goal minimises.</summary>
/// <param name="Shape">The shape.</param>
/// <param name="Cost">What the goal minimises (parameters, milliseconds or millijoules); for
/// MaximizeAccuracy the parameter count, used only to break ties towards smaller networks.</param>
public sealed record SearchCandidate(Shape Shape, double Cost);
