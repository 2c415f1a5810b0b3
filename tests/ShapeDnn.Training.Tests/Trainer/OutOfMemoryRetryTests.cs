using System.Runtime.InteropServices;
using ShapeDnn.Training.Trainer;

namespace ShapeDnn.Training.Tests.Trainer;

public sealed class OutOfMemoryRetryTests
{
    private static readonly TrainingRecipe Recipe = TrainingBudget.Quick.Recipe; // batch 128, lr 0.1

    private static TrainingResult Result() => new(0.9, 0.89, [], 1, 100, []);

    private static ExternalException Oom() =>
        new("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 79.10 GiB total capacity)\nException raised from malloc");

    [Test]
    public void Retries_with_half_the_batch_and_a_linearly_scaled_learning_rate()
    {
        var tried = new List<(int Batch, double Lr)>();
        var result = OutOfMemoryRetry.Run(Recipe, 16, r =>
        {
            tried.Add((r.BatchSize, r.LearningRate));
            return r.BatchSize > 32 ? throw Oom() : Result();
        });

        Assert.That(tried.Select(t => t.Batch), Is.EqualTo(new[] { 128, 64, 32 }));
        Assert.That(tried.Select(t => t.Lr), Is.EqualTo(new[] { 0.1, 0.05, 0.025 }).Within(1e-12));
        Assert.That(result.BatchSize, Is.EqualTo(32));
        Assert.That(result.Note, Does.Contain("batch 128, 64").And.Contain("batch 32"));
    }

    [Test]
    public void Below_the_floor_the_shape_is_skipped_with_the_reason()
    {
        int attempts = 0;
        var ex = Assert.Throws<ShapeNotTrainableException>(() => OutOfMemoryRetry.Run(Recipe, 32, _ => { attempts++; throw Oom(); }))!;
        Assert.That(attempts, Is.EqualTo(3), "128, 64, 32");
        Assert.That(ex.Reason, Does.Contain("out of device memory at batch 128, 64, 32").And.Contain("CUDA out of memory"));
    }

    [Test]
    public void Other_failures_are_not_mistaken_for_running_out_of_memory()
    {
        Assert.Throws<ExternalException>(() => OutOfMemoryRetry.Run(Recipe, 16, _ => throw new ExternalException("CUDA error: an illegal memory access was encountered")));
        Assert.Throws<InvalidDataException>(() => OutOfMemoryRetry.Run(Recipe, 16, _ => throw new InvalidDataException("out of memory")));
    }

    [Test]
    public void A_first_success_is_returned_unchanged_with_the_recipe_batch()
    {
        var result = OutOfMemoryRetry.Run(Recipe, 16, _ => Result());
        Assert.That(result.BatchSize, Is.EqualTo(128));
        Assert.That(result.Note, Is.Null);
    }

    [Test]
    public void A_stopped_run_after_a_retry_keeps_its_checkpoint_and_says_which_batch_it_used()
    {
        var checkpoint = new TrainingCheckpoint(1, [new EpochStatistics(1, 2.0, 0.3, 1, 1)], [7]);

        var result = OutOfMemoryRetry.Run(Recipe, 16, r => r.BatchSize > 64 ? throw Oom() : Result() with { Checkpoint = checkpoint });

        Assert.That(result.Checkpoint, Is.SameAs(checkpoint));
        Assert.That(result.BatchSize, Is.EqualTo(64));
    }
}
