using static TorchSharp.torch;

namespace ShapeDnn.Training.Trainer;

/// <summary>
/// Random crops (from the padded images) and horizontal flips for a whole batch at once: each image
/// gets its own offsets and flip, realised as one <c>take</c> from the padded dataset with a
/// broadcast index, so no per-image or per-pixel work happens in C# and a GPU sees a few kernels.
/// </summary>
/// <remarks>
/// Measured on 2 CPU cores for 128 images of 28×28: one <c>take</c> beats both a pair of
/// <c>gather</c>s (which pay for their expanded indices) and per-image narrow/flip/stack.
/// </remarks>
internal sealed class CropFlipAugmenter(int height, int width, bool flip, Generator generator)
{
    /// <summary>The augmented images at <paramref name="indices"/> (int64, on the images' device).</summary>
    public Tensor Batch(DeviceImages data, Tensor indices)
    {
        if (data.Padding == 0 && !flip) return data.Images.index_select(0, indices);

        var device = data.Images.device;
        long n = indices.shape[0], channels = data.Images.shape[1];
        long paddedHeight = data.Images.shape[2], paddedWidth = data.Images.shape[3];
        // Random numbers come from the CPU generator whatever the device, so that a seed means the same run everywhere.
        var top = randint(0, 2 * data.Padding + 1, [n, 1, 1, 1], ScalarType.Int64, generator: generator).to(device);
        var left = randint(0, 2 * data.Padding + 1, [n, 1, 1, 1], ScalarType.Int64, generator: generator).to(device);
        var columns = arange(width, ScalarType.Int64, device).view(1, 1, 1, width);
        if (flip)
        {
            var flipped = (rand([n, 1, 1, 1], generator: generator) < 0.5).to(device);
            columns = where(flipped, (width - 1) - columns, columns);
        }
        var rows = top + arange(height, ScalarType.Int64, device).view(1, 1, height, 1);
        var planes = indices.view(n, 1, 1, 1) * channels + arange(channels, ScalarType.Int64, device).view(1, channels, 1, 1);
        // Flat offset of pixel (image, channel, row, column) in the padded dataset, broadcast to n × C × H × W.
        var offsets = planes * (paddedHeight * paddedWidth) + rows * paddedWidth + left + columns;
        return data.Images.take(offsets);
    }
}
