using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Model;

/// <summary>An ONNX <c>GraphProto</c>: nodes in topological order, initializers, inputs and outputs.</summary>
/// <param name="Name">Graph name.</param>
/// <param name="Nodes">Nodes, topologically sorted (ONNX requires it).</param>
/// <param name="Initializers">Constant tensors (weights); not listed among <paramref name="Inputs"/>.</param>
/// <param name="Inputs">Graph inputs.</param>
/// <param name="Outputs">Graph outputs.</param>
public sealed record OnnxGraph(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs)
{
    /// <summary>Optional documentation.</summary>
    public string? DocString { get; init; }

    internal GraphProto ToProto()
    {
        var proto = new GraphProto { Name = Name };
        foreach (var n in Nodes) proto.Node.Add(n.ToProto());
        foreach (var t in Initializers) proto.Initializer.Add(t.ToProto());
        foreach (var i in Inputs) proto.Input.Add(i.ToProto());
        foreach (var o in Outputs) proto.Output.Add(o.ToProto());
        if (DocString is not null) proto.DocString = DocString;
        return proto;
    }
}
