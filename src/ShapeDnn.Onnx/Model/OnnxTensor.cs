using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Model;

/// <summary>
/// An fp32 ONNX <c>TensorProto</c> (an initializer or a constant). The elements are referenced, not
/// copied, and written as little-endian <c>raw_data</c>.
/// </summary>
public sealed class OnnxTensor : IProtoMessage
{
    /// <summary>ONNX <c>TensorProto.DataType.FLOAT</c>.</summary>
    public const int FloatDataType = 1;

    /// <summary>Creates a tensor.</summary>
    /// <exception cref="ArgumentException">The element count does not match the dimensions.</exception>
    public OnnxTensor(string name, IReadOnlyList<long> dimensions, ReadOnlyMemory<float> data)
    {
        long count = 1;
        foreach (long d in dimensions) count *= d;
        if (count != data.Length)
            throw new ArgumentException(
                $"Tensor '{name}' has {data.Length} elements but dimensions [{string.Join(", ", dimensions)}] imply {count}.",
                nameof(data));
        Name = name;
        Dimensions = dimensions;
        Data = data;
    }

    /// <summary>Tensor name; initializers are referenced by it.</summary>
    public string Name { get; }

    /// <summary>Dimensions (row-major).</summary>
    public IReadOnlyList<long> Dimensions { get; }

    /// <summary>Elements, row-major.</summary>
    public ReadOnlyMemory<float> Data { get; }

    /// <summary>Optional documentation.</summary>
    public string? DocString { get; init; }

    // Field numbers of onnx.proto TensorProto; written in ascending order, as protobuf serializers do.
    private const int DimsField = 1, DataTypeField = 2, NameField = 8, RawDataField = 9, DocStringField = 12;

    long IProtoMessage.CalculateSize()
    {
        long size = 0;
        // dims is a proto2 repeated int64 without [packed=true]: one tag per element.
        foreach (long d in Dimensions) size += ProtoSize.Int64Field(DimsField, d);
        size += ProtoSize.Int64Field(DataTypeField, FloatDataType);
        size += ProtoSize.StringField(NameField, Name);
        size += ProtoSize.BytesField(RawDataField, (long)Data.Length * sizeof(float));
        if (DocString is not null) size += ProtoSize.StringField(DocStringField, DocString);
        return size;
    }

    void IProtoMessage.WriteTo(ProtoWriter writer)
    {
        foreach (long d in Dimensions) writer.WriteInt64Field(DimsField, d);
        writer.WriteInt64Field(DataTypeField, FloatDataType);
        writer.WriteStringField(NameField, Name);
        writer.WriteFloatsAsBytesField(RawDataField, Data.Span);
        if (DocString is not null) writer.WriteStringField(DocStringField, DocString);
    }
}
