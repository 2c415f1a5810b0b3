using ShapeDnn.DesignSpace;

namespace ShapeDnn.Data;

/// <summary>
/// Images and labels held in memory exactly as the dataset stores them: one byte per pixel and
/// channel, each image planar channel-major (C × H × W), row-major within a plane.
/// </summary>
public sealed class ImageDataset
{
    /// <summary>Creates a dataset over <paramref name="pixels"/> and <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">Pixel count or label range does not match the geometry.</exception>
    public ImageDataset(InputShape shape, byte[] pixels, byte[] labels)
    {
        if (pixels.LongLength != (long)labels.Length * shape.PixelCount)
            throw new ArgumentException($"{pixels.LongLength} pixel bytes do not make {labels.Length} images of {shape.PixelCount} bytes.");
        foreach (var label in labels)
            if (label >= shape.Classes)
                throw new ArgumentException($"Label {label} is outside 0..{shape.Classes - 1}.");
        Shape = shape;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>Geometry of every image and the class count.</summary>
    public InputShape Shape { get; }

    /// <summary>All pixels, image after image.</summary>
    public byte[] Pixels { get; }

    /// <summary>One label per image, 0 … classes−1.</summary>
    public byte[] Labels { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * Shape.PixelCount, Shape.PixelCount);

    /// <summary>A new dataset holding the images at <paramref name="indices"/>, in that order.</summary>
    public ImageDataset Select(IReadOnlyList<int> indices)
    {
        int size = Shape.PixelCount;
        var pixels = new byte[(long)indices.Count * size];
        var labels = new byte[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * size, size));
            labels[i] = Labels[indices[i]];
        }
        return new ImageDataset(Shape, pixels, labels);
    }
}
