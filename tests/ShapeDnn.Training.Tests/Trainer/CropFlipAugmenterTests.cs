using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Training.Trainer;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Tests.Trainer;

public sealed class CropFlipAugmenterTests
{
    private const int Side = 5, Padding = 2, Images = 6;

    /// <summary>Images whose pixels are all distinct, normalised as identity (mean 0, std 1/255), so values are pixel bytes.</summary>
    private static DeviceImages Distinct(int padding)
    {
        var shape = new InputShape(2, Side, Side, 2);
        var pixels = Enumerable.Range(0, Images * shape.PixelCount).Select(i => (byte)(i + 1)).ToArray();
        var set = new ImageDataset(shape, pixels, Enumerable.Range(0, Images).Select(i => (byte)(i % 2)).ToArray());
        return DeviceImages.Create(set, new ChannelNormalization([0f, 0f], [1f / 255, 1f / 255]), padding, CPU);
    }

    [Test]
    public void Every_output_is_a_crop_of_its_own_padded_image_possibly_mirrored_and_both_occur()
    {
        using var scope = NewDisposeScope();
        using var data = Distinct(Padding);
        using var generator = new Generator(3);
        var augmenter = new CropFlipAugmenter(Side, Side, flip: true, generator);
        var indices = tensor(new long[] { 4, 1, 1, 0, 5, 2 });
        var padded = data.Images.data<float>().ToArray();
        int paddedSide = Side + 2 * Padding;
        var seen = new HashSet<(int Dy, int Dx, bool Mirrored)>();

        for (int round = 0; round < 20; round++)
        {
            var batch = augmenter.Batch(data, indices);
            Assert.That(batch.shape, Is.EqualTo(new long[] { 6, 2, Side, Side }));
            var values = batch.data<float>().ToArray();
            for (int b = 0; b < 6; b++)
            {
                int image = (int)indices[b].item<long>();
                var matches = Crops(padded, image, paddedSide).Where(c => c.Pixels.SequenceEqual(values.AsSpan(b * 2 * Side * Side, 2 * Side * Side).ToArray())).ToList();
                Assert.That(matches, Is.Not.Empty, $"output {b} is no crop of image {image}");
                seen.Add(matches[0].Key);
            }
        }

        Assert.That(seen.Select(s => s.Mirrored).Distinct().Count(), Is.EqualTo(2), "flips never or always happen");
        Assert.That(seen.Select(s => (s.Dy, s.Dx)).Distinct().Count(), Is.GreaterThan(10), "offsets hardly vary");
    }

    [Test]
    public void Without_padding_and_flips_the_batch_is_the_images_themselves()
    {
        using var scope = NewDisposeScope();
        using var data = Distinct(padding: 0);
        using var generator = new Generator(3);
        var indices = tensor(new long[] { 3, 0 });

        var batch = new CropFlipAugmenter(Side, Side, flip: false, generator).Batch(data, indices);

        Assert.That(batch.data<float>().ToArray(), Is.EqualTo(data.Images.index_select(0, indices).data<float>().ToArray()));
    }

    private static IEnumerable<((int Dy, int Dx, bool Mirrored) Key, float[] Pixels)> Crops(float[] padded, int image, int paddedSide)
    {
        for (int dy = 0; dy <= 2 * Padding; dy++)
            for (int dx = 0; dx <= 2 * Padding; dx++)
                foreach (bool mirrored in new[] { false, true })
                {
                    var crop = new float[2 * Side * Side];
                    for (int c = 0; c < 2; c++)
                        for (int y = 0; y < Side; y++)
                            for (int x = 0; x < Side; x++)
                            {
                                int sx = dx + (mirrored ? Side - 1 - x : x);
                                crop[(c * Side + y) * Side + x] = padded[((image * 2 + c) * paddedSide + dy + y) * paddedSide + sx];
                            }
                    yield return ((dy, dx, mirrored), crop);
                }
    }
}
