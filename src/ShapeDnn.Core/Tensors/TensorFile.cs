using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ShapeDnn.Tensors;

/// <summary>
/// Reads and writes a set of named fp32 tensors: ShapeDnn's own weight file, independent of
/// TorchSharp and ONNX so that the cache, the trainer and the exporter share one format.
/// </summary>
/// <remarks>
/// Layout (little-endian): magic <c>SDNNTNS1</c>, int32 count, then per tensor: int32 name length,
/// UTF-8 name, int32 rank, int32 dimensions, fp32 elements; finally the 32-byte SHA-256 of
/// everything before it, so that a truncated or altered file is always detected.
/// </remarks>
public static class TensorFile
{
    private static readonly byte[] Magic = "SDNNTNS1"u8.ToArray();

    /// <summary>Serialises <paramref name="tensors"/> to bytes.</summary>
    public static byte[] Serialize(IEnumerable<NamedTensor> tensors)
    {
        var list = tensors.ToList();
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(list.Count);
            foreach (var t in list)
            {
                if (t.ElementCount != t.Data.Length)
                    throw new ArgumentException($"Tensor '{t.Name}' has {t.Data.Length} elements but dimensions imply {t.ElementCount}.");
                var name = Encoding.UTF8.GetBytes(t.Name);
                w.Write(name.Length);
                w.Write(name);
                w.Write(t.Dimensions.Length);
                foreach (var d in t.Dimensions) w.Write(d);
                if (BitConverter.IsLittleEndian)
                    w.Write(MemoryMarshal.AsBytes(t.Data.AsSpan()));
                else
                    foreach (var value in t.Data) w.Write(value); // BinaryWriter writes little-endian

            }
        }
        var body = ms.ToArray();
        var hash = SHA256.HashData(body);
        var result = new byte[body.Length + hash.Length];
        body.CopyTo(result, 0);
        hash.CopyTo(result, body.Length);
        return result;
    }

    /// <summary>Parses bytes written by <see cref="Serialize"/>.</summary>
    /// <exception cref="InvalidDataException">The data is truncated, altered or not a tensor file.</exception>
    public static IReadOnlyList<NamedTensor> Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.Length < Magic.Length + 4 + 32 || !data[..Magic.Length].SequenceEqual(Magic))
            throw new InvalidDataException("Not a ShapeDnn tensor file (bad magic or too short).");
        var body = data[..^32];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(data[^32..]))
            throw new InvalidDataException("Tensor file checksum mismatch: the file is truncated or corrupt.");

        int pos = Magic.Length;
        int count = ReadInt(body, ref pos);
        var result = new List<NamedTensor>(count);
        for (int n = 0; n < count; n++)
        {
            int nameLength = ReadInt(body, ref pos);
            string name = Encoding.UTF8.GetString(Take(body, ref pos, nameLength));
            int rank = ReadInt(body, ref pos);
            var dims = new int[rank];
            for (int i = 0; i < rank; i++) dims[i] = ReadInt(body, ref pos);
            long elements = dims.Aggregate(1L, (a, d) => a * d);
            var raw = Take(body, ref pos, checked((int)(elements * 4)));
            var values = new float[elements];
            if (BitConverter.IsLittleEndian)
                raw.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            else
                for (int i = 0; i < values.Length; i++)
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
            result.Add(new NamedTensor(name, dims, values));
        }
        if (pos != body.Length) throw new InvalidDataException("Tensor file has trailing bytes.");
        return result;
    }

    private static int ReadInt(ReadOnlySpan<byte> body, ref int pos)
    {
        int value = BinaryPrimitives.ReadInt32LittleEndian(Take(body, ref pos, 4));
        if (value < 0) throw new InvalidDataException("Tensor file holds a negative length.");
        return value;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> body, ref int pos, int length)
    {
        if (length < 0 || pos + length > body.Length) throw new InvalidDataException("Tensor file is truncated.");
        var slice = body.Slice(pos, length);
        pos += length;
        return slice;
    }
}
