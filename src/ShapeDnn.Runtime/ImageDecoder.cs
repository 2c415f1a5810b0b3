using StbImageSharp;

namespace ShapeDnn.Runtime;

/// <summary>
/// Turns an encoded image into the bytes a generated class's raw <c>Predict</c> takes: decoded with
/// StbImageSharp (pure managed, so an app carries no extra native library), converted to grey or RGB
/// as the network was trained, resized to the network's input and laid out channel plane by plane.
/// </summary>
/// <remarks>
/// Resizing stretches the whole image to the input size (no crop, no padding) with area averaging:
/// each output pixel is the mean of the source area it covers, weighted by overlap, so shrinking a
/// photo does not alias and an image already of the input size passes through unchanged. Grey is
/// stb_image's luma, (77 R + 150 G + 29 B) / 256; alpha is dropped.
/// </remarks>
public static class ImageDecoder
{
    /// <summary>Decodes and resizes an image to <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/> bytes.</summary>
    /// <param name="image">The encoded image.</param>
    /// <param name="channels">1 for grey, 3 for RGB.</param>
    /// <param name="height">Output height in pixels.</param>
    /// <param name="width">Output width in pixels.</param>
    /// <returns>Channel planes of <paramref name="height"/> rows of <paramref name="width"/> bytes, values 0 to 255.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A channel count other than 1 or 3, or a size below 1.</exception>
    /// <exception cref="InvalidDataException">The bytes are not an image in a supported format.</exception>
    public static byte[] DecodeToPlanes(EncodedImage image, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(image);
        var components = channels switch
        {
            1 => ColorComponents.Grey,
            3 => ColorComponents.RedGreenBlue,
            _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "Only grey (1) and RGB (3) images are supported."),
        };
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);

        ImageResult decoded;
        try
        {
            decoded = ImageResult.FromMemory(image.Bytes, components);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // stb reports every malformed or unsupported file with a plain Exception.
            throw new InvalidDataException($"The {image.Bytes.Length} bytes are not an image ShapeDnn can decode (PNG, JPEG, BMP, GIF, TGA, PSD, HDR, PNM): {e.Message}", e);
        }
        return ResizeToPlanes(decoded.Data, decoded.Width, decoded.Height, channels, width, height);
    }

    /// <summary>Resizes interleaved pixels (row after row, channels of a pixel together) into channel planes.</summary>
    internal static byte[] ResizeToPlanes(byte[] interleaved, int sourceWidth, int sourceHeight, int channels, int width, int height)
    {
        var columns = AreaWeights(sourceWidth, width);
        var rows = AreaWeights(sourceHeight, height);

        // Horizontal pass into floats, then vertical pass; separable because a box filter is.
        var horizontal = new float[sourceHeight * width * channels];
        for (int y = 0; y < sourceHeight; y++)
        {
            int sourceRow = y * sourceWidth * channels;
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    float sum = 0;
                    foreach (var (index, weight) in columns[x]) sum += weight * interleaved[sourceRow + index * channels + c];
                    horizontal[(y * width + x) * channels + c] = sum;
                }
        }

        var planes = new byte[channels * height * width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    float sum = 0;
                    foreach (var (index, weight) in rows[y]) sum += weight * horizontal[(index * width + x) * channels + c];
                    planes[(c * height + y) * width + x] = (byte)Math.Clamp(MathF.Round(sum), 0, 255);
                }
        return planes;
    }

    // Output pixel o covers the source interval [o * scale, (o + 1) * scale); each source pixel i
    // contributes the length of its overlap with that interval, divided by the interval's length.
    private static (int Index, float Weight)[][] AreaWeights(int sourceSize, int size)
    {
        double scale = (double)sourceSize / size;
        var weights = new (int, float)[size][];
        for (int o = 0; o < size; o++)
        {
            double start = o * scale, end = (o + 1) * scale;
            int first = (int)Math.Floor(start), last = Math.Min(sourceSize - 1, (int)Math.Ceiling(end) - 1);
            var list = new List<(int, float)>(last - first + 1);
            for (int i = first; i <= last; i++)
            {
                double overlap = Math.Min(end, i + 1) - Math.Max(start, i);
                if (overlap > 0) list.Add((i, (float)(overlap / scale)));
            }
            weights[o] = list.ToArray();
        }
        return weights;
    }
}
