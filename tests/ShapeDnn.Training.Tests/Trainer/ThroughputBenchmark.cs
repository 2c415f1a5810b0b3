using System.Diagnostics;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Tests.Trainer;

/// <summary>
/// Measurements, not checks: run explicitly (<c>--filter TestCategory=Benchmark</c>) on a quiet
/// machine; they print images per second and never fail on speed.
/// </summary>
[Explicit("Measurement; takes minutes on a 2-core CPU.")]
[Category("Benchmark")]
public sealed class ThroughputBenchmark
{
    private static readonly InputShape Input = new(1, 28, 28, 10);

    private static TrainingData RandomData(int train)
    {
        var random = new Random(1);
        ImageDataset Make(int n)
        {
            var pixels = new byte[n * Input.PixelCount];
            random.NextBytes(pixels);
            return new ImageDataset(Input, pixels, Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray());
        }
        var set = Make(train);
        return new TrainingData(set, Make(256), Make(0), ChannelNormalization.Compute(set));
    }

    [TestCase(10, 1.0, 1)]
    [TestCase(10, 1.0, 2)]
    [TestCase(16, 2.0, 1)]
    [TestCase(16, 2.0, 2)]
    public void Training_images_per_second_at_28x28_batch_128(int depth, double width, int threads)
    {
        var plan = WideResNetPlanner.Plan(new Shape(depth, width), Input);
        var trainer = new TorchShapeTrainer(new TorchTrainerOptions { Threads = threads });
        var recipe = new TrainingRecipe(Epochs: 3, TrainSubset: null, ValidationCount: 256, TestSubset: null);

        var result = trainer.Train(plan, RandomData(train: 1280), recipe, null, CancellationToken.None);

        // The first epoch includes oneDNN's primitive creation; report the later ones.
        double steady = 2 * 1280 / result.Epochs.Skip(1).Sum(e => e.Seconds);
        TestContext.Progress.WriteLine($"{plan.Shape.Name} threads={threads}: {result.ImagesPerSecond:F0} img/s overall, " +
            $"{steady:F0} img/s after warm-up (epoch incl. 256 validation images)");
    }

    [Test]
    public void Augmentation_cost_per_batch_take_versus_per_image_slicing()
    {
        using var scope = NewDisposeScope();
        var data = RandomData(train: 1280);
        using var images = DeviceImagesFor(data.Train);
        using var generator = new Generator(1);
        var augmenter = new CropFlipAugmenter(28, 28, flip: true, generator);
        var indices = arange(128, ScalarType.Int64);

        double take = Time(() => augmenter.Batch(images, indices).Dispose());
        double slicing = Time(() =>
        {
            using var inner = NewDisposeScope();
            var offsets = randint(0, 5, [128, 3], ScalarType.Int64, generator: generator).data<long>().ToArray();
            var crops = new Tensor[128];
            for (int i = 0; i < 128; i++)
            {
                var crop = images.Images[i].narrow(1, offsets[3 * i], 28).narrow(2, offsets[3 * i + 1], 28);
                crops[i] = offsets[3 * i + 2] < 2 ? crop.flip(2) : crop;
            }
            stack(crops).contiguous();
        });
        TestContext.Progress.WriteLine($"crop+flip of 128 images 28x28: take {take * 1000:F2} ms, per-image slicing {slicing * 1000:F2} ms");
    }

    private static DeviceImages DeviceImagesFor(ImageDataset set) =>
        DeviceImages.Create(set, ChannelNormalization.Compute(set), padding: 2, CPU);

    private static double Time(Action action)
    {
        for (int i = 0; i < 10; i++) action();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 100; i++) action();
        return clock.Elapsed.TotalSeconds / 100;
    }
}
