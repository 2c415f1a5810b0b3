using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Training.Families;
using ShapeDnn.Training.Tests.Trainer;
using ShapeDnn.Training.Trainer;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Tests.Families.Mobile;

/// <summary>The GPU's default numerics (bf16 from fp32 masters, channels-last) run a mobile network too: tested on the CPU.</summary>
public sealed class MobilePrecisionTests
{
    [Test]
    public void Channels_last_gives_the_same_logits_and_bf16_nearly_the_same()
    {
        var plan = MobileNetPlanner.Plan(new Shape(MobileFamily.FamilyId, 26, 0.5), new InputShape(3, 16, 16, 5));
        manual_seed(3);
        using var model = new MobileNet(plan);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = randn(4, 3, 16, 16);
        var plain = model.forward(input);
        model.SetCompute(bf16: false, channelsLast: true);
        var nhwc = model.forward(input);
        model.SetCompute(bf16: true, channelsLast: true);
        var bf16 = model.forward(input);

        Assert.That(bf16.dtype, Is.EqualTo(ScalarType.Float32), "logits come back in fp32 for the loss");
        Assert.That((nhwc - plain).abs().max().item<float>(), Is.LessThan(1e-4f));
        float scale = plain.abs().max().item<float>();
        Assert.That((bf16 - plain).abs().max().item<float>(), Is.LessThan(0.05f * scale + 0.05f), "bf16 keeps about 3 significant digits");
        Assert.That((bf16 - plain).abs().max().item<float>(), Is.GreaterThan(0f), "bf16 really computed in bf16");
    }

    [Test]
    public void Bf16_channels_last_training_learns_with_depthwise_convolutions()
    {
        var trainer = new TorchShapeTrainer(new TorchTrainerOptions { Precision = TrainingPrecision.Bf16, ChannelsLast = true, Threads = NativeSetup.TestThreads });
        var plan = NetworkFamilies.Plan(new Shape(MobileFamily.FamilyId, 23, 0.25), SyntheticShapes.Input);

        var result = trainer.Train(plan, SyntheticShapes.Data(train: 300, validation: 150, test: 60), SyntheticShapes.Recipe(epochs: 3), new TrainingControl(), CancellationToken.None);

        Assert.That(result.ValidationAccuracy, Is.GreaterThan(0.5), "three classes: chance is a third");
        Assert.That(result.Weights.All(w => w.Data.All(float.IsFinite)));
    }
}
