using System.Collections.Concurrent;
using ShapeDnn.Diagnostics;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Training;

/// <summary>
/// The worker's end of the channel to its parent (<c>shapednn train --channel</c>): events go out as
/// JSON lines on stdout, the parent's decisions come in as lines on stdin. Stdin is also the
/// lifeline: its end of file means the parent is gone (the pipe's writer closes when the parent
/// dies, however it dies), and <see cref="ParentGone"/> is cancelled at once, mid-epoch or between
/// epochs, because a thread of its own reads stdin.
/// </summary>
internal sealed class WorkerChannel : IDisposable
{
    private readonly TextWriter _events;
    private readonly BlockingCollection<string> _answers = new();
    private readonly CancellationTokenSource _parentGone = new();
    private readonly Lock _gate = new();

    private WorkerChannel(TextReader input, TextWriter events)
    {
        _events = events;
        var reader = new Thread(() => ReadAnswers(input)) { IsBackground = true, Name = "shapednn parent lifeline" };
        reader.Start();
    }

    /// <summary>Opens the channel on <paramref name="input"/> (the parent's decisions, EOF = parent gone) and <paramref name="events"/>.</summary>
    public static WorkerChannel Open(TextReader input, TextWriter events) => new(input, events);

    /// <summary>Cancelled when the parent closes the channel (it exited or was killed).</summary>
    public CancellationToken ParentGone => _parentGone.Token;

    /// <summary>Writes one event line (thread-safe; flushed, so the parent sees it at once).</summary>
    public void Write(WorkerEvent value)
    {
        lock (_gate)
        {
            _events.WriteLine(value.ToLine());
            _events.Flush();
        }
    }

    /// <summary>Progress as events.</summary>
    public IProgress<TrainingProgress> Progress => new EventProgress(this);

    /// <summary>Reports <paramref name="epoch"/> and waits for the parent's decision.</summary>
    /// <exception cref="OperationCanceledException">The parent went away, or <paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ShapeDnnException">SDNN099: the parent answered something else than continue or stop.</exception>
    public EpochDecision Decide(EpochStatistics epoch, CancellationToken cancellationToken)
    {
        Write(WorkerEvent.Of(epoch));
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _parentGone.Token);
        if (!_answers.TryTake(out var answer, Timeout.Infinite, either.Token))
            throw new OperationCanceledException("The parent closed the channel.", _parentGone.Token);
        return answer switch
        {
            WorkerEvent.Continue => EpochDecision.Continue,
            WorkerEvent.Stop => EpochDecision.Stop,
            _ => throw new ShapeDnnException(ErrorCode.Internal, $"The parent answered '{answer}' to epoch {epoch.Epoch}; expected '{WorkerEvent.Continue}' or '{WorkerEvent.Stop}'."),
        };
    }

    private void ReadAnswers(TextReader input)
    {
        try
        {
            while (input.ReadLine() is { } line)
                if (line.Trim() is { Length: > 0 } answer) _answers.Add(answer);
        }
        catch (IOException)
        {
            // A broken pipe is a parent gone, as EOF is.
        }
        _parentGone.Cancel();
        _answers.CompleteAdding();
    }

    public void Dispose()
    {
        // The reader thread is a background thread blocked in ReadLine; it ends with the process.
        _parentGone.Dispose();
    }

    private sealed class EventProgress(WorkerChannel channel) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => channel.Write(WorkerEvent.Of(value));
    }
}
