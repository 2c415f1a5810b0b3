using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Training.Families;
using ShapeDnn.Training.Model;
using ShapeDnn.Training.Trainer;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Tests.Trainer;

/// <summary>The precision and layout options on the CPU: fp32 by default, and the bf16/channels-last path computes the same network.</summary>
public sealed class PrecisionTests
{
    private static readonly WideResNetPlan Plan = WideResNetPlanner.Plan(new Shape(10, 2), SyntheticShapes.Input);

    [Test]
    public void The_cpu_defaults_are_fp32_without_channels_last()
    {
        var trainer = new TorchShapeTrainer(new TorchTrainerOptions());
        Assert.That(trainer.Precision, Is.EqualTo(TrainingPrecision.Fp32));
        Assert.That(trainer.ChannelsLast, Is.False);
        Assert.That(trainer.DeviceDescription, Does.Not.Contain("bf16"));
    }

    [Test]
    public void The_cache_sees_the_arithmetic_actually_used()
    {
        Assert.That(new TorchShapeTrainer(new TorchTrainerOptions()).Arithmetic, Is.EqualTo("fp32"));
        Assert.That(new TorchShapeTrainer(new TorchTrainerOptions { Precision = TrainingPrecision.Bf16 }).Arithmetic, Is.EqualTo("bf16"));
        Assert.That(new TorchShapeTrainer(new TorchTrainerOptions { Precision = TrainingPrecision.Tf32 }).Arithmetic, Is.EqualTo("fp32"),
            "TF32 exists only on CUDA; on the CPU the training is fp32 and shares fp32's cache entries");
    }

    [Test]
    public void Explicit_options_reach_the_trainer()
    {
        var trainer = new TorchShapeTrainer(new TorchTrainerOptions { Precision = TrainingPrecision.Bf16, ChannelsLast = true });
        Assert.That(trainer.Precision, Is.EqualTo(TrainingPrecision.Bf16));
        Assert.That(trainer.DeviceDescription, Does.Contain("bf16").And.Contain("channels-last"));
    }

    [Test]
    public void Channels_last_gives_the_same_logits_and_bf16_nearly_the_same()
    {
        manual_seed(3);
        using var model = new WideResNet(Plan);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = randn(8, Plan.Input.Channels, Plan.Input.Height, Plan.Input.Width);
        var plain = model.forward(input);
        model.SetCompute(bf16: false, channelsLast: true);
        var nhwc = model.forward(input);
        model.SetCompute(bf16: true, channelsLast: true);
        var bf16 = model.forward(input);

        Assert.That(nhwc.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(bf16.dtype, Is.EqualTo(ScalarType.Float32), "logits come back in fp32 for the loss");
        Assert.That((nhwc - plain).abs().max().item<float>(), Is.LessThan(1e-4f));
        float scale = plain.abs().max().item<float>();
        Assert.That((bf16 - plain).abs().max().item<float>(), Is.LessThan(0.05f * scale + 0.05f), "bf16 keeps about 3 significant digits");
        Assert.That((bf16 - plain).abs().max().item<float>(), Is.GreaterThan(0f), "bf16 really computed in bf16");
    }

    [Test]
    public void Bf16_training_keeps_fp32_master_weights_and_learns()
    {
        var trainer = new TorchShapeTrainer(new TorchTrainerOptions { Precision = TrainingPrecision.Bf16, ChannelsLast = true });
        var plan = WideResNetPlanner.Plan(new Shape(10, 1), SyntheticShapes.Input);
        var result = trainer.Train(plan, SyntheticShapes.Data(), SyntheticShapes.Recipe(epochs: 3), new TrainingControl(), CancellationToken.None);
        Assert.That(result.ValidationAccuracy, Is.GreaterThan(0.5), "chance is 1/classes");
        Assert.That(result.Weights.All(w => w.Data.All(float.IsFinite)));
        Assert.That(result.BatchSize, Is.EqualTo(SyntheticShapes.Recipe(epochs: 3).BatchSize));
    }
}
