using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Model;

/// <summary>An ONNX <c>ValueInfoProto</c> for an fp32 tensor: a graph input or output with its shape.</summary>
/// <param name="Name">Value name.</param>
/// <param name="Dimensions">Shape; symbolic dimensions allow e.g. a dynamic batch.</param>
public sealed record OnnxValueInfo(string Name, IReadOnlyList<OnnxDimension> Dimensions)
{
    /// <summary>Optional documentation.</summary>
    public string? DocString { get; init; }

    internal ValueInfoProto ToProto()
    {
        var shape = new TensorShapeProto();
        foreach (var d in Dimensions)
        {
            // default(OnnxDimension) has neither: an unknown dimension, which ONNX allows.
            var dim = new TensorShapeProto.Types.Dimension();
            if (d.Parameter is { } p) dim.DimParam = p;
            else if (d.Value is { } v) dim.DimValue = v;
            shape.Dim.Add(dim);
        }
        var proto = new ValueInfoProto
        {
            Name = Name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = OnnxTensor.FloatDataType, Shape = shape } },
        };
        if (DocString is not null) proto.DocString = DocString;
        return proto;
    }
}
