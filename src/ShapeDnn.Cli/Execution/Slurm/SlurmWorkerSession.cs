using ShapeDnn.Cli.Commands;
using ShapeDnn.Cli.Training;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Execution.Slurm;

/// <summary>
/// One training as an array task: its events read from the attempt's file channel, its answers
/// appended there, its end seen in the scheduler's states. An attempt that ends from outside the
/// worker without a result (pre-empted, cancelled, its node lost) is submitted again, up to
/// <see cref="SlurmSettings.MaxResubmits"/> times; the new attempt trains again (or resumes from the
/// same checkpoint), and the epochs the search has already seen are answered here as they were
/// answered before, so the search sees each epoch once.
/// </summary>
internal sealed class SlurmWorkerSession : IWorkerSession
{
    private static readonly TimeSpan EventPoll = TimeSpan.FromMilliseconds(200);
    private readonly SlurmExecutor _executor;
    private readonly SlurmBatch _batch;
    private readonly int _index;
    private readonly Queue<string> _lines = new();
    private readonly List<string> _answers = [];
    private readonly Lock _gate = new();
    private Attempt _attempt;
    private int _resubmits;
    private int _epochsSeen;
    private bool _resultSeen, _ended, _killed, _running;
    private SlurmTaskState? _last;

    public SlurmWorkerSession(SlurmExecutor executor, SlurmBatch batch, int index, WorkerLaunch launch, string arrayJobId)
    {
        _executor = executor;
        _batch = batch;
        _index = index;
        Launch = launch;
        _attempt = NewAttempt(arrayJobId);
    }

    public WorkerLaunch Launch { get; }

    /// <summary>The array task of the current attempt, e.g. <c>123_4</c>.</summary>
    public string TaskId => _attempt.TaskId;

    public string? ReadLine(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_lines.Count > 0) return _lines.Dequeue();
            if (_ended) return null;
            if (Take(_attempt.Events.ReadNew())) continue;
            if (_resultSeen)
            {
                // The result is the worker's last word (it is in the cache already): the search goes on without waiting for Slurm to call the task ended.
                _executor.Monitor.Beat(_attempt.Channel, keep: false);
                _ended = true;
                continue;
            }

            var state = _executor.Monitor.State(_attempt.TaskId, out long version);
            if (state is not null && state != _last) Observe(state);
            if (state?.Phase is SlurmTaskPhase.Completed or SlurmTaskPhase.Ended)
            {
                // The worker wrote its last events before it exited: read them before deciding anything.
                if (Take(_attempt.Events.ReadNew())) continue;
                _executor.Monitor.Beat(_attempt.Channel, keep: false);
                if (!_resultSeen && Resubmit(state)) continue;
                _ended = true;
                continue;
            }
            if (state is null or { Phase: SlurmTaskPhase.Waiting } && DateTime.UtcNow - _attempt.Submitted > _executor.Settings.PendingTimeout)
                _executor.NeverStarted(_executor.Settings.PendingTimeout);
            _executor.Monitor.WaitForChange(version, EventPoll, cancellationToken);
        }
    }

    public void Answer(string line)
    {
        lock (_gate) _answers.Add(line);
        FileChannel.Answer(_attempt.Channel, line);
    }

    public WorkerExit WaitForExit(CancellationToken cancellationToken)
    {
        while (!_ended) ReadLine(cancellationToken);
        var output = _attempt.Output();
        if (_resultSeen) return new WorkerExit(0, output);
        var state = _last ?? new SlurmTaskState(_attempt.TaskId, "UNKNOWN", "");
        int? exit = _executor.Commands.ExitCode(state);
        if (exit == TrainCommand.NotTrainableExitCode) return new WorkerExit(exit.Value, output);
        string tries = _resubmits == 0 ? "" : $" (attempt {_resubmits + 1}; {_resubmits} resubmitted)";
        throw new ShapeDnnException(ErrorCode.SlurmTaskFailed,
            $"The Slurm task {state} training {Launch.Name} ended without a result{(exit is { } e ? $", exit {e}" : "")}{tries}; {TaskEnding.Advice(state)}:\n{Tail(output)}\n" +
            $"Check that the worker bundle and libtorch are on the nodes (docs/slurm.md); the task's output is {_attempt.OutputFile}.");
    }

    public void Kill()
    {
        lock (_gate)
        {
            if (_killed) return;
            _killed = true;
        }
        if (!_ended && _last?.Phase is not (SlurmTaskPhase.Completed or SlurmTaskPhase.Ended))
            _executor.Commands.Cancel([_attempt.TaskId]);
        _executor.Monitor.Beat(_attempt.Channel, keep: false);
    }

    public void Dispose()
    {
        if (!_ended) Kill();
    }

    private void Observe(SlurmTaskState state)
    {
        _last = state;
        if (state.Phase == SlurmTaskPhase.Running && !_running)
        {
            _running = true;
            _executor.Log?.Invoke($"slurm: {Launch.Name} runs as task {state.TaskId}");
        }
    }

    /// <summary>Queues the lines of the current attempt that the search has not seen; answers replayed epochs itself. True when something was queued.</summary>
    private bool Take(IReadOnlyList<string> lines)
    {
        bool any = false;
        foreach (var line in lines)
        {
            var message = WorkerEvent.TryParse(line);
            switch (message?.Event)
            {
                case "progress" when message.Epoch <= _epochsSeen:
                    continue; // an epoch the search saw in an earlier attempt
                case "epoch" when message.Statistics!.Epoch <= _epochsSeen:
                    string again;
                    lock (_gate) again = _answers[message.Statistics.Epoch - 1 - (_epochsSeen - _answers.Count)];
                    FileChannel.Answer(_attempt.Channel, again);
                    continue;
                case "epoch":
                    _epochsSeen = message.Statistics!.Epoch;
                    break;
                case "result":
                    _resultSeen = true;
                    _executor.Monitor.Wake();
                    LogOverhead();
                    break;
            }
            _lines.Enqueue(line);
            any = true;
        }
        return any;
    }

    /// <summary>The executor's own delays for this attempt (--verbose): submission to start on the node, the result's writing to its reading here.</summary>
    private void LogOverhead()
    {
        if (_executor.Log is not { } log) return;
        var seen = DateTime.UtcNow;
        var written = File.GetLastWriteTimeUtc(Path.Combine(_attempt.Channel, FileChannel.EventsFile));
        string started = "?";
        try
        {
            var text = File.ReadAllText(Path.Combine(_attempt.Channel, ArrayScript.StartedFile)).Trim();
            if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds))
                started = (DateTime.UnixEpoch.AddSeconds(seconds) - _attempt.Submitted).TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            // No start time (a node without date +%N): the figure is left out.
        }
        log(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"slurm: {Launch.Name} task {_attempt.TaskId}: started {started} s after submission; result seen {(seen - written).TotalSeconds:0.00} s after it was written"));
    }

    private bool Resubmit(SlurmTaskState state)
    {
        if (_killed || _resubmits >= _executor.Settings.MaxResubmits) return false;
        int? exit = _executor.Commands.ExitCode(state);
        if (!TaskEnding.FromOutside(state, exit)) return false;
        _resubmits++;
        string job = _executor.Resubmit(_batch, _index);
        var previous = _attempt.TaskId;
        _attempt = NewAttempt(job);
        _running = false;
        _executor.Warn?.Invoke($"{Launch.Name}: Slurm task {previous} ended ({state.State}) without a result; submitted again as {_attempt.TaskId} (resubmission {_resubmits} of at most {_executor.Settings.MaxResubmits})");
        return true;
    }

    private Attempt NewAttempt(string arrayJobId)
    {
        var attempt = new Attempt(_batch.Folder, _index, arrayJobId);
        _executor.Monitor.Beat(attempt.Channel, keep: true);
        return attempt;
    }

    private static string Tail(string text)
    {
        text = text.Trim();
        return text.Length == 0 ? "(the task wrote nothing)" : text.Length <= 2000 ? text : "…" + text[^2000..];
    }

    /// <summary>One submission of the task: its array task id, channel folder, event follower and output file.</summary>
    private sealed class Attempt(string batchFolder, int index, string arrayJobId)
    {
        public string TaskId { get; } = $"{arrayJobId}_{index}";
        public string Channel { get; } = ArrayScript.AttemptFolder(batchFolder, index, arrayJobId);
        public string OutputFile { get; } = ArrayScript.OutputFile(batchFolder, index, arrayJobId);
        public DateTime Submitted { get; } = DateTime.UtcNow;
        public FileChannel.LineFollower Events { get; } = new(Path.Combine(ArrayScript.AttemptFolder(batchFolder, index, arrayJobId), FileChannel.EventsFile));

        public string Output()
        {
            try
            {
                return File.Exists(OutputFile) ? File.ReadAllText(OutputFile) : "";
            }
            catch (IOException)
            {
                return "";
            }
        }
    }
}
