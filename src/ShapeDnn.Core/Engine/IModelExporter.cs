using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Tensors;

namespace ShapeDnn.Engine;

/// <summary>Writes a trained network as a deployable model file (ONNX), atomically.</summary>
public interface IModelExporter
{
    /// <summary>File extension including the dot, e.g. <c>.onnx</c>.</summary>
    string Extension { get; }

    /// <summary>Writes the model to <paramref name="path"/>; the file appears whole or not at all.</summary>
    /// <param name="plan">The network.</param>
    /// <param name="weights">Its trained weights.</param>
    /// <param name="normalization">The per-channel normalisation the model applies to raw pixels.</param>
    /// <param name="classLabels">Class names in class order, stored in the model's metadata; null when the classes have none.</param>
    /// <param name="path">Where to write.</param>
    void Write(NetworkPlan plan, IReadOnlyList<NamedTensor> weights, ChannelNormalization normalization, IReadOnlyList<string>? classLabels, string path);
}
