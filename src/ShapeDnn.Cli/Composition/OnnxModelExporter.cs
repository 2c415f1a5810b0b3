using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Onnx;
using ShapeDnn.Tensors;

namespace ShapeDnn.Cli.Composition;

/// <summary>The engine's exporter: ShapeDnn's own ONNX writer (opset 17).</summary>
internal sealed class OnnxModelExporter : IModelExporter
{
    public string Extension => ".onnx";

    public void Write(NetworkPlan plan, IReadOnlyList<NamedTensor> weights, ChannelNormalization normalization, IReadOnlyList<string>? classLabels, string path) =>
        OnnxExporter.Write(plan, weights, normalization, path,
            new OnnxExportOptions { ProducerVersion = SearchEngine.ToolVersion, ClassLabels = classLabels });
}
