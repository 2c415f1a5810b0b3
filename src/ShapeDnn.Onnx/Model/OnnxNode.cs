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
    IReadOnlyList<OnnxAttribute>? Attributes = null)
{
    /// <summary>Optional documentation.</summary>
    public string? DocString { get; init; }

    internal NodeProto ToProto()
    {
        var proto = new NodeProto { Name = Name, OpType = OpType, Input = { Inputs }, Output = { Outputs } };
        foreach (var a in Attributes ?? []) proto.Attribute.Add(a.ToProto());
        if (DocString is not null) proto.DocString = DocString;
        return proto;
    }
}
