using System.Diagnostics;
using System.Globalization;
using ShapeDnn.Diagnostics;
using ShapeDnn.DesignSpace;
using ShapeDnn.Training.Families;
using ShapeDnn.Training.Model;
using ShapeDnn.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Trainer;

/// <summary>
/// Trains a network of any family (<see cref="ShapeNetworks"/>) with TorchSharp following <see cref="TrainingRecipe"/>: SGD with Nesterov
/// momentum and weight decay, the one-cycle cosine learning rate set before every step, random
/// crops with zero padding and horizontal flips, cross-entropy. Seeded: on the CPU the same seed
/// gives the same weights and accuracies.
/// </summary>
public sealed class TorchShapeTrainer : IShapeTrainer
{
    private readonly TorchTrainerOptions _options;
    private readonly Device _device;

    /// <summary>Loads the native libraries if needed and checks the device.</summary>
    /// <exception cref="ShapeDnnException">The native libraries do not load, or CUDA was asked for and is unavailable.</exception>
    public TorchShapeTrainer(TorchTrainerOptions? options = null)
    {
        _options = options ?? new TorchTrainerOptions();
        TorchNative.EnsureLoaded(_options.Native);
        if (_options.Device == DeviceType.CUDA && !cuda.is_available())
            throw new ShapeDnnException(ErrorCode.DeviceUnavailable,
                "CUDA was requested but libtorch reports no usable CUDA device; load a CUDA libtorch (ShapeDnnLibTorchPath) or use the CPU.");
        if (_options.Device is not (DeviceType.CPU or DeviceType.CUDA))
            throw new ArgumentException($"Device {_options.Device} is not supported; use CPU or CUDA.", nameof(options));
        _device = new Device(_options.Device);
        Threads = _options.Threads ?? Environment.ProcessorCount;
        bool onCuda = _options.Device == DeviceType.CUDA;
        Precision = _options.Precision ?? (onCuda ? TrainingPrecision.Bf16 : TrainingPrecision.Fp32);
        ChannelsLast = _options.ChannelsLast ?? onCuda;
        if (onCuda) ConfigureCuda();
    }

    /// <summary>libtorch intra-op CPU threads used while training.</summary>
    public int Threads { get; }

    /// <summary>The arithmetic in use (see <see cref="TorchTrainerOptions.Precision"/>).</summary>
    public TrainingPrecision Precision { get; }

    /// <inheritdoc />
    /// <remarks>
    /// TF32 is its own arithmetic (10-bit mantissa products) on CUDA; on the CPU it is ignored, so it is fp32 there.
    /// Channels-last only reorders memory and is not part of it.
    /// </remarks>
    public string Arithmetic => Precision == TrainingPrecision.Tf32 && _options.Device != DeviceType.CUDA
        ? "fp32"
        : Precision.ToString().ToLowerInvariant();

    /// <summary>Whether activations are kept channels-last.</summary>
    public bool ChannelsLast { get; }

    /// <summary>Whether cuDNN autotuning was switched on (CUDA only).</summary>
    public bool CudnnBenchmark { get; private set; }

    /// <inheritdoc />
    public string DeviceDescription => _options.Device == DeviceType.CUDA
        ? $"cuda ({cuda.device_count()} device(s), {Precision.ToString().ToLowerInvariant()}{(ChannelsLast ? ", channels-last" : "")}{(CudnnBenchmark ? ", cudnn autotuning" : "")})"
        : $"cpu ({Threads} threads{(Precision == TrainingPrecision.Bf16 ? ", bf16" : "")}{(ChannelsLast ? ", channels-last" : "")})";

    /// <summary>TF32 and cuDNN autotuning are process-wide libtorch switches; set them once for the chosen precision.</summary>
    private void ConfigureCuda()
    {
        // TF32 for fp32 work that remains under bf16 too (none of it changes accuracy measurably); plain fp32 turns it off.
        bool tf32 = Precision != TrainingPrecision.Fp32;
        backends.cuda.matmul.allow_tf32 = tf32;
        backends.cudnn.allow_tf32 = tf32;
        if (_options.CudnnBenchmark == true)
        {
            CudnnBenchmark = CudnnAutotuning.TrySet(true, out var why);
            _options.Log?.Invoke(CudnnBenchmark ? $"ShapeDnn: cuDNN autotuning on ({why})." : $"ShapeDnn: cuDNN autotuning unavailable ({why}); training continues without it.");
        }
    }

    /// <inheritdoc />
    /// <remarks>The test accuracy is NaN when <see cref="TrainingData.Test"/> is empty or the run was stopped.</remarks>
    /// <remarks>
    /// On CUDA a shape that runs out of device memory is trained again with half the batch (learning
    /// rate scaled linearly) down to <see cref="TorchTrainerOptions.MinimumBatchSize"/>; then
    /// <see cref="ShapeNotTrainableException"/> says why. A checkpoint records the batch in use, and a
    /// resumed run starts with it; should that run out of memory too, the smaller batch trains from
    /// the first epoch (a checkpoint is only valid at the batch it was made with).
    /// </remarks>
    public TrainingResult Train(NetworkPlan plan, TrainingData data, TrainingRecipe recipe, TrainingControl control, CancellationToken cancellationToken)
    {
        Validate(plan, data, recipe);
        // The switch is process-wide and the latency profiler turns it on for its measurements: set this trainer's own mode.
        if (_device.type == DeviceType.CUDA) CudnnAutotuning.TrySet(CudnnBenchmark, out _);
        string identity = IdentityOf(plan, data, recipe);
        var resume = control.ResumeFrom is { } checkpoint ? TrainerCheckpointState.Read(checkpoint, identity) : null;
        if (resume is not null && resume.EpochsDone >= recipe.Epochs)
            throw new ArgumentException($"The checkpoint has {resume.EpochsDone} epochs done; the recipe has {recipe.Epochs}: nothing is left to resume.", nameof(control));
        // A resumed run goes on with the batch (and scaled learning rate) the stopped one was using.
        var start = resume is null ? recipe : recipe with { BatchSize = resume.BatchSize, LearningRate = resume.LearningRate };
        TrainingResult Attempt(TrainingRecipe r) =>
            TrainOnce(plan, data, r, identity, control, resume is not null && r.BatchSize == resume.BatchSize ? resume : null, cancellationToken);

        var result = _options.Device != DeviceType.CUDA
            ? Attempt(start) with { BatchSize = start.BatchSize }
            : OutOfMemoryRetry.Run(start, Math.Min(_options.MinimumBatchSize, start.BatchSize), Attempt,
                line => _options.Log?.Invoke($"ShapeDnn: {plan.Shape.Name}: {line}"));
        if (result.Note is null && result.BatchSize != recipe.BatchSize)
            result = result with { Note = $"resumed with batch {result.BatchSize} and learning rate {start.LearningRate:G4}, as the stopped run had after running out of device memory" };
        return result;
    }

    /// <summary>What a checkpoint must match to be resumed by this run: everything its arithmetic depends on but the batch in use.</summary>
    private string IdentityOf(NetworkPlan plan, TrainingData data, TrainingRecipe recipe) => string.Create(CultureInfo.InvariantCulture,
        $"shape={plan.Shape.Name}; input={plan.Input}; recipe={recipe}; arithmetic={Arithmetic}; channels-last={ChannelsLast}; images={data.Train.Count}");

    private TrainingResult TrainOnce(NetworkPlan plan, TrainingData data, TrainingRecipe recipe, string identity, TrainingControl control,
        TrainerCheckpointState? resume, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        set_num_threads(Threads);
        var clock = Stopwatch.StartNew();
        var progress = control.Progress;

        var input = plan.Input;
        int padding = recipe.PaddingFor(Math.Min(input.Height, input.Width));
        bool bf16 = Precision == TrainingPrecision.Bf16;
        var storage = bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
        using var train = DeviceImages.Create(data.Train, data.Normalization, padding, _device, storage);
        using var validation = DeviceImages.Create(data.Validation, data.Normalization, 0, _device, storage);
        using var generator = new Generator((ulong)recipe.Seed);
        var augmenter = new CropFlipAugmenter(input.Height, input.Width, recipe.HorizontalFlip, generator, ChannelsLast);

        // The global generator drives weight initialisation; the private one shuffling and augmentation.
        manual_seed(recipe.Seed);
        using var model = ShapeNetworks.Create(plan);
        model.to(_device);
        model.SetCompute(bf16, ChannelsLast);
        // Flat buffers: the optimiser step is a few kernels, not a few per parameter (see FlatParameters).
        using var parameters = new FlatParameters(model, bf16, ChannelsLast);
        using var optimizer = new FlatNesterovSgd(parameters, recipe.Momentum, recipe.WeightDecay);
        // Resuming overwrites every value the initialisation produced: parameters, momentum, running statistics, generator.
        resume?.Restore(generator, parameters, optimizer, model);

        int batches = (int)((train.Count + recipe.BatchSize - 1) / recipe.BatchSize);
        int totalSteps = batches * recipe.Epochs;
        var epochs = new List<EpochStatistics>(recipe.Epochs);
        if (resume is not null) epochs.AddRange(control.ResumeFrom!.Epochs);
        double trainingSeconds = 0;
        long trainedImages = 0;

        for (int epoch = (resume?.EpochsDone ?? 0) + 1; epoch <= recipe.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            model.train();
            using var epochScope = NewDisposeScope();
            // One upload per epoch for the order and the augmentation draws: no host-to-device copy per batch.
            var order = randperm(train.Count, generator: generator).to(_device);
            var draws = augmenter.Draw(train.Count, _device, train.Padding);
            var lossSum = zeros(1, device: _device);
            var sinceReport = Stopwatch.StartNew();
            for (int b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using (var scope = NewDisposeScope())
                {
                    long start = (long)b * recipe.BatchSize, count = Math.Min(recipe.BatchSize, train.Count - start);
                    var indices = order.narrow(0, start, count);
                    var images = augmenter.Batch(train, indices, draws, start);
                    var labels = train.Labels.index_select(0, indices);

                    parameters.ZeroGradients();
                    var loss = nn.functional.cross_entropy(model.forward(images), labels);
                    loss.backward();
                    optimizer.Step(recipe.LearningRateAt((epoch - 1) * batches + b, totalSteps));
                    lossSum.add_(loss.detach() * count);
                    trainedImages += count;
                }
                if (progress is not null && (b == batches - 1 || sinceReport.Elapsed >= _options.ProgressInterval))
                {
                    double seen = Math.Min(train.Count, (long)(b + 1) * recipe.BatchSize);
                    progress.Report(new TrainingProgress(epoch, recipe.Epochs, b + 1, batches, lossSum.item<float>() / seen, clock.Elapsed));
                    sinceReport.Restart();
                }
            }
            double trainLoss = lossSum.item<float>() / train.Count; // synchronises: the epoch's steps are done
            double stepSeconds = epochClock.Elapsed.TotalSeconds;
            trainingSeconds += stepSeconds;
            double accuracy = Accuracy(model, validation);
            epochScope.Dispose(); // the epoch's tensors are freed before memory is trimmed and measured
            ProcessMemory.ReleaseFreedMemory();
            var statistics = new EpochStatistics(epoch, trainLoss, accuracy, epochClock.Elapsed.TotalSeconds, ProcessMemory.ResidentBytes()) { TrainingSeconds = stepSeconds };
            epochs.Add(statistics);
            if (control.EpochCompleted?.Invoke(statistics) == EpochDecision.Stop && epoch < recipe.Epochs)
            {
                // Stopped early: no test pass (the search does not need it), and the state to go on from.
                var state = TrainerCheckpointState.Capture(identity, epoch, recipe, generator, parameters, optimizer, model);
                return new TrainingResult(accuracy, double.NaN, epochs, clock.Elapsed.TotalSeconds,
                    trainedImages / Math.Max(trainingSeconds, 1e-9), model.ExportTensors())
                {
                    Checkpoint = new TrainingCheckpoint(epoch, epochs.ToArray(), state.ToBytes()),
                };
            }
        }

        double testAccuracy = double.NaN;
        if (data.Test.Count > 0)
        {
            using var test = DeviceImages.Create(data.Test, data.Normalization, 0, _device, storage);
            testAccuracy = Accuracy(model, test);
        }
        return new TrainingResult(epochs[^1].ValidationAccuracy, testAccuracy, epochs, clock.Elapsed.TotalSeconds,
            trainedImages / Math.Max(trainingSeconds, 1e-9), model.ExportTensors());
    }

    /// <summary>Fraction of <paramref name="data"/> classified correctly, in eval mode without gradients.</summary>
    private double Accuracy(ShapeNetwork model, DeviceImages data)
    {
        model.eval();
        using var noGrad = no_grad();
        long correct = 0;
        for (long start = 0; start < data.Count; start += _options.EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(_options.EvaluationBatchSize, data.Count - start);
            var predicted = model.forward(data.Images.narrow(0, start, count)).argmax(1);
            correct += predicted.eq(data.Labels.narrow(0, start, count)).sum().item<long>();
        }
        return (double)correct / data.Count;
    }

    private static void Validate(NetworkPlan plan, TrainingData data, TrainingRecipe recipe)
    {
        foreach (var (name, set) in new[] { ("training", data.Train), ("validation", data.Validation), ("test", data.Test) })
            if (set.Shape != plan.Input)
                throw new ArgumentException($"The {name} images are {set.Shape}; the network expects {plan.Input}.", nameof(data));
        if (data.Train.Count == 0 || data.Validation.Count == 0)
            throw new ArgumentException("Training and validation sets must not be empty.", nameof(data));
        if (recipe.Epochs < 1 || recipe.BatchSize < 1)
            throw new ArgumentException($"Epochs ({recipe.Epochs}) and batch size ({recipe.BatchSize}) must be positive.", nameof(recipe));
        if (data.Normalization.Mean.Length != plan.Input.Channels || data.Normalization.Std.Length != plan.Input.Channels)
            throw new ArgumentException($"Normalisation has {data.Normalization.Mean.Length} channels; the images have {plan.Input.Channels}.", nameof(data));
    }
}
