namespace ShapeDnn.Cli.Execution;

/// <summary>
/// One worker as its executor runs it: the lines of its event stream in (<c>WorkerEvent</c> lines, and
/// anything else a native library prints there), the answers to its epoch events out, and its end.
/// Read from one thread. Disposing it (more than once is harmless) ends a worker that still runs (nothing may train unattended)
/// and gives back what it holds (a slot on a device).
/// </summary>
internal interface IWorkerSession : IDisposable
{
    /// <summary>What was launched.</summary>
    WorkerLaunch Launch { get; }

    /// <summary>The next line the worker wrote on its event stream, waiting for it (and for a queued worker to start); null once the stream has ended.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    string? ReadLine(CancellationToken cancellationToken);

    /// <summary>Sends one answer line (<c>continue</c> or <c>stop</c>) to the worker; a worker that is gone meanwhile is not an error here (its exit says why).</summary>
    void Answer(string line);

    /// <summary>Waits for the worker to end, after its event stream ended.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    WorkerExit WaitForExit(CancellationToken cancellationToken);

    /// <summary>Ends the worker now (a callback failed, or the search is cancelled); idempotent.</summary>
    void Kill();
}
