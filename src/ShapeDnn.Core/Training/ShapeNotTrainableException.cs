namespace ShapeDnn.Training;

/// <summary>
/// Thrown by an <see cref="IShapeTrainer"/> when one shape cannot be trained on this device (for
/// example out of GPU memory even at the smallest batch). The search records the reason, treats the
/// shape as not deliverable and goes on; it is never a failed search by itself.
/// </summary>
public sealed class ShapeNotTrainableException(string reason, Exception? inner = null) : Exception(reason, inner)
{
    /// <summary>Why the shape was not trained, for the report.</summary>
    public string Reason => Message;
}
