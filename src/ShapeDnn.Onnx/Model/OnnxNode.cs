using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Model;

/// <summary>An ONNX <c>NodeProto</c>: one operator application in the default (<c>ai.onnx</c>) domain.</summary>
/// <param name="OpType">Operator, e.g. <c>Conv</c>.</param>
/// <param name="Name">Node name, unique in the graph.</param>
/// <param name="Inputs">Input value names, in the operator's order.</param>
/// <param name="Outputs">Output value names.</param>
/// <param name="Attributes">Attributes.</param>
public sealed record OnnxNode(
    string OpType,
    string Name,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<OnnxAttribute>? Attributes = null) : IProtoMessage
{
    /// <summary>Optional documentation.</summary>
    public string? DocString { get; init; }

    // Field numbers of onnx.proto NodeProto, written in ascending order.
    private const int InputField = 1, OutputField = 2, NameField = 3, OpTypeField = 4, AttributeField = 5, DocStringField = 6;

    long IProtoMessage.CalculateSize()
    {
        long size = 0;
        foreach (var i in Inputs) size += ProtoSize.StringField(InputField, i);
        foreach (var o in Outputs) size += ProtoSize.StringField(OutputField, o);
        size += ProtoSize.StringField(NameField, Name);
        size += ProtoSize.StringField(OpTypeField, OpType);
        foreach (var a in Attributes ?? []) size += ProtoSize.MessageField(AttributeField, a);
        if (DocString is not null) size += ProtoSize.StringField(DocStringField, DocString);
        return size;
    }

    void IProtoMessage.WriteTo(ProtoWriter writer)
    {
        foreach (var i in Inputs) writer.WriteStringField(InputField, i);
        foreach (var o in Outputs) writer.WriteStringField(OutputField, o);
        writer.WriteStringField(NameField, Name);
        writer.WriteStringField(OpTypeField, OpType);
        foreach (var a in Attributes ?? []) writer.WriteMessageField(AttributeField, a);
        if (DocString is not null) writer.WriteStringField(DocStringField, DocString);
    }
}
