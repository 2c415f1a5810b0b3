using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Tensors;
using ShapeDnn.Training.Families;
using ShapeDnn.Training.Model;
using ShapeDnn.Training.Tests.Trainer;
using ShapeDnn.Training.Trainer;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Tests.Families;

/// <summary>The DenseNet-BC module realises its plan exactly and trains with the trainer every family uses.</summary>
public sealed class DenseNetBCTests
{
    private static readonly TorchShapeTrainer Trainer = new(new TorchTrainerOptions { Threads = NativeSetup.TestThreads });

    private static readonly object[] Shapes =
    [
        new object[] { new Shape(DenseNetBCFamily.FamilyId, 10, 4), new InputShape(1, 28, 28, 10) },
        new object[] { new Shape(DenseNetBCFamily.FamilyId, 16, 6), new InputShape(1, 27, 27, 3) },
        new object[] { new Shape(DenseNetBCFamily.FamilyId, 100, 12), new InputShape(3, 32, 32, 10) },
    ];

    private static DenseNetBCPlan Small => DenseNetBCPlanner.Plan(new Shape(DenseNetBCFamily.FamilyId, 10, 4), SyntheticShapes.Input);

    [TestCaseSource(nameof(Shapes))]
    public void Learnable_parameters_match_the_plan(Shape shape, InputShape input)
    {
        var plan = DenseNetBCPlanner.Plan(shape, input);
        using var net = ShapeNetworks.Create(plan);

        Assert.That(net, Is.TypeOf<DenseNetBC>());
        TestContext.Out.WriteLine($"{shape.Name} on {input}: module {net.ParameterCount:N0}, plan {plan.ParameterCount:N0}");
        Assert.That(net.ParameterCount, Is.EqualTo(plan.ParameterCount));
    }

    [TestCaseSource(nameof(Shapes))]
    public void Every_parameter_and_statistic_carries_a_plan_name_and_its_dimensions(Shape shape, InputShape input)
    {
        var plan = DenseNetBCPlanner.Plan(shape, input);
        using var net = ShapeNetworks.Create(plan);

        var moduleTensors = net.named_parameters().Select(p => (p.name, Dims: p.parameter.shape, Learnable: true))
            .Concat(net.named_buffers().Where(b => !b.name.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
                .Select(b => (b.name, Dims: b.buffer.shape, Learnable: false)))
            .Select(t => $"{t.name}[{string.Join(",", t.Dims)}]{(t.Learnable ? "" : " stat")}")
            .Order(StringComparer.Ordinal);
        var planTensors = plan.Tensors.Select(t => $"{t.Name}[{string.Join(",", t.Dimensions)}]{(t.IsLearnable ? "" : " stat")}")
            .Order(StringComparer.Ordinal);

        Assert.That(moduleTensors, Is.EqualTo(planTensors));
    }

    [Test]
    public void Forward_gives_one_logit_per_class_per_image_on_odd_sides()
    {
        // 27 → 13 → 6 through the two transitions' floor pooling.
        var plan = DenseNetBCPlanner.Plan(new Shape(DenseNetBCFamily.FamilyId, 16, 6), new InputShape(1, 27, 27, 7));
        using var scope = NewDisposeScope();
        using var net = ShapeNetworks.Create(plan);
        net.eval();

        var output = net.forward(zeros(5, 1, 27, 27));

        Assert.That(output.shape, Is.EqualTo(new long[] { 5, 7 }));
    }

    [Test]
    public void Channels_last_gives_the_same_logits()
    {
        manual_seed(3);
        using var model = ShapeNetworks.Create(Small);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // A training-mode pass moves the batch-norm statistics away from the identity.
        var input = randn(8, Small.Input.Channels, Small.Input.Height, Small.Input.Width);
        model.train();
        model.forward(input);
        model.eval();
        var plain = model.forward(input);
        model.SetCompute(bf16: false, channelsLast: true);
        var nhwc = model.forward(input);

        Assert.That((nhwc - plain).abs().max().item<float>(), Is.LessThan(1e-4f));
        Assert.That(plain.max().item<float>() - plain.min().item<float>(), Is.GreaterThan(0.01f), "logits must not be degenerate");
    }

    [Test]
    public void The_trainer_learns_the_synthetic_shapes_well_above_chance()
    {
        var result = Trainer.Train(Small, SyntheticShapes.Data(), SyntheticShapes.Recipe(epochs: 5), new TrainingControl(), CancellationToken.None);

        TestContext.Out.WriteLine($"validation {result.ValidationAccuracy:P1}, losses {string.Join(" ", result.Epochs.Select(e => e.TrainLoss.ToString("F3")))}");
        Assert.That(result.ValidationAccuracy, Is.GreaterThan(0.6), "chance is 1/3");
        Assert.That(result.Epochs[^1].TrainLoss, Is.LessThan(result.Epochs[0].TrainLoss));
        Assert.That(result.Weights.Select(w => w.Name), Is.EqualTo(Small.Tensors.Select(t => t.Name)));
        Assert.That(result.Weights.SelectMany(w => w.Data).All(float.IsFinite), Is.True);
    }

    [Test]
    public void Stopping_after_epoch_one_and_resuming_equals_the_uninterrupted_run()
    {
        var data = SyntheticShapes.Data(train: 120, validation: 60, test: 30);
        var recipe = SyntheticShapes.Recipe(epochs: 2, seed: 4);
        var whole = Trainer.Train(Small, data, recipe, new TrainingControl(), CancellationToken.None);

        var stopped = Trainer.Train(Small, data, recipe,
            new TrainingControl { EpochCompleted = e => e.Epoch >= 1 ? EpochDecision.Stop : EpochDecision.Continue }, CancellationToken.None);
        var resumed = Trainer.Train(Small, data, recipe, new TrainingControl { ResumeFrom = stopped.Checkpoint }, CancellationToken.None);

        Assert.That(stopped.Checkpoint, Is.Not.Null);
        Assert.That(resumed.Epochs.Select(e => e.TrainLoss), Is.EqualTo(whole.Epochs.Select(e => e.TrainLoss)));
        Assert.That(resumed.Weights.Zip(whole.Weights).All(p => p.First.Data.AsSpan().SequenceEqual(p.Second.Data)), Is.True,
            "weights (and batch-norm statistics) differ from the uninterrupted run");
    }

    [Test]
    public void Imported_weights_reproduce_the_outputs_of_the_network_they_came_from()
    {
        var plan = DenseNetBCPlanner.Plan(new Shape(DenseNetBCFamily.FamilyId, 10, 4), new InputShape(3, 32, 32, 4));
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var source = ShapeNetworks.Create(plan);
        using var target = ShapeNetworks.Create(plan);
        var input = randn(2, 3, 32, 32);
        source.train();
        source.forward(input);
        source.eval();
        target.eval();

        target.ImportTensors(source.ExportTensors());

        Assert.That(target.forward(input).data<float>().ToArray(), Is.EqualTo(source.forward(input).data<float>().ToArray()));
        Assert.That(RandomWeights.Create(plan, seed: 1).Select(w => w.Name), Is.EqualTo(source.ExportTensors().Select(w => w.Name)));
    }
}
