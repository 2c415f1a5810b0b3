using ShapeDnn.Data;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Trainer;

/// <summary>
/// A dataset prepared once as tensors on the compute device: normalised fp32 images (optionally
/// zero-padded for random crops) and int64 labels. Batches are then cut out with tensor ops only.
/// </summary>
internal sealed class DeviceImages : IDisposable
{
    private DeviceImages(Tensor images, Tensor labels, int padding)
    {
        Images = images;
        Labels = labels;
        Padding = padding;
    }

    /// <summary>N × C × (H + 2·padding) × (W + 2·padding), normalised.</summary>
    public Tensor Images { get; }

    /// <summary>N labels, int64.</summary>
    public Tensor Labels { get; }

    /// <summary>Zero-pixel border added on every side.</summary>
    public int Padding { get; }

    public long Count => Labels.shape[0];

    /// <summary>Uploads <paramref name="dataset"/>, padded by <paramref name="padding"/> pixels of value 0 (black) before normalisation.</summary>
    /// <remarks>The element type kept on the device is fp32, or bf16 for bf16 training (half the memory traffic per batch).</remarks>
    public static DeviceImages Create(ImageDataset dataset, ChannelNormalization normalization, int padding, Device device, ScalarType storage = ScalarType.Float32)
    {
        var s = dataset.Shape;
        using var scope = NewDisposeScope();
        var images = tensor(dataset.Pixels, [dataset.Count, s.Channels, s.Height, s.Width]).to(ScalarType.Float32).div_(255);
        // Padding the [0, 1] pixels (not the normalised values) matches torchvision's RandomCrop(padding)
        // before Normalize, which is what a plain PyTorch run of the recipe does.
        if (padding > 0) images = nn.functional.pad(images, [padding, padding, padding, padding]);
        var mean = tensor(normalization.Mean).view(1, s.Channels, 1, 1);
        var std = tensor(normalization.Std).view(1, s.Channels, 1, 1);
        images = images.sub_(mean).div_(std).to(storage).to(device);
        var labels = tensor(dataset.Labels).to(ScalarType.Int64).to(device);
        return new DeviceImages(images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), padding);
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
