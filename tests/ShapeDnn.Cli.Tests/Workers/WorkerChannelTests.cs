using System.Diagnostics;
using System.Text.Json;
using ShapeDnn.Cache;
using ShapeDnn.Cli.Tests.EndToEnd;
using ShapeDnn.Cli.Training;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Tests.Workers;

/// <summary>
/// The search's side of the worker channel (<see cref="WorkerProcessTrainer"/>) against real
/// <c>shapednn train --channel</c> processes on the shipped Fashion-MNIST subset, CPU, one batch per epoch.
/// </summary>
[NonParallelizable]
public sealed class WorkerChannelTests
{
    // The fewest validation images a recipe may hold out (Limits.MinValidationImages).
    private static readonly TrainingRecipe Recipe = new(Epochs: 3, TrainSubset: 96, ValidationCount: 50, TestSubset: 48) { BatchSize = 96 };
    private string _cache = null!;
    private LoadedDataset _dataset = null!;
    private TrainingData _data = null!;
    private NetworkPlan _plan = null!;

    [OneTimeSetUp]
    public void Load()
    {
        _dataset = DatasetLoader.Load(ShapeDnnProcess.SampleData);
        var split = SearchEngine.SplitFor(_dataset, Recipe);
        _data = new TrainingData(split.Train, split.Validation, split.Test, ChannelNormalization.Compute(split.Train));
        _plan = WideResNetPlanner.Plan(new Shape(10, 1), _dataset.Train.Shape);
    }

    [SetUp]
    public void CreateCache() => _cache = Directory.CreateTempSubdirectory("shapednn-channel-tests-").FullName;

    [TearDown]
    public void DeleteCache() => Directory.Delete(_cache, recursive: true);

    private WorkerProcessTrainer Trainer() => new(ShapeDnnProcess.SampleData, _cache, new TrainerSettings("cpu", null, null, null), "cpu", "fp32", null);

    private string Key => TrainedShapeKey.For(_dataset.ContentHash, Recipe, _plan.Shape, _plan.Input, "fp32");

    [Test]
    public void A_parent_that_answers_stop_after_epoch_one_gets_a_checkpoint_and_resuming_it_completes_the_run()
    {
        var trainer = Trainer();
        var cache = new TrainedShapeCache(_cache, message => Assert.Fail(message));
        var seen = new List<EpochStatistics>();
        var progress = new List<TrainingProgress>();

        var stopped = trainer.Train(_plan, _data, Recipe, new TrainingControl
        {
            Progress = new Recorder(progress),
            EpochCompleted = e => { seen.Add(e); return EpochDecision.Stop; },
        }, CancellationToken.None);

        Assert.That(seen.Select(e => e.Epoch), Is.EqualTo(new[] { 1 }), "the worker waits for the answer after epoch 1 and stops");
        Assert.That(seen[0].ValidationAccuracy, Is.EqualTo(stopped.ValidationAccuracy));
        Assert.That(progress, Is.Not.Empty.And.All.Matches<TrainingProgress>(p => p.Epoch == 1 && p.Epochs == 3), "per-batch progress arrives as events");
        Assert.That(stopped.Checkpoint, Is.Not.Null);
        Assert.That(stopped.Checkpoint!.EpochsDone, Is.EqualTo(1));
        Assert.That(stopped.TestAccuracy, Is.NaN);
        Assert.That(cache.TryGetMetrics(Key)!.Epochs, Has.Count.EqualTo(1), "the worker stored the stopped run itself");
        Assert.That(cache.TryGetCheckpoint(Key), Is.Not.Null, "…with its checkpoint");

        var resumedEpochs = new List<int>();
        var resumed = trainer.Train(_plan, _data, Recipe, new TrainingControl
        {
            ResumeFrom = stopped.Checkpoint,
            EpochCompleted = e => { resumedEpochs.Add(e.Epoch); return EpochDecision.Continue; },
        }, CancellationToken.None);
        var whole = trainer.Train(_plan, _data, Recipe, new TrainingControl(), CancellationToken.None);

        Assert.That(resumedEpochs, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(resumed.Checkpoint, Is.Null);
        Assert.That(resumed.TestAccuracy, Is.Not.NaN);
        Assert.That(resumed.Epochs.Select(e => e.TrainLoss), Is.EqualTo(whole.Epochs.Select(e => e.TrainLoss)), "resumed through a worker = uninterrupted");
        Assert.That(resumed.Weights.Zip(whole.Weights).All(p => p.First.Data.AsSpan().SequenceEqual(p.Second.Data)), Is.True, "weights differ");
        Assert.That(cache.TryGetMetrics(Key)!.Epochs, Has.Count.EqualTo(3));
        Assert.That(Directory.EnumerateDirectories(Path.GetTempPath(), $"shapednn-worker-{Environment.ProcessId}-*"), Is.Empty, "scratch folders are removed");
    }

    [Test]
    public void A_worker_whose_stdin_closes_mid_training_stops_at_once_and_removes_its_files()
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"shapednn-worker-{Environment.ProcessId}-lifeline-test");
        Directory.CreateDirectory(scratch);
        var recipeFile = Path.Combine(scratch, "recipe.json");
        // Many epochs of 12 small batches: the worker would train for minutes if it did not notice.
        File.WriteAllText(recipeFile, JsonSerializer.Serialize(Recipe with { Epochs = 200, BatchSize = 8 }, ShapeDnn.Cli.Output.CliJsonContext.Default.TrainingRecipe));
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "shapednn.dll"), "train", "--channel", "--device", "cpu", "--data", ShapeDnnProcess.SampleData,
                     "--shape", "WRN-10-1", "--recipe", recipeFile })
            info.ArgumentList.Add(a);
        using var worker = Process.Start(info)!;
        worker.BeginErrorReadLine();
        try
        {
            // Wait until the worker is mid-run: a progress event inside an epoch, or (on a machine fast enough
            // to finish an epoch within one progress interval) the first epoch event, which is left unanswered.
            while (true)
            {
                var line = worker.StandardOutput.ReadLine();
                Assert.That(line, Is.Not.Null, "the worker ended before reporting progress");
                var e = WorkerEvent.TryParse(line!);
                if (e?.Event == "epoch" || e?.Event == "progress" && e.Batch < e.Batches) break;
            }

            worker.StandardInput.Close();

            Assert.That(worker.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, "the worker trained on without its parent");
            Assert.That(worker.ExitCode, Is.EqualTo(130));
            Assert.That(Directory.Exists(scratch), Is.False, "the worker left its parent's scratch folder behind");
        }
        finally
        {
            if (!worker.HasExited) worker.Kill(entireProcessTree: true);
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    private sealed class Recorder(List<TrainingProgress> into) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            lock (into) into.Add(value);
        }
    }
}
