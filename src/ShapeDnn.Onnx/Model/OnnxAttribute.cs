using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Model;

/// <summary>An ONNX <c>AttributeProto</c> of one of the kinds the exporter needs: float, int, string or ints.</summary>
public sealed class OnnxAttribute : IProtoMessage
{
    // AttributeProto.AttributeType values.
    private const int FloatType = 1, IntType = 2, StringType = 3, IntsType = 7;

    // Field numbers of onnx.proto AttributeProto.
    private const int NameField = 1, FField = 2, IField = 3, SField = 4, IntsField = 8, TypeField = 20;

    private readonly int _type;
    private readonly float _float;
    private readonly long _int;
    private readonly string? _string;
    private readonly long[]? _ints;

    private OnnxAttribute(string name, int type, float f = 0, long i = 0, string? s = null, long[]? ints = null)
    {
        Name = name;
        _type = type;
        _float = f;
        _int = i;
        _string = s;
        _ints = ints;
    }

    /// <summary>Attribute name, e.g. <c>strides</c>.</summary>
    public string Name { get; }

    /// <summary>A FLOAT attribute.</summary>
    public static OnnxAttribute Float(string name, float value) => new(name, FloatType, f: value);

    /// <summary>An INT attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, IntType, i: value);

    /// <summary>A STRING attribute (UTF-8).</summary>
    public static OnnxAttribute String(string name, string value) => new(name, StringType, s: value);

    /// <summary>An INTS attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, IntsType, ints: (long[])values.Clone());

    long IProtoMessage.CalculateSize()
    {
        long size = ProtoSize.StringField(NameField, Name);
        switch (_type)
        {
            case FloatType: size += ProtoSize.FloatField(FField); break;
            case IntType: size += ProtoSize.Int64Field(IField, _int); break;
            case StringType: size += ProtoSize.StringField(SField, _string!); break;
            case IntsType:
                // proto2 repeated int64 without [packed=true]: one tag per element.
                foreach (long v in _ints!) size += ProtoSize.Int64Field(IntsField, v);
                break;
        }
        return size + ProtoSize.Int64Field(TypeField, _type);
    }

    void IProtoMessage.WriteTo(ProtoWriter writer)
    {
        writer.WriteStringField(NameField, Name);
        switch (_type)
        {
            case FloatType: writer.WriteFloatField(FField, _float); break;
            case IntType: writer.WriteInt64Field(IField, _int); break;
            case StringType: writer.WriteStringField(SField, _string!); break;
            case IntsType:
                foreach (long v in _ints!) writer.WriteInt64Field(IntsField, v);
                break;
        }
        writer.WriteInt64Field(TypeField, _type);
    }
}
