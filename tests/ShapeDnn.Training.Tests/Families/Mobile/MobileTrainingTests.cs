using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Training.Tests.Trainer;
using ShapeDnn.Training.Trainer;

namespace ShapeDnn.Training.Tests.Families.Mobile;

/// <summary>The trainer every family shares (flat parameters, checkpoints) trains a mobile network.</summary>
public sealed class MobileTrainingTests
{
    // 12×12 images keep one downsampling (12 → 6); the narrowest channels make an epoch take well under a second.
    private static readonly NetworkPlan Plan = NetworkFamilies.Plan(new Shape(MobileFamily.FamilyId, 23, 0.25), SyntheticShapes.Input);
    private static readonly TorchShapeTrainer Trainer = new(new TorchTrainerOptions { Threads = NativeSetup.TestThreads });
    private static readonly TrainingData Data = SyntheticShapes.Data(train: 300, validation: 150, test: 60);
    private static readonly TrainingRecipe FourEpochs = SyntheticShapes.Recipe(epochs: 4, seed: 3);

    [Test]
    public void Training_learns_the_synthetic_shapes_and_returns_the_plans_tensors()
    {
        var result = Trainer.Train(Plan, Data, FourEpochs, new TrainingControl(), CancellationToken.None);

        TestContext.Out.WriteLine($"{Plan.Shape.Name}: losses {string.Join(", ", result.Epochs.Select(e => e.TrainLoss.ToString("F3")))}, validation {result.ValidationAccuracy:P1}");
        Assert.That(result.Epochs[^1].TrainLoss, Is.LessThan(result.Epochs[0].TrainLoss), "the loss falls");
        Assert.That(result.ValidationAccuracy, Is.GreaterThan(0.5), "three classes: chance is a third");
        Assert.That(result.Weights.Select(w => w.Name), Is.EqualTo(Plan.Tensors.Select(t => t.Name)));
    }

    [Test]
    public void Stopping_after_epoch_two_and_resuming_equals_the_uninterrupted_run()
    {
        var whole = Trainer.Train(Plan, Data, FourEpochs, new TrainingControl(), CancellationToken.None);

        var stopped = Trainer.Train(Plan, Data, FourEpochs,
            new TrainingControl { EpochCompleted = e => e.Epoch >= 2 ? EpochDecision.Stop : EpochDecision.Continue }, CancellationToken.None);
        var resumed = Trainer.Train(Plan, Data, FourEpochs, new TrainingControl { ResumeFrom = stopped.Checkpoint }, CancellationToken.None);

        Assert.That(stopped.Checkpoint, Is.Not.Null);
        Assert.That(resumed.Epochs.Select(e => e.TrainLoss), Is.EqualTo(whole.Epochs.Select(e => e.TrainLoss)));
        Assert.That(resumed.ValidationAccuracy, Is.EqualTo(whole.ValidationAccuracy));
        Assert.That(resumed.Weights.Zip(whole.Weights).All(p => p.First.Data.AsSpan().SequenceEqual(p.Second.Data)), Is.True,
            "weights (and batch-norm statistics) differ from the uninterrupted run");
    }
}
