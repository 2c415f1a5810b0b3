using ShapeDnn.DesignSpace;
using ShapeDnn.Tensors;

namespace ShapeDnn.Latency;

/// <summary>
/// Produces the ONNX model of <paramref name="plan"/> with <paramref name="weights"/>: input
/// <c>pixels</c> float32 [batch, C, H, W], outputs <c>logits</c> and <c>probabilities</c>. The
/// product wires ShapeDnn.Onnx's exporter here (with identity normalisation, which costs the same
/// as any other); tests pass a stand-in so that profiling does not depend on the exporter.
/// </summary>
public delegate byte[] OnnxModelFactory(NetworkPlan plan, IReadOnlyList<NamedTensor> weights);
