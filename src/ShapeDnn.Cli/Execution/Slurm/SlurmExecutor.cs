using System.Globalization;
using ShapeDnn.Cli.Output;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Execution.Slurm;

/// <summary>One submitted batch: its folder on the shared file system and its array script.</summary>
/// <param name="Folder">Holds the script, and per task its arguments, output and channel folders.</param>
/// <param name="Script">The array script (resubmissions use it again).</param>
/// <param name="Inputs">Per task, the input files its arguments name (recipe, checkpoint) and a kept copy of each.</param>
internal sealed record SlurmBatch(string Folder, string Script, IReadOnlyList<IReadOnlyList<(string Original, string Kept)>> Inputs)
{
    /// <summary>
    /// Puts task <paramref name="index"/>'s input files back: a worker that is cancelled deletes the files
    /// it was handed (docs/workers.md), and the next attempt needs them again.
    /// </summary>
    public void RestoreInputs(int index)
    {
        foreach (var (original, kept) in Inputs[index])
        {
            Directory.CreateDirectory(Path.GetDirectoryName(original)!);
            File.Copy(kept, original, overwrite: true);
        }
    }
}

/// <summary>
/// <c>--executor slurm</c>: each batch of the search is one <c>sbatch</c> job array, one training per
/// array task, running the worker bundle on the node Slurm gives it (docs/slurm.md). Workers talk
/// through file channels in a run folder under the shared cache folder (<c>CACHE/slurm/</c>) and store
/// their results in the shared trained-shape cache; one <see cref="SlurmJobMonitor"/> follows all
/// tasks with batched queries. Cancelling the search, an error, or disposing this cancels every task
/// still queued or running.
/// </summary>
internal sealed class SlurmExecutor : ITrainingExecutor, IDisposable
{
    private readonly IReadOnlyList<string> _worker;
    private readonly string _runFolder;
    private readonly Lock _gate = new();
    private readonly List<string> _submitted = [];
    private readonly List<CancellationTokenRegistration> _registrations = [];
    private int _batches;

    /// <param name="settings">Partition, resources, resubmissions, pending time-out.</param>
    /// <param name="cacheFolder">The shared cache folder: the run folder goes under it.</param>
    /// <param name="worker">The worker command on the nodes (the executable, and the dll when it is <c>dotnet</c>).</param>
    /// <param name="log">Detail lines.</param>
    /// <param name="warn">Warnings (a task resubmitted).</param>
    public SlurmExecutor(SlurmSettings settings, string cacheFolder, IReadOnlyList<string> worker, Action<string>? log, Action<string>? warn)
    {
        Settings = settings;
        _worker = worker;
        Log = log;
        Warn = warn;
        Commands = new SlurmCommands(log);
        _runFolder = Path.Combine(Path.GetFullPath(cacheFolder), "slurm",
            $"run-{Environment.MachineName}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(_runFolder);
        Monitor = new SlurmJobMonitor(Commands);
    }

    public SlurmSettings Settings { get; }
    public SlurmCommands Commands { get; }
    public SlurmJobMonitor Monitor { get; }
    public Action<string>? Log { get; }
    public Action<string>? Warn { get; }

    public string Name => "slurm";

    public string Placement => $"Slurm job array tasks{(Settings.Partition is { } p ? $" on partition {p}" : "")}";

    /// <summary>Shapes per array when --parallel is not given: a cluster runs many at once.</summary>
    public int? DefaultParallel => 4;

    public string CreateScratchFolder()
    {
        var folder = Path.Combine(_runFolder, "scratch", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public IReadOnlyList<IWorkerSession> Start(IReadOnlyList<WorkerLaunch> batch, CancellationToken cancellationToken)
    {
        var (slurmBatch, job) = SubmitArray(_ => batch.Select(l => l.Arguments).ToList(), "train");
        // Ctrl+C, SIGTERM, a cancelled build: every task of the batch goes at once, queued or running.
        lock (_gate) _registrations.Add(cancellationToken.Register(CancelAll));
        return batch.Select((launch, i) => (IWorkerSession)new SlurmWorkerSession(this, slurmBatch, i, launch, job)).ToList();
    }

    /// <summary>Submits one array from a fresh batch folder: task i gets the arguments i that <paramref name="argumentsIn"/> gives for that folder.</summary>
    internal (SlurmBatch Batch, string JobId) SubmitArray(Func<string, IReadOnlyList<IReadOnlyList<string>>> argumentsIn, string kind)
    {
        int number = Interlocked.Increment(ref _batches);
        var folder = Path.Combine(_runFolder, $"{kind}-{number.ToString(CultureInfo.InvariantCulture)}");
        Directory.CreateDirectory(folder);
        var arguments = argumentsIn(folder);
        for (int i = 0; i < arguments.Count; i++)
        {
            Directory.CreateDirectory(ArrayScript.TaskFolder(folder, i));
            if (arguments[i].FirstOrDefault(a => a.Contains('\n') || a.Contains('\r')) is { } bad)
                throw new ShapeDnnException(ErrorCode.Internal, $"A worker argument holds a line break and cannot go into a task's argument file: '{bad}'.");
            File.WriteAllLines(ArrayScript.ArgumentsFile(folder, i), arguments[i]);
        }
        var script = Path.Combine(folder, "array.sh");
        File.WriteAllText(script, ArrayScript.Generate(folder, $"shapednn-{kind}", Settings, _worker));
        var batch = new SlurmBatch(folder, script, arguments.Select((a, i) => KeepInputs(a, ArrayScript.TaskFolder(folder, i))).ToList());
        var job = Submit(batch, $"0-{(arguments.Count - 1).ToString(CultureInfo.InvariantCulture)}");
        Log?.Invoke($"slurm: submitted {arguments.Count} {kind} task(s) as job array {job}");
        return (batch, job);
    }

    /// <summary>Submits task <paramref name="index"/> of <paramref name="batch"/> again, its input files restored; the new array job's id.</summary>
    internal string Resubmit(SlurmBatch batch, int index)
    {
        batch.RestoreInputs(index);
        return Submit(batch, index.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Copies the input files a task's arguments name (<c>--recipe</c>, <c>--resume-from</c>) into its folder, for a resubmission.</summary>
    private static IReadOnlyList<(string Original, string Kept)> KeepInputs(IReadOnlyList<string> arguments, string taskFolder)
    {
        var kept = new List<(string, string)>();
        for (int i = 0; i + 1 < arguments.Count; i++)
        {
            if (arguments[i] is not ("--recipe" or "--resume-from") || !File.Exists(arguments[i + 1])) continue;
            var copy = Path.Combine(taskFolder, "kept" + arguments[i]);
            File.Copy(arguments[i + 1], copy, overwrite: true);
            kept.Add((arguments[i + 1], copy));
        }
        return kept;
    }

    private string Submit(SlurmBatch batch, string tasks)
    {
        var job = Commands.Submit(batch.Script, [$"--array={tasks}"]);
        lock (_gate) _submitted.Add(job);
        Monitor.Track(job);
        return job;
    }

    /// <summary>Gives up on tasks that did not start: cancels everything and names them.</summary>
    /// <exception cref="ShapeDnnException">Always: SDNN029.</exception>
    internal void NeverStarted(TimeSpan timeout)
    {
        var waiting = Monitor.Waiting();
        CancelAll();
        string tasks = waiting.Count == 0 ? "its tasks" : string.Join(", ", waiting.Select(w => w.ToString()));
        throw new ShapeDnnException(ErrorCode.SlurmJobNotStarted,
            $"Slurm did not start {tasks} within {Format.Seconds(timeout.TotalSeconds)}; all were cancelled. " +
            "Check the partition's queue ('squeue -p …', the reason in parentheses) or allow longer with --slurm-pending-timeout (ShapeDnnSlurmPendingTimeout).");
    }

    /// <summary>Cancels every job this executor submitted that may still be queued or running.</summary>
    public void CancelAll()
    {
        List<string> jobs;
        lock (_gate) jobs = [.. _submitted];
        var active = Monitor.ActiveJobs().Intersect(jobs).ToList();
        if (active.Count > 0) Log?.Invoke($"slurm: cancelling job(s) {string.Join(' ', active)}");
        Commands.Cancel(active);
    }

    public void Dispose()
    {
        lock (_gate) _registrations.ForEach(r => r.Dispose());
        CancelAll();
        Monitor.Dispose();
        try { Directory.Delete(_runFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
