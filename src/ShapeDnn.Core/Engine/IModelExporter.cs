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
    void Write(NetworkPlan plan, IReadOnlyList<NamedTensor> weights, ChannelNormalization normalization, string path);
}
