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
internal sealed class CropFlipAugmenter(int height, int width, bool flip, Generator generator, bool channelsLast = false)
{
    /// <summary>The augmented images at <paramref name="indices"/> (int64, on the images' device), with fresh random crops and flips.</summary>
    public Tensor Batch(DeviceImages data, Tensor indices)
    {
        using var draws = Draw(indices.shape[0], data.Images.device, data.Padding);
        return Batch(data, indices, draws, 0);
    }

    /// <summary>
    /// Draws crop offsets and flips for <paramref name="count"/> images at once and uploads them in one
    /// copy, so that a training epoch does no host-to-device transfer per batch.
    /// </summary>
    /// <remarks>Random numbers come from the CPU generator whatever the device, so that a seed means the same run everywhere.</remarks>
    public AugmentationDraws Draw(long count, Device device, int padding)
    {
        var top = randint(0, 2 * padding + 1, [count, 1, 1, 1], ScalarType.Int64, generator: generator);
        var left = randint(0, 2 * padding + 1, [count, 1, 1, 1], ScalarType.Int64, generator: generator);
        var flipped = rand([count, 1, 1, 1], generator: generator) < 0.5;
        return new AugmentationDraws(top.to(device), left.to(device), flipped.to(device));
    }

    /// <summary>The augmented images at <paramref name="indices"/>, using the draws from position <paramref name="offset"/> on.</summary>
    public Tensor Batch(DeviceImages data, Tensor indices, AugmentationDraws draws, long offset)
    {
        if (data.Padding == 0 && !flip)
        {
            var plain = data.Images.index_select(0, indices);
            return channelsLast ? Model.ComputeMode.ToChannelsLast(plain) : plain;
        }

        var device = data.Images.device;
        long n = indices.shape[0], channels = data.Images.shape[1];
        long paddedHeight = data.Images.shape[2], paddedWidth = data.Images.shape[3];
        var top = draws.Top.narrow(0, offset, n);
        var left = draws.Left.narrow(0, offset, n);
        var columns = arange(width, ScalarType.Int64, device).view(1, 1, 1, width);
        if (flip) columns = where(draws.Flipped.narrow(0, offset, n), (width - 1) - columns, columns);
        var rows = top + arange(height, ScalarType.Int64, device).view(1, 1, height, 1);
        var planes = indices.view(n, 1, 1, 1) * channels + arange(channels, ScalarType.Int64, device).view(1, channels, 1, 1);
        // Flat offset of pixel (image, channel, row, column) in the padded dataset, broadcast to n × C × H × W.
        var offsets = planes * (paddedHeight * paddedWidth) + rows * paddedWidth + left + columns;
        // For channels-last, gather in N × H × W × C order: take's result is contiguous in its index's
        // shape, so the permuted view back to N × C × H × W is NHWC in memory at no extra copy.
        return channelsLast
            ? data.Images.take(offsets.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
            : data.Images.take(offsets);
    }
}

/// <summary>Per-image crop offsets (n × 1 × 1 × 1, int64) and flips (bool) for one epoch, on the compute device.</summary>
internal sealed record AugmentationDraws(Tensor Top, Tensor Left, Tensor Flipped) : IDisposable
{
    public void Dispose()
    {
        Top.Dispose();
        Left.Dispose();
        Flipped.Dispose();
    }
}
