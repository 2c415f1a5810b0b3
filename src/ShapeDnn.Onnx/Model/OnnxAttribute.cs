using Google.Protobuf;
using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Model;

/// <summary>An ONNX <c>AttributeProto</c> of one of the kinds the exporter needs: float, int, string or ints.</summary>
public sealed class OnnxAttribute
{
    private readonly AttributeProto _proto;

    private OnnxAttribute(AttributeProto proto) => _proto = proto;

    /// <summary>Attribute name, e.g. <c>strides</c>.</summary>
    public string Name => _proto.Name;

    /// <summary>A FLOAT attribute.</summary>
    public static OnnxAttribute Float(string name, float value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    /// <summary>An INT attribute.</summary>
    public static OnnxAttribute Int(string name, long value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    /// <summary>A STRING attribute (UTF-8).</summary>
    public static OnnxAttribute String(string name, string value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });

    /// <summary>An INTS attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { values } });

    // Immutable once built; protobuf serialises a message shared by several nodes correctly.
    internal AttributeProto ToProto() => _proto;
}
