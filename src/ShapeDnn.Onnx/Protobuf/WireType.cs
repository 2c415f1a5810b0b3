namespace ShapeDnn.Onnx.Protobuf;

/// <summary>The protobuf wire types this writer emits (groups and fixed64 are not needed by ONNX here).</summary>
internal enum WireType
{
    Varint = 0,
    LengthDelimited = 2,
    Fixed32 = 5,
}
