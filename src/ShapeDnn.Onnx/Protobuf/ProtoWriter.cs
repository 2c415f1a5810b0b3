using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace ShapeDnn.Onnx.Protobuf;

/// <summary>
/// Writes the protobuf wire format to a stream: varints, fixed32, and length-delimited fields.
/// Small fields go through an internal buffer; large spans (tensor data) bypass it so that a
/// 150 MB weight tensor is copied once, from the float array to the stream.
/// </summary>
internal sealed class ProtoWriter : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private const int ConversionChunk = 16 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _count;
    private long _flushed;

    public ProtoWriter(Stream stream) => _stream = stream;

    /// <summary>Bytes written so far, buffered or not.</summary>
    public long Position => _flushed + _count;

    public void WriteVarint(ulong value)
    {
        Reserve(10);
        while (value >= 0x80)
        {
            _buffer[_count++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_count++] = (byte)value;
    }

    public void WriteTag(int fieldNumber, WireType wireType) =>
        WriteVarint(((uint)fieldNumber << 3) | (uint)wireType);

    /// <summary>An int64 (or int32 / enum) field. Negative values are sign-extended to 64 bits, per the protobuf spec.</summary>
    public void WriteInt64Field(int fieldNumber, long value)
    {
        WriteTag(fieldNumber, WireType.Varint);
        WriteVarint((ulong)value);
    }

    public void WriteFloatField(int fieldNumber, float value)
    {
        WriteTag(fieldNumber, WireType.Fixed32);
        Reserve(4);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(_count), value);
        _count += 4;
    }

    public void WriteStringField(int fieldNumber, string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        WriteTag(fieldNumber, WireType.LengthDelimited);
        WriteVarint((ulong)length);
        if (length <= BufferSize)
        {
            Reserve(length);
            _count += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_count));
        }
        else
        {
            WriteRaw(Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>A bytes field whose content is fp32 values, little-endian (ONNX raw_data).</summary>
    public void WriteFloatsAsBytesField(int fieldNumber, ReadOnlySpan<float> values)
    {
        WriteTag(fieldNumber, WireType.LengthDelimited);
        WriteVarint((ulong)values.Length * sizeof(float));
        if (BitConverter.IsLittleEndian)
        {
            // The in-memory layout already is the wire layout: no per-element work at all.
            WriteRaw(MemoryMarshal.AsBytes(values));
            return;
        }
        Span<byte> chunk = stackalloc byte[ConversionChunk];
        while (!values.IsEmpty)
        {
            int n = Math.Min(values.Length, ConversionChunk / sizeof(float));
            for (int i = 0; i < n; i++)
                BinaryPrimitives.WriteSingleLittleEndian(chunk[(i * sizeof(float))..], values[i]);
            WriteRaw(chunk[..(n * sizeof(float))]);
            values = values[n..];
        }
    }

    /// <summary>An embedded message: tag, length, body. Verifies the body had the announced length.</summary>
    public void WriteMessageField(int fieldNumber, IProtoMessage message)
    {
        long size = message.CalculateSize();
        WriteTag(fieldNumber, WireType.LengthDelimited);
        WriteVarint((ulong)size);
        long start = Position;
        message.WriteTo(this);
        if (Position - start != size)
            throw new InvalidOperationException(
                $"Protobuf size mismatch in {message.GetType().Name}: announced {size} bytes, wrote {Position - start}.");
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= BufferSize - _count)
        {
            bytes.CopyTo(_buffer.AsSpan(_count));
            _count += bytes.Length;
            return;
        }
        Flush();
        if (bytes.Length < BufferSize)
        {
            bytes.CopyTo(_buffer);
            _count = bytes.Length;
        }
        else
        {
            _stream.Write(bytes);
            _flushed += bytes.Length;
        }
    }

    /// <summary>Writes buffered bytes to the stream (does not flush the stream itself).</summary>
    public void Flush()
    {
        if (_count == 0) return;
        _stream.Write(_buffer, 0, _count);
        _flushed += _count;
        _count = 0;
    }

    /// <summary>Returns the buffer to the pool. Does not flush: after a failure there is nothing worth writing.</summary>
    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private void Reserve(int bytes)
    {
        if (BufferSize - _count < bytes) Flush();
    }
}
