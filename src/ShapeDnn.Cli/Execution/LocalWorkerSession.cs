using System.Diagnostics;
using System.Text;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Execution;

/// <summary>
/// A worker process on this machine: this executable started again (the apphost, or
/// <c>dotnet shapednn.dll</c>) with the launch's arguments; events on its stdout, answers on its stdin
/// (also its lifeline: the worker stops when this process goes). Started on the first read, once its
/// placement (a slot on a device) is free.
/// </summary>
internal sealed class LocalWorkerSession(WorkerLaunch launch, Func<WorkerLaunch, CancellationToken, WorkerPlacement> place, Action<string>? log, CancellationToken batchCancelled)
    : IWorkerSession
{
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private Process? _process;
    private WorkerPlacement? _placement;
    private CancellationTokenRegistration _killOnCancel, _killOnRead;
    private bool _killed, _disposed;

    public WorkerLaunch Launch { get; } = launch;

    public string? ReadLine(CancellationToken cancellationToken)
    {
        var process = EnsureStarted(cancellationToken);
        try
        {
            return process.StandardOutput.ReadLine();
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested || batchCancelled.IsCancellationRequested)
        {
            // The process was killed for the cancellation.
            throw new OperationCanceledException("The worker was ended by a cancellation.");
        }
    }

    public void Answer(string line)
    {
        try
        {
            _process?.StandardInput.WriteLine(line);
            _process?.StandardInput.Flush();
        }
        catch (IOException)
        {
            // The worker died meanwhile; its exit code says why.
        }
    }

    public WorkerExit WaitForExit(CancellationToken cancellationToken)
    {
        var process = EnsureStarted(cancellationToken);
        process.WaitForExit();
        cancellationToken.ThrowIfCancellationRequested();
        batchCancelled.ThrowIfCancellationRequested();
        _placement?.Dispose();
        lock (_stderr) return new WorkerExit(process.ExitCode, _stderr.ToString());
    }

    public void Kill()
    {
        lock (_gate)
        {
            _killed = true;
            try { _process?.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_process is { HasExited: false }) Kill();
        _killOnCancel.Dispose();
        _killOnRead.Dispose();
        _process?.Dispose();
        _placement?.Dispose();
    }

    private Process EnsureStarted(CancellationToken cancellationToken)
    {
        if (_process is not null) return _process;
        // Waits for a free slot; the slot is held until the worker ends (or this session is disposed).
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, batchCancelled);
        _placement = place(Launch, either.Token);
        var processPath = Environment.ProcessPath ?? throw new ShapeDnnException(ErrorCode.Internal, "The path of this executable is unknown; cannot start workers.");
        var start = new ProcessStartInfo(processPath)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
            start.ArgumentList.Add(typeof(LocalWorkerSession).Assembly.Location);
        foreach (var a in Launch.Arguments) start.ArgumentList.Add(a);
        foreach (var (name, value) in Launch.Environment.Concat(_placement.Environment)) start.Environment[name] = value;

        lock (_gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batchCancelled.ThrowIfCancellationRequested();
            if (_killed) throw new OperationCanceledException("The worker was ended before it started.");
            _process = Process.Start(start) ?? throw new ShapeDnnException(ErrorCode.Internal, $"Could not start '{processPath}'.");
        }
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _killOnCancel = batchCancelled.Register(Kill);
        _killOnRead = cancellationToken.Register(Kill);
        if (_placement.Description is { } where) log?.Invoke($"{Launch.Name}: worker {_process.Id} on {where}");
        return _process;
    }
}
