using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Arguments;

/// <summary>
/// Every option of <c>shapednn</c>, each declared once with its help text and the kind of value it
/// takes (which brings its check). Commands list the ones they accept; the run code reads values
/// through these same objects, so a name is never spelled twice.
/// </summary>
internal static class CliOptions
{
    // Inputs and limits
    public static readonly OptionSpec Data = OptionSpec.ExistingFolder("--data", ErrorCode.DatasetMissing,
        "dataset folder: IDX (MNIST/Fashion-MNIST layout, .gz allowed) or CIFAR-10 binary").Required("the dataset folder");
    public static readonly OptionSpec Constraints = OptionSpec.Text("--constraints", "TEXT",
        "limits, e.g. \"MaxParameters=500k; MaxSize=2MB; MaxLatency=1.5ms; MaxEnergy=3mJ; MinAccuracy=93%\"");
    public static readonly OptionSpec Goal = OptionSpec.Text("--goal", "GOAL", "MinimizeSize | MinimizeLatency | MinimizeEnergy | MaximizeAccuracy");
    public static readonly OptionSpec DesignSpace = OptionSpec.Text("--design-space", "TEXT",
        "shapes to consider, e.g. \"depths=10,16,22;widths=1,2,4\", DenseNet-BC \"depths=40,100;growth=12,24\"; several families: \"wrn: … | densenet-bc: …\" (default: the family's, for Wide ResNet the paper's 110 shapes)");
    public static readonly OptionSpec Family = OptionSpec.Text("--family", "F", "wrn | densenet-bc | mobile, a comma-separated list, or all (default wrn)");
    public static readonly OptionSpec Budget = OptionSpec.Text("--budget", "B",
        "training budget: quick | standard | \"epochs=N;subset=M;validation=V;test=T;shapes=K;seed=S\" (search and train default quick, replay standard)");
    public static readonly OptionSpec TimeBudget = OptionSpec.Text("--time-budget", "TIME",
        "wall-clock ceiling for the whole search, e.g. 90s, 5m, 1h30m: then nothing new starts, running trainings stop after their epoch, and the best shape trained to the end is delivered");
    public static readonly OptionSpec BatchSize = OptionSpec.Count("--batch-size", "B", 1, Limits.MaxBatchSize, "images per forward pass that the latency and energy limits mean (default 1)");
    public static readonly OptionSpec Parallel = OptionSpec.Count("--parallel", "N", 1, Limits.MaxParallel,
        "shapes trained (replay: proposed) at a time, one worker process each (default 1 on the CPU, 4 on CUDA)");
    public static readonly OptionSpec JoinPercent = OptionSpec.Count("--join-percent", "P", 0, 100,
        "replay: least chance (%) of changing the choice that puts a cost goal's shape into a round of concurrent trainings (default 5; 0 fills every slot)");
    public static readonly OptionSpec NoEnergyEstimates = OptionSpec.Flag("--no-energy-estimates", "fail instead of estimating energy where no counter exists");

    // Where trainings run
    public static readonly OptionSpec Executor = OptionSpec.Choice("--executor", "where the trainings run: local worker processes or Slurm job arrays (default local; docs/executors.md, docs/slurm.md)", "local", "slurm");
    public static readonly OptionSpec Gpus = OptionSpec.Text("--gpus", "all|0,1,…", "spread the workers over these GPUs, as many per GPU as measured");

    // Slurm (--executor slurm; docs/slurm.md)
    public static readonly OptionSpec SlurmPartition = OptionSpec.Text("--slurm-partition", "P", "Slurm partition of the training tasks (default: the cluster's)");
    public static readonly OptionSpec SlurmAccount = OptionSpec.Text("--slurm-account", "A", "Slurm account to charge");
    public static readonly OptionSpec SlurmQos = OptionSpec.Text("--slurm-qos", "Q", "Slurm quality of service");
    public static readonly OptionSpec SlurmTime = OptionSpec.Text("--slurm-time", "T", "time limit per task in Slurm's syntax, e.g. 30, 1:00:00, 1-0 (default: the partition's)");
    public static readonly OptionSpec SlurmGpusPerTask = OptionSpec.Count("--slurm-gpus-per-task", "N", 0, 64, "GPUs per task (default 0: CPU nodes)");
    public static readonly OptionSpec SlurmCpusPerTask = OptionSpec.Count("--slurm-cpus-per-task", "N", 1, 1024, "CPUs per task (default: Slurm's)");
    public static readonly OptionSpec SlurmSbatchArgs = OptionSpec.Text("--slurm-sbatch-args", "ARGS", "more sbatch options, e.g. \"--constraint=a100 --mem=32G\"");
    public static readonly OptionSpec SlurmSetup = OptionSpec.ExistingFile("--slurm-setup", "a script sourced on the node before the worker starts (modules, environment)");
    public static readonly OptionSpec SlurmMaxResubmits = OptionSpec.Count("--slurm-max-resubmits", "N", 0, 100, "resubmissions of a task that failed or was pre-empted without a result (default 2)");
    public static readonly OptionSpec SlurmPendingTimeout = OptionSpec.Count("--slurm-pending-timeout", "S", 1, 7 * 24 * 3600, "seconds a task may wait in the queue before the search gives up, naming it (default 3600)");
    public static readonly OptionSpec SlurmWorker = OptionSpec.Text("--slurm-worker", "PATH", "the shapednn executable (or shapednn.dll) on the nodes (default: this one, at the same path)");

    // Outputs
    public static readonly OptionSpec Out = OptionSpec.Folder("--out", ErrorCode.OutputNotWritable, "where N.onnx, N.g.cs, N.report.json and N.report.html are written").Required("the output folder");
    public static readonly OptionSpec Name = OptionSpec.Text("--name", "N", "model and class name (default ShapeDnnModel)");
    public static readonly OptionSpec Namespace = OptionSpec.Text("--namespace", "NS", "namespace of the generated class (default ShapeDnn.Generated)");
    public static readonly OptionSpec Labels = OptionSpec.Text("--labels", "L",
        "class names: \"cat;dog;...\" (or ,-separated), or a file with one per line (default: the names of Fashion-MNIST, MNIST or CIFAR-10 when recognised)");
    public static readonly OptionSpec Access = OptionSpec.Choice("--access", "accessibility of the generated class (default public)", "public", "internal");
    public static readonly OptionSpec Cache = OptionSpec.Folder("--cache", ErrorCode.CacheNotWritable, "cache folder (default $SHAPEDNN_CACHE or ~/.cache/shapednn)");
    public static readonly OptionSpec Events = OptionSpec.NewFile("--events", ErrorCode.BadOption,
        "write versioned JSON progress events, one a line, to FILE, or to stdout with '-' (docs/progress.md)");
    public static readonly OptionSpec Json = OptionSpec.Flag("--json", "print the result as JSON on stdout (progress goes to stderr)");
    public static readonly OptionSpec Verbose = OptionSpec.Flag("--verbose", "print details");

    // The device and its native library
    public static readonly OptionSpec Device = OptionSpec.Choice("--device",
        "compute device (default auto); profile measures on the CPU with ONNX Runtime and on CUDA with TorchSharp/cuDNN", "auto", "cpu", "cuda");
    public static readonly OptionSpec LibTorch = OptionSpec.ExistingFolder("--libtorch", ErrorCode.NativeLibrary,
        "lib folder of an existing libtorch, e.g. a PyTorch install's torch/lib (also $SHAPEDNN_LIBTORCH); libtorch 2.10 expected, another 2.x minor warns");
    public static readonly OptionSpec Precision = OptionSpec.Choice("--precision", "training arithmetic (default bf16 on CUDA, fp32 on the CPU)", "bf16", "tf32", "fp32");
    public static readonly OptionSpec ChannelsLast = OptionSpec.Choice("--channels-last", "NHWC activations (default on for CUDA)", "on", "off", "true", "false");
    public static readonly OptionSpec CudnnAutotune = OptionSpec.Choice("--cudnn-autotune",
        "let cuDNN time its convolution algorithms for each input size and keep the fastest (default off: it lengthens every first epoch; CUDA only)", "on", "off", "true", "false");

    // train and its worker mode (docs/workers.md)
    public static readonly OptionSpec Shape = OptionSpec.Text("--shape", "NAME", "the shape to train, e.g. WRN-16-4").Required("the shape, e.g. WRN-16-4");
    public static readonly OptionSpec BatchSizeTrain = OptionSpec.Count("--batch-size-train", "N", 1, Limits.MaxBatchSize, "training batch size (the learning rate is scaled linearly with it)");
    public static readonly OptionSpec Threads = OptionSpec.Count("--threads", "N", 1, Limits.MaxThreads, "CPU threads of the training");
    public static readonly OptionSpec ResumeFrom = OptionSpec.ExistingFile("--resume-from", "go on from a checkpoint of a stopped run (same shape and recipe)");
    public static readonly OptionSpec ChannelFolder = OptionSpec.Folder("--channel-folder", ErrorCode.OutputNotWritable,
        "worker: a file channel in this folder instead of stdin/stdout (events.jsonl out, answers in), for executors without a pipe");
    public static readonly OptionSpec Token = OptionSpec.Text("--token", "FILE", "node-check: the token file the search wrote under the cache folder").Required("the token file");
    public static readonly OptionSpec NodeData = OptionSpec.Text("--data", "DIR", "node-check: the dataset folder the trainings will read").Required("the dataset folder");
    public static readonly OptionSpec Channel = OptionSpec.Flag("--channel", "worker mode: JSON events on stdout, continue/stop answers on stdin; stdin's end stops the training");
    public static readonly OptionSpec Recipe = OptionSpec.ExistingFile("--recipe", "worker: the exact recipe (JSON) instead of --budget");
    public static readonly OptionSpec CheckpointOut = OptionSpec.NewFile("--checkpoint-out", ErrorCode.OutputNotWritable, "worker: where a stopped run's checkpoint is written");
    public static readonly OptionSpec WeightsOut = OptionSpec.NewFile("--weights-out", ErrorCode.OutputNotWritable, "worker: where the trained weights are written");
    public static readonly OptionSpec CacheKey = OptionSpec.Text("--cache-key", "KEY", "worker: the trained-shape cache key the result is stored under (with --cache)");

    // shapes and profile
    public static readonly OptionSpec Input = OptionSpec.Text("--input", "CxHxW", "image geometry, e.g. 1x28x28 or 3x32x32");
    public static readonly OptionSpec Classes = OptionSpec.Count("--classes", "K", 2, Limits.MaxClasses, "number of classes (default 10)");
    public static readonly OptionSpec Shapes = OptionSpec.Text("--shapes", "LIST", "shapes that need not form a grid, e.g. WRN-10-1,WRN-16-2");
    public static readonly OptionSpec BatchSizes = OptionSpec.Text("--batch-sizes", "LIST", "batch sizes to measure, e.g. 1,128 (default 1)");
    public static readonly OptionSpec Repeat = OptionSpec.Count("--repeat", "N", 1, Limits.MaxRepeat, "measure each shape N times, to see the repeatability (default 1)");
    public static readonly OptionSpec EnergyWindow = OptionSpec.Count("--energy-window", "S", 1, Limits.MaxEnergyWindowSeconds, "seconds of passes per energy reading (default 2)");
    public static readonly OptionSpec NoEnergy = OptionSpec.Flag("--no-energy", "measure latency only");

    // replay and report
    // The file is checked by GroundTruthFile itself, so that every problem with it is one code (SDNN026).
    public static readonly OptionSpec GroundTruth = OptionSpec.Text("--ground-truth", "FILE", "ground truth, JSON Lines (benchmarks/ground-truth)").Required("the ground-truth file (.jsonl)");
    // Like search's --out, a missing folder is created, so the path is free text here.
    public static readonly OptionSpec ReportOut = OptionSpec.Text("--out", "FILE", "the HTML file to write (default: N.report.html beside the report JSON; its folder is created)");
}
