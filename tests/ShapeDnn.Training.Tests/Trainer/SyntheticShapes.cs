using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Training;

namespace ShapeDnn.Training.Tests.Trainer;

/// <summary>
/// A small learnable image set: 12×12 grey images of a horizontal bar, a vertical bar or a square at
/// a random place on a noisy background. Crops and flips keep the class, as with real images.
/// </summary>
internal static class SyntheticShapes
{
    public static readonly InputShape Input = new(1, 12, 12, 3);

    public static ImageDataset Create(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * Input.PixelCount];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % Input.Classes;
            labels[i] = (byte)label;
            var image = pixels.AsSpan(i * Input.PixelCount, Input.PixelCount);
            for (int p = 0; p < image.Length; p++) image[p] = (byte)random.Next(0, 80);
            int a = random.Next(1, 9), b = random.Next(1, 9);
            for (int y = 0; y < 12; y++)
                for (int x = 0; x < 12; x++)
                {
                    bool on = label switch
                    {
                        0 => (y == a || y == a + 1) && x >= 1 && x <= 10,
                        1 => (x == a || x == a + 1) && y >= 1 && y <= 10,
                        _ => y >= a && y < a + 4 && x >= b && x < b + 4,
                    };
                    if (on) image[y * 12 + x] = (byte)random.Next(180, 256);
                }
        }
        return new ImageDataset(Input, pixels, labels);
    }

    public static TrainingData Data(int train = 600, int validation = 300, int test = 150)
    {
        var trainSet = Create(train, seed: 11);
        return new TrainingData(trainSet, Create(validation, seed: 12), Create(test, seed: 13), ChannelNormalization.Compute(trainSet));
    }

    public static TrainingRecipe Recipe(int epochs, int seed = 1) =>
        new(epochs, TrainSubset: null, ValidationCount: 300, TestSubset: null, Seed: seed) { BatchSize = 32, LearningRate = 0.05 };
}
