using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Training.Trainer;
using TorchSharp;

namespace ShapeDnn.Training.Tests.Trainer;

public sealed class TorchShapeTrainerTests
{
    private static readonly NetworkPlan Plan = WideResNetPlanner.Plan(new Shape(10, 1), SyntheticShapes.Input);
    private static readonly TorchShapeTrainer EveryBatch = new(new TorchTrainerOptions { ProgressInterval = TimeSpan.Zero, Threads = NativeSetup.TestThreads });

    [Test]
    public void Training_learns_the_synthetic_shapes_well_above_chance()
    {
        var progress = new ProgressRecorder<TrainingProgress>();

        var result = EveryBatch.Train(Plan, SyntheticShapes.Data(), SyntheticShapes.Recipe(epochs: 5), progress, CancellationToken.None);

        TestContext.Progress.WriteLine($"validation {result.ValidationAccuracy:P1}, test {result.TestAccuracy:P1}, {result.ImagesPerSecond:F0} img/s, " +
            $"losses {string.Join(" ", result.Epochs.Select(e => e.TrainLoss.ToString("F3")))}");
        Assert.That(result.ValidationAccuracy, Is.GreaterThan(0.8), "chance is 1/3");
        Assert.That(result.TestAccuracy, Is.GreaterThan(0.8));
        Assert.That(result.Epochs.Select(e => e.Epoch), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(result.Epochs[^1].TrainLoss, Is.LessThan(result.Epochs[0].TrainLoss));
        Assert.That(result.ImagesPerSecond, Is.GreaterThan(0));
        Assert.That(progress.Reports, Has.Count.EqualTo(5 * 19), "one report per batch: 600 images in batches of 32");
        Assert.That(progress.Reports[^1].Fraction, Is.EqualTo(1.0));
    }

    [Test]
    public void Trained_weights_come_back_named_and_shaped_as_the_plan()
    {
        var result = EveryBatch.Train(Plan, SyntheticShapes.Data(train: 64), SyntheticShapes.Recipe(epochs: 1), new TrainingControl(), CancellationToken.None);

        Assert.That(result.Weights.Select(w => w.Name), Is.EqualTo(Plan.Tensors.Select(t => t.Name)));
        Assert.That(result.Weights.Select(w => w.Data.Length), Is.EqualTo(Plan.Tensors.Select(t => (int)t.ElementCount)));
        Assert.That(result.Weights.SelectMany(w => w.Data).All(float.IsFinite), Is.True);
    }

    [Test]
    public void The_same_seed_gives_the_same_run_and_another_seed_a_different_one()
    {
        var data = SyntheticShapes.Data(train: 300);

        var first = EveryBatch.Train(Plan, data, SyntheticShapes.Recipe(epochs: 2, seed: 5), new TrainingControl(), CancellationToken.None);
        var second = EveryBatch.Train(Plan, data, SyntheticShapes.Recipe(epochs: 2, seed: 5), new TrainingControl(), CancellationToken.None);
        var other = EveryBatch.Train(Plan, data, SyntheticShapes.Recipe(epochs: 2, seed: 6), new TrainingControl(), CancellationToken.None);

        Assert.That(second.ValidationAccuracy, Is.EqualTo(first.ValidationAccuracy));
        Assert.That(second.Epochs.Select(e => e.TrainLoss), Is.EqualTo(first.Epochs.Select(e => e.TrainLoss)));
        Assert.That(second.Weights.Zip(first.Weights).All(p => p.First.Data.AsSpan().SequenceEqual(p.Second.Data)), Is.True, "weights differ");
        Assert.That(other.Weights.Zip(first.Weights).All(p => p.First.Data.AsSpan().SequenceEqual(p.Second.Data)), Is.False, "the seed has no effect");
    }

    [Test]
    public void Cancellation_stops_training_between_batches()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new ProgressRecorder<TrainingProgress>(p =>
        {
            if (p.Epoch == 1 && p.Batch == 3) cancellation.Cancel();
        });

        Assert.Throws<OperationCanceledException>(() =>
            EveryBatch.Train(Plan, SyntheticShapes.Data(), SyntheticShapes.Recipe(epochs: 5), progress, cancellation.Token));

        Assert.That(progress.Reports.Select(p => (p.Epoch, p.Batch)), Is.EqualTo(new[] { (1, 1), (1, 2), (1, 3) }));
    }

    [Test]
    public void Training_leaves_no_tensor_alive_and_memory_flat_across_epochs()
    {
        var data = SyntheticShapes.Data();
        var liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var result = EveryBatch.Train(Plan, data, SyntheticShapes.Recipe(epochs: 6), new TrainingControl(), CancellationToken.None);

        Assert.That(DisposeScopeManager.Statistics.ThreadTotalLiveCount, Is.EqualTo(liveBefore), "tensors leaked");
        // Measured here: without the per-batch dispose scope resident memory grows ~10 MiB per epoch
        // (finalisers reclaim only part of it), 37 MiB from epoch 2 to 6; with it, noise stays near 10 MiB.
        var memory = result.Epochs.Select(e => e.NativeMemoryBytes / (1024.0 * 1024)).ToList();
        TestContext.Progress.WriteLine($"resident MiB per epoch: {string.Join(" ", memory.Select(m => m.ToString("F1")))}");
        Assert.That(memory[^1] - memory[1], Is.LessThan(24), "resident memory grew between epoch 2 and the last");
    }
}
