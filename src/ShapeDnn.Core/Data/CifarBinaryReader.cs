namespace ShapeDnn.Data;

/// <summary>
/// Reads CIFAR-10 binary batches: records of one label byte followed by 3 × 32 × 32 pixel bytes,
/// planar RGB (all red, then green, then blue), which is already the layout of <see cref="ImageDataset"/>.
/// </summary>
internal static class CifarBinaryReader
{
    public const int Channels = 3, Side = 32, Classes = 10;
    public const int PixelsPerImage = Channels * Side * Side;
    public const int RecordLength = 1 + PixelsPerImage;

    /// <summary>Concatenates the records of <paramref name="files"/> into one pixel array and one label array.</summary>
    public static (byte[] Pixels, byte[] Labels) Read(IReadOnlyList<DatasetFile> files)
    {
        foreach (var file in files)
        {
            if (file.Raw.Length == 0)
                throw file.Malformed("is empty; a CIFAR-10 batch holds records of 3073 bytes.");
            if (file.Raw.Length % RecordLength != 0)
                throw file.Malformed(
                    $"is truncated: {file.Raw.Length} bytes is not a whole number of {RecordLength}-byte CIFAR-10 records ({file.Raw.Length / RecordLength} whole records and {file.Raw.Length % RecordLength} bytes left over).");
        }

        int count = files.Sum(f => f.Raw.Length / RecordLength);
        var pixels = new byte[(long)count * PixelsPerImage];
        var labels = new byte[count];
        int image = 0;
        foreach (var file in files)
        {
            var raw = file.Raw.AsSpan();
            for (int r = 0; r < raw.Length / RecordLength; r++, image++)
            {
                var record = raw.Slice(r * RecordLength, RecordLength);
                if (record[0] >= Classes)
                    throw file.Malformed($"has label {record[0]} in record {r}, outside the CIFAR-10 range 0..{Classes - 1}.");
                labels[image] = record[0];
                record[1..].CopyTo(pixels.AsSpan(image * PixelsPerImage, PixelsPerImage));
            }
        }
        return (pixels, labels);
    }
}
