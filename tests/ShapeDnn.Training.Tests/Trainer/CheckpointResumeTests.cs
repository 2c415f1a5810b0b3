using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Training.Trainer;

namespace ShapeDnn.Training.Tests.Trainer;

/// <summary>Stopping a run after an epoch and resuming it later gives the uninterrupted run, to the bit on the CPU.</summary>
public sealed class CheckpointResumeTests
{
    private static readonly NetworkPlan Plan = WideResNetPlanner.Plan(new Shape(10, 1), SyntheticShapes.Input);
    private static readonly TorchShapeTrainer Trainer = new(new TorchTrainerOptions { Threads = NativeSetup.TestThreads });
    private static readonly TrainingData Data = SyntheticShapes.Data(train: 200, validation: 90, test: 60);
    private static readonly TrainingRecipe ThreeEpochs = SyntheticShapes.Recipe(epochs: 3, seed: 4);

    private static TrainingControl StopAfter(int epoch, List<EpochStatistics>? seen = null) => new()
    {
        EpochCompleted = e =>
        {
            seen?.Add(e);
            return e.Epoch >= epoch ? EpochDecision.Stop : EpochDecision.Continue;
        },
    };

    [Test]
    public void Stopping_after_epoch_one_and_resuming_equals_the_uninterrupted_run()
    {
        var whole = Trainer.Train(Plan, Data, ThreeEpochs, new TrainingControl(), CancellationToken.None);

        var stopped = Trainer.Train(Plan, Data, ThreeEpochs, StopAfter(1), CancellationToken.None);
        var seenOnResume = new List<EpochStatistics>();
        var resumed = Trainer.Train(Plan, Data, ThreeEpochs,
            new TrainingControl { ResumeFrom = stopped.Checkpoint, EpochCompleted = e => { seenOnResume.Add(e); return EpochDecision.Continue; } },
            CancellationToken.None);

        Assert.That(resumed.Checkpoint, Is.Null, "a finished run has no checkpoint");
        Assert.That(resumed.Epochs.Select(e => e.Epoch), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(resumed.Epochs.Select(e => e.TrainLoss), Is.EqualTo(whole.Epochs.Select(e => e.TrainLoss)));
        Assert.That(resumed.Epochs.Select(e => e.ValidationAccuracy), Is.EqualTo(whole.Epochs.Select(e => e.ValidationAccuracy)));
        Assert.That(resumed.ValidationAccuracy, Is.EqualTo(whole.ValidationAccuracy));
        Assert.That(resumed.TestAccuracy, Is.EqualTo(whole.TestAccuracy));
        Assert.That(resumed.Weights.Select(w => w.Name), Is.EqualTo(whole.Weights.Select(w => w.Name)));
        Assert.That(resumed.Weights.Zip(whole.Weights).All(p => p.First.Data.AsSpan().SequenceEqual(p.Second.Data)), Is.True,
            "weights (and batch-norm statistics) differ from the uninterrupted run");
        Assert.That(seenOnResume.Select(e => e.Epoch), Is.EqualTo(new[] { 2, 3 }), "restored epochs are not reported again");
        Assert.That(seenOnResume.Select(e => e.ValidationAccuracy), Is.EqualTo(whole.Epochs.Skip(1).Select(e => e.ValidationAccuracy)),
            "each epoch's validation accuracy reaches the callback");
        Assert.That(resumed.TrainingSeconds, Is.LessThan(resumed.Epochs.Sum(e => e.Seconds)),
            "a resumed run's time is that of the epochs it added");
    }

    [Test]
    public void A_stopped_run_returns_a_checkpoint_of_the_epochs_done_and_no_test_accuracy()
    {
        var seen = new List<EpochStatistics>();

        var stopped = Trainer.Train(Plan, Data, ThreeEpochs, StopAfter(1, seen), CancellationToken.None);

        Assert.That(stopped.Checkpoint, Is.Not.Null);
        Assert.That(stopped.Checkpoint!.EpochsDone, Is.EqualTo(1));
        Assert.That(stopped.Checkpoint.Epochs, Is.EqualTo(stopped.Epochs));
        Assert.That(stopped.Epochs.Select(e => e.Epoch), Is.EqualTo(new[] { 1 }));
        Assert.That(stopped.TestAccuracy, Is.NaN);
        Assert.That(stopped.ValidationAccuracy, Is.EqualTo(stopped.Epochs[0].ValidationAccuracy));
        Assert.That(seen.Single().ValidationAccuracy, Is.EqualTo(stopped.ValidationAccuracy), "the callback sees the epoch's validation accuracy");
        Assert.That(stopped.Weights.Select(w => w.Name), Is.EqualTo(Plan.Tensors.Select(t => t.Name)));
        var state = TrainerCheckpointState.Read(stopped.Checkpoint, IdentityProbe(stopped.Checkpoint));
        Assert.That(state.BatchSize, Is.EqualTo(ThreeEpochs.BatchSize), "the checkpoint records the batch in use (it differs after out-of-memory retries)");
        Assert.That(state.Momentum, Is.Not.Null);
    }

    [Test]
    public void Stop_on_the_last_epoch_is_a_finished_run()
    {
        var result = Trainer.Train(Plan, Data, SyntheticShapes.Recipe(epochs: 1), StopAfter(1), CancellationToken.None);

        Assert.That(result.Checkpoint, Is.Null);
        Assert.That(result.TestAccuracy, Is.Not.NaN);
    }

    [Test]
    public void A_checkpoint_of_another_shape_or_recipe_is_refused()
    {
        var stopped = Trainer.Train(Plan, Data, ThreeEpochs, StopAfter(1), CancellationToken.None);
        var other = WideResNetPlanner.Plan(new Shape(10, 2), SyntheticShapes.Input);
        var resume = new TrainingControl { ResumeFrom = stopped.Checkpoint };

        var shape = Assert.Throws<ArgumentException>(() => Trainer.Train(other, Data, ThreeEpochs, resume, CancellationToken.None))!;
        var recipe = Assert.Throws<ArgumentException>(() => Trainer.Train(Plan, Data, ThreeEpochs with { Seed = 5 }, resume, CancellationToken.None))!;
        var garbage = Assert.Throws<ArgumentException>(() => Trainer.Train(Plan, Data, ThreeEpochs,
            new TrainingControl { ResumeFrom = stopped.Checkpoint! with { State = [1, 2, 3] } }, CancellationToken.None))!;

        Assert.That(shape.Message, Does.Contain("another run").And.Contain("WRN-10-1").And.Contain("WRN-10-2"));
        Assert.That(recipe.Message, Does.Contain("another run"));
        Assert.That(garbage.Message, Does.Contain("not one written by this trainer"));
    }

    /// <summary>The identity stored in a checkpoint (the tests read the state back through the trainer's own reader).</summary>
    private static string IdentityProbe(TrainingCheckpoint checkpoint)
    {
        using var reader = new BinaryReader(new MemoryStream(checkpoint.State));
        reader.ReadBytes(8);
        return reader.ReadString();
    }
}
