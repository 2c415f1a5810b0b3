namespace ShapeDnn.Onnx.Protobuf;

/// <summary>
/// A message that can report its encoded size before it is written. Protobuf prefixes every
/// embedded message with its length, so sizes are computed first and the bytes are then streamed
/// once, straight to their destination, without building intermediate buffers of the weights.
/// </summary>
internal interface IProtoMessage
{
    /// <summary>Exact number of bytes <see cref="WriteTo"/> will write.</summary>
    long CalculateSize();

    /// <summary>Writes the message body (without its own tag or length prefix).</summary>
    void WriteTo(ProtoWriter writer);
}
