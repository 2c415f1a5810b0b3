using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;

namespace ShapeDnn.Onnx.Model;

/// <summary>
/// fp32 values as the little-endian bytes of ONNX <c>raw_data</c>. On a little-endian machine the
/// memory layout already is the wire layout, so the weights are wrapped, not copied: a 150 MB tensor
/// goes from the trained weights straight to the file (protobuf's <see cref="ByteString"/> takes a
/// <see cref="ReadOnlyMemory{T}"/> of bytes, hence this view of the floats as bytes).
/// </summary>
internal sealed class FloatBytes : MemoryManager<byte>
{
    private readonly ReadOnlyMemory<float> _floats;

    private FloatBytes(ReadOnlyMemory<float> floats) => _floats = floats;

    public static ByteString ToByteString(ReadOnlyMemory<float> floats)
    {
        if (BitConverter.IsLittleEndian)
            return UnsafeByteOperations.UnsafeWrap(new FloatBytes(floats).Memory);
        var bytes = new byte[floats.Length * sizeof(float)];
        var values = floats.Span;
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return UnsafeByteOperations.UnsafeWrap(bytes);
    }

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(MemoryMarshal.AsMemory(_floats).Span);

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        // Pin the floats themselves and release that pin when the byte view is unpinned.
        var floats = MemoryMarshal.AsMemory(_floats).Pin();
        return new MemoryHandle((byte*)floats.Pointer + elementIndex, pinnable: new Release(floats));
    }

    public override void Unpin() { }

    protected override void Dispose(bool disposing) { }

    /// <summary>The token a byte handle carries: disposing the handle unpins the floats (it is never pinned itself).</summary>
    private sealed class Release(MemoryHandle floats) : IPinnable
    {
        public MemoryHandle Pin(int elementIndex) => throw new NotSupportedException("A release token is not pinned.");

        public void Unpin() => floats.Dispose();
    }
}
