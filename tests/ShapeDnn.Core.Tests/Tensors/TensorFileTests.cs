using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Tensors;

namespace ShapeDnn.Core.Tests.Tensors;

public class TensorFileTests
{
    private static IReadOnlyList<NamedTensor> Weights() =>
        RandomWeights.Create(WideResNetPlanner.Plan(new Shape(10, 1), new InputShape(1, 12, 12, 3)), seed: 7, randomBatchNormStatistics: true);

    [Test]
    public void Should_round_trip_every_tensor_bit_for_bit()
    {
        var weights = Weights();
        var back = TensorFile.Deserialize(TensorFile.Serialize(weights));
        Assert.That(back.Select(t => t.Name), Is.EqualTo(weights.Select(t => t.Name)));
        for (int i = 0; i < weights.Count; i++)
        {
            Assert.That(back[i].Dimensions, Is.EqualTo(weights[i].Dimensions));
            Assert.That(back[i].Data, Is.EqualTo(weights[i].Data));
        }
    }

    [Test]
    public void Should_detect_a_single_flipped_bit()
    {
        var bytes = TensorFile.Serialize(Weights());
        bytes[bytes.Length / 2] ^= 0x10;
        Assert.Throws<InvalidDataException>(() => TensorFile.Deserialize(bytes));
    }

    [Test]
    public void Should_detect_truncation()
    {
        var bytes = TensorFile.Serialize(Weights());
        Assert.Throws<InvalidDataException>(() => TensorFile.Deserialize(bytes.AsSpan(0, bytes.Length - 100)));
    }
}
