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
    IReadOnlyList<OnnxValueInfo> Outputs) : IProtoMessage
{
    /// <summary>Optional documentation.</summary>
    public string? DocString { get; init; }

    // Field numbers of onnx.proto GraphProto, written in ascending order.
    private const int NodeField = 1, NameField = 2, InitializerField = 5, DocStringField = 10, InputField = 11, OutputField = 12;

    long IProtoMessage.CalculateSize()
    {
        long size = 0;
        foreach (var n in Nodes) size += ProtoSize.MessageField(NodeField, n);
        size += ProtoSize.StringField(NameField, Name);
        foreach (var t in Initializers) size += ProtoSize.MessageField(InitializerField, t);
        if (DocString is not null) size += ProtoSize.StringField(DocStringField, DocString);
        foreach (var i in Inputs) size += ProtoSize.MessageField(InputField, i);
        foreach (var o in Outputs) size += ProtoSize.MessageField(OutputField, o);
        return size;
    }

    void IProtoMessage.WriteTo(ProtoWriter writer)
    {
        foreach (var n in Nodes) writer.WriteMessageField(NodeField, n);
        writer.WriteStringField(NameField, Name);
        foreach (var t in Initializers) writer.WriteMessageField(InitializerField, t);
        if (DocString is not null) writer.WriteStringField(DocStringField, DocString);
        foreach (var i in Inputs) writer.WriteMessageField(InputField, i);
        foreach (var o in Outputs) writer.WriteMessageField(OutputField, o);
    }
}
