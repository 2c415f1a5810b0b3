using System.Text;

namespace ShapeDnn.Onnx.Protobuf;

/// <summary>Encoded sizes of protobuf fields, mirroring the methods of <see cref="ProtoWriter"/>.</summary>
internal static class ProtoSize
{
    public static int Varint(ulong value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    public static int Tag(int fieldNumber) => Varint((uint)fieldNumber << 3);

    /// <summary>An int64 or int32 field; negative values take ten bytes (sign-extended, as protobuf requires).</summary>
    public static int Int64Field(int fieldNumber, long value) => Tag(fieldNumber) + Varint((ulong)value);

    public static int FloatField(int fieldNumber) => Tag(fieldNumber) + sizeof(float);

    public static long StringField(int fieldNumber, string value) => BytesField(fieldNumber, Encoding.UTF8.GetByteCount(value));

    public static long BytesField(int fieldNumber, long length) => Tag(fieldNumber) + Varint((ulong)length) + length;

    public static long MessageField(int fieldNumber, IProtoMessage message) => BytesField(fieldNumber, message.CalculateSize());
}
