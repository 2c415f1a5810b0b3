using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Model;

/// <summary>An ONNX <c>ValueInfoProto</c> for an fp32 tensor: a graph input or output with its shape.</summary>
/// <param name="Name">Value name.</param>
/// <param name="Dimensions">Shape; symbolic dimensions allow e.g. a dynamic batch.</param>
public sealed record OnnxValueInfo(string Name, IReadOnlyList<OnnxDimension> Dimensions) : IProtoMessage
{
    /// <summary>Optional documentation.</summary>
    public string? DocString { get; init; }

    // ValueInfoProto: name = 1, type = 2, doc_string = 3.
    private const int NameField = 1, TypeField = 2, DocStringField = 3;

    long IProtoMessage.CalculateSize()
    {
        long size = ProtoSize.StringField(NameField, Name) + ProtoSize.MessageField(TypeField, new TypeProto(Dimensions));
        if (DocString is not null) size += ProtoSize.StringField(DocStringField, DocString);
        return size;
    }

    void IProtoMessage.WriteTo(ProtoWriter writer)
    {
        writer.WriteStringField(NameField, Name);
        writer.WriteMessageField(TypeField, new TypeProto(Dimensions));
        if (DocString is not null) writer.WriteStringField(DocStringField, DocString);
    }

    /// <summary>TypeProto { tensor_type = 1 }.</summary>
    private sealed class TypeProto(IReadOnlyList<OnnxDimension> dimensions) : IProtoMessage
    {
        public long CalculateSize() => ProtoSize.MessageField(1, new TensorType(dimensions));

        public void WriteTo(ProtoWriter writer) => writer.WriteMessageField(1, new TensorType(dimensions));
    }

    /// <summary>TypeProto.Tensor { elem_type = 1, shape = 2 }.</summary>
    private sealed class TensorType(IReadOnlyList<OnnxDimension> dimensions) : IProtoMessage
    {
        public long CalculateSize() =>
            ProtoSize.Int64Field(1, OnnxTensor.FloatDataType) + ProtoSize.MessageField(2, new ShapeProto(dimensions));

        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteInt64Field(1, OnnxTensor.FloatDataType);
            writer.WriteMessageField(2, new ShapeProto(dimensions));
        }
    }

    /// <summary>TensorShapeProto { repeated Dimension dim = 1 }.</summary>
    private sealed class ShapeProto(IReadOnlyList<OnnxDimension> dimensions) : IProtoMessage
    {
        public long CalculateSize() => dimensions.Sum(d => ProtoSize.MessageField(1, new DimensionProto(d)));

        public void WriteTo(ProtoWriter writer)
        {
            foreach (var d in dimensions) writer.WriteMessageField(1, new DimensionProto(d));
        }
    }

    /// <summary>TensorShapeProto.Dimension { oneof { dim_value = 1, dim_param = 2 } }.</summary>
    private sealed class DimensionProto(OnnxDimension dimension) : IProtoMessage
    {
        // default(OnnxDimension) has neither: an unknown dimension, which ONNX allows.
        public long CalculateSize() =>
            dimension.Parameter is { } p ? ProtoSize.StringField(2, p)
            : dimension.Value is { } v ? ProtoSize.Int64Field(1, v)
            : 0;

        public void WriteTo(ProtoWriter writer)
        {
            if (dimension.Parameter is { } p) writer.WriteStringField(2, p);
            else if (dimension.Value is { } v) writer.WriteInt64Field(1, v);
        }
    }
}
