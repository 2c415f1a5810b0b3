using ShapeDnn.Cli.Training;

namespace ShapeDnn.Cli.Execution.Slurm;

/// <summary>
/// Follows every job the executor submitted with one scheduler query per interval for all of them
/// (<see cref="SlurmCommands.Query"/>, intervals from <see cref="PollSchedule"/>), and keeps the
/// parent's heartbeat on the channel folders of the attempts that may still run. Sessions read the
/// latest states and wait for the next change.
/// </summary>
internal sealed class SlurmJobMonitor : IDisposable
{
    private readonly SlurmCommands _commands;
    private readonly PollSchedule _schedule = PollSchedule.Default();
    private readonly object _gate = new(); // Monitor.Wait needs an object
    private readonly Dictionary<string, SlurmTaskState> _states = new();
    private readonly HashSet<string> _jobs = new();
    private readonly HashSet<string> _channels = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private DateTime _lastBeat = DateTime.MinValue;
    private Exception? _failure;
    private long _version;
    private int _failures;

    /// <summary>Scheduler queries that may fail in a row (each after a longer interval) before the search gives up.</summary>
    private const int FailuresTolerated = 5;

    public SlurmJobMonitor(SlurmCommands commands)
    {
        _commands = commands;
        _thread = new Thread(Loop) { IsBackground = true, Name = "shapednn slurm monitor" };
        _thread.Start();
    }

    /// <summary>Follows <paramref name="jobId"/> from now on, and asks the scheduler soon.</summary>
    public void Track(string jobId)
    {
        lock (_gate) _jobs.Add(jobId);
        _schedule.Changed();
        _wake.Set();
    }

    /// <summary>Keeps the parent's heartbeat on <paramref name="channelFolder"/> (a running attempt's).</summary>
    public void Beat(string channelFolder, bool keep)
    {
        lock (_gate)
        {
            if (keep) _channels.Add(channelFolder);
            else _channels.Remove(channelFolder);
        }
    }

    /// <summary>Asks the scheduler now (a session saw a result: its task is about to end).</summary>
    public void Wake()
    {
        _schedule.Changed();
        _wake.Set();
    }

    /// <summary>The latest state of <paramref name="taskId"/> (<c>123_4</c>), or null before the scheduler has reported it.</summary>
    /// <exception cref="Exception">The scheduler could not be asked (the query's error).</exception>
    public SlurmTaskState? State(string taskId, out long version)
    {
        lock (_gate)
        {
            if (_failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
            version = _version;
            return _states.GetValueOrDefault(taskId);
        }
    }

    /// <summary>Every task the scheduler reports as still waiting in the queue.</summary>
    public IReadOnlyList<SlurmTaskState> Waiting()
    {
        lock (_gate) return _states.Values.Where(s => s.Phase == SlurmTaskPhase.Waiting).OrderBy(s => s.TaskId, StringComparer.Ordinal).ToList();
    }

    /// <summary>The jobs with a task that may still be queued or running.</summary>
    public IReadOnlyList<string> ActiveJobs()
    {
        lock (_gate)
            return _jobs.Where(job => !_states.Values.Any(s => s.TaskId.StartsWith(job + "_", StringComparison.Ordinal))
                || _states.Values.Any(s => s.TaskId.StartsWith(job + "_", StringComparison.Ordinal) && s.Phase is SlurmTaskPhase.Waiting or SlurmTaskPhase.Running)).ToList();
    }

    /// <summary>Waits until the states change after <paramref name="version"/>, or <paramref name="timeout"/> passes.</summary>
    public void WaitForChange(long version, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => { lock (_gate) Monitor.PulseAll(_gate); });
        lock (_gate)
        {
            if (_version == version && !cancellationToken.IsCancellationRequested) Monitor.Wait(_gate, timeout);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            var delay = _schedule.Next();
            // Every heartbeat interval at the latest, the channel folders are touched.
            var untilBeat = _lastBeat + FileChannel.HeartbeatInterval - DateTime.UtcNow;
            if (untilBeat < delay) delay = untilBeat < TimeSpan.Zero ? TimeSpan.Zero : untilBeat;
            if (WaitHandle.WaitAny([_wake, _stop.Token.WaitHandle], delay) == 1) return;
            KeepHeartbeat();
            List<string> jobs;
            lock (_gate) jobs = [.. _jobs];
            if (jobs.Count == 0) continue;
            try
            {
                var states = _commands.Query(jobs);
                bool changed = false;
                lock (_gate)
                {
                    foreach (var state in states)
                        if (!_states.TryGetValue(state.TaskId, out var old) || old != state)
                        {
                            _states[state.TaskId] = state;
                            changed = true;
                        }
                    // Jobs whose every task has ended need no more queries.
                    foreach (var job in jobs)
                    {
                        var tasks = _states.Values.Where(s => s.TaskId.StartsWith(job + "_", StringComparison.Ordinal)).ToList();
                        if (tasks.Count > 0 && tasks.All(s => s.Phase is SlurmTaskPhase.Completed or SlurmTaskPhase.Ended)) _jobs.Remove(job);
                    }
                    if (changed) _version++;
                    Monitor.PulseAll(_gate);
                }
                if (changed) _schedule.Changed();
            }
            catch (Exception ex)
            {
                // A busy controller times out now and then: only several failures in a row end the search.
                if (++_failures < FailuresTolerated) continue;
                lock (_gate)
                {
                    _failure = ex;
                    _version++;
                    Monitor.PulseAll(_gate);
                }
                return;
            }
            _failures = 0;
        }
    }

    private void KeepHeartbeat()
    {
        if (DateTime.UtcNow - _lastBeat < FileChannel.HeartbeatInterval) return;
        _lastBeat = DateTime.UtcNow;
        List<string> channels;
        lock (_gate) channels = [.. _channels];
        foreach (var channel in channels)
        {
            try
            {
                FileChannel.Beat(channel);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The attempt's folder is not there yet or any more; the next beat tries again.
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _wake.Dispose();
        _stop.Dispose();
    }
}
