using System.Buffers.Binary;

namespace ShapeDnn.Data;

/// <summary>
/// Reads the IDX files of the MNIST family (MNIST, Fashion-MNIST, KMNIST): a big-endian header of
/// magic number and dimensions, then unsigned bytes.
/// </summary>
internal static class IdxReader
{
    /// <summary>Magic of an image file: unsigned byte data (0x08), three dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic of a label file: unsigned byte data (0x08), one dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Largest accepted image side; larger values are a corrupt header, not a real dataset.</summary>
    private const int MaxSide = ShapeDnn.Diagnostics.Limits.MaxImageSide;

    /// <summary>Images as stored: count × rows × columns bytes.</summary>
    public readonly record struct Images(int Count, int Rows, int Columns, byte[] Pixels);

    public static Images ReadImages(DatasetFile file)
    {
        using var content = file.OpenContent();
        Span<byte> header = stackalloc byte[16];
        file.ReadExactly(content, header, 0, "the 16-byte IDX image header");
        CheckMagic(file, header, ImagesMagic, "image");
        int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        int rows = BinaryPrimitives.ReadInt32BigEndian(header[8..]);
        int columns = BinaryPrimitives.ReadInt32BigEndian(header[12..]);
        if (count <= 0 || rows <= 0 || columns <= 0 || rows > MaxSide || columns > MaxSide)
            throw file.Malformed(
                $"has an inconsistent dimension header: {count} images of {rows}x{columns} pixels (expected at least one image, sides 1..{MaxSide}).");
        long length = (long)count * rows * columns;
        if (length > Array.MaxLength)
            throw file.Malformed($"has an inconsistent dimension header: {count} images of {rows}x{columns} pixels is {length} bytes, more than one array can hold.");

        var pixels = file.ReadPromised(content, length, header.Length, $"{count} images of {rows}x{columns} pixels");
        file.ExpectEnd(content, header.Length + length);
        return new Images(count, rows, columns, pixels);
    }

    public static byte[] ReadLabels(DatasetFile file)
    {
        using var content = file.OpenContent();
        Span<byte> header = stackalloc byte[8];
        file.ReadExactly(content, header, 0, "the 8-byte IDX label header");
        CheckMagic(file, header, LabelsMagic, "label");
        int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        if (count <= 0)
            throw file.Malformed($"has an inconsistent dimension header: {count} labels (expected at least one).");
        var labels = file.ReadPromised(content, count, header.Length, $"{count} labels");
        file.ExpectEnd(content, header.Length + count);
        return labels;
    }

    private static void CheckMagic(DatasetFile file, ReadOnlySpan<byte> header, int expected, string kind)
    {
        int found = BinaryPrimitives.ReadInt32BigEndian(header);
        if (found != expected)
            throw file.Malformed(
                $"has the wrong magic number for an IDX {kind} file: expected 0x{expected:X8}, found 0x{found:X8}.");
    }
}
