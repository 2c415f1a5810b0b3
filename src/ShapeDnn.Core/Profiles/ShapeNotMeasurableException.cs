namespace ShapeDnn.Profiles;

/// <summary>
/// The device cannot run this shape at all (for example it does not fit in the GPU's memory at the
/// requested batch size). The filter excludes the shape with <see cref="Exception.Message"/> as the
/// reason and goes on with the others; larger shapes are then excluded without trying.
/// </summary>
public sealed class ShapeNotMeasurableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why, in words a user can act on (what ran out, and at which batch size).</param>
    /// <param name="inner">The runtime's own error.</param>
    public ShapeNotMeasurableException(string message, Exception? inner = null) : base(message, inner) { }
}
