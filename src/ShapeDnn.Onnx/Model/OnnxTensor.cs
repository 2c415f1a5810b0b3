using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Model;

/// <summary>
/// An fp32 ONNX <c>TensorProto</c> (an initializer or a constant). The elements are referenced, not
/// copied, and written as little-endian <c>raw_data</c>.
/// </summary>
public sealed class OnnxTensor
{
    /// <summary>ONNX <c>TensorProto.DataType.FLOAT</c>.</summary>
    public const int FloatDataType = (int)TensorProto.Types.DataType.Float;

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

    /// <summary>Bytes of <c>raw_data</c>.</summary>
    internal long RawDataLength => (long)Data.Length * sizeof(float);

    internal TensorProto ToProto()
    {
        var proto = new TensorProto { Dims = { Dimensions }, DataType = FloatDataType, Name = Name, RawData = FloatBytes.ToByteString(Data) };
        if (DocString is not null) proto.DocString = DocString;
        return proto;
    }
}
