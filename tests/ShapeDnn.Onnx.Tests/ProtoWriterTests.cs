using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Tests;

/// <summary>Wire-format details the ONNX files depend on, checked against hand-encoded bytes.</summary>
public sealed class ProtoWriterTests
{
    private static byte[] Encode(Action<ProtoWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new ProtoWriter(stream))
        {
            write(writer);
            writer.Flush();
        }
        return stream.ToArray();
    }

    [TestCase(0UL, new byte[] { 0x00 })]
    [TestCase(1UL, new byte[] { 0x01 })]
    [TestCase(127UL, new byte[] { 0x7F })]
    [TestCase(128UL, new byte[] { 0x80, 0x01 })]
    [TestCase(300UL, new byte[] { 0xAC, 0x02 })]
    [TestCase(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Varint_MatchesTheProtobufEncoding(ulong value, byte[] expected)
    {
        Assert.That(Encode(w => w.WriteVarint(value)), Is.EqualTo(expected));
        Assert.That(ProtoSize.Varint(value), Is.EqualTo(expected.Length));
    }

    [Test]
    public void NegativeInt64_IsSignExtendedToTenBytes()
    {
        // Field 3 (AttributeProto.i), value −1: tag 0x18, then ten bytes.
        var bytes = Encode(w => w.WriteInt64Field(3, -1));

        Assert.That(bytes, Is.EqualTo(new byte[] { 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }));
        Assert.That(ProtoSize.Int64Field(3, -1), Is.EqualTo(bytes.Length));
    }

    [Test]
    public void StringField_IsLengthDelimitedUtf8()
    {
        var bytes = Encode(w => w.WriteStringField(2, "0…255"));

        // tag (2 << 3 | 2), length 7 (the ellipsis takes three bytes), then the UTF-8 bytes.
        Assert.That(bytes, Is.EqualTo(new byte[] { 0x12, 0x07, 0x30, 0xE2, 0x80, 0xA6, 0x32, 0x35, 0x35 }));
        Assert.That(ProtoSize.StringField(2, "0…255"), Is.EqualTo(bytes.Length));
    }

    [Test]
    public void FloatField_IsFixed32LittleEndian()
    {
        Assert.That(Encode(w => w.WriteFloatField(2, 1e-5f)), Is.EqualTo(new byte[] { 0x15, 0xAC, 0xC5, 0x27, 0x37 }));
    }

    [Test]
    public void FloatsLargerThanTheBuffer_AreWrittenLittleEndianAndInOrder()
    {
        var values = Enumerable.Range(0, 100_000).Select(i => i * 0.5f - 7).ToArray();

        var bytes = Encode(w =>
        {
            w.WriteStringField(8, "w");
            w.WriteFloatsAsBytesField(9, values);
        });

        int header = 3 + 1 + ProtoSize.Varint(400_000);
        Assert.That(bytes.Length, Is.EqualTo(header + 400_000));
        for (int i = 0; i < values.Length; i += 9973)
            Assert.That(BitConverter.ToSingle(bytes, header + 4 * i), Is.EqualTo(values[i]));
    }
}
