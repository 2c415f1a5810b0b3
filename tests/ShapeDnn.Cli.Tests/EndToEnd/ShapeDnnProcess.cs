using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ShapeDnn.Cli.Tests.EndToEnd;

/// <summary>Runs the real <c>shapednn</c> executable (as built beside the tests) in its own process.</summary>
internal sealed partial class ShapeDnnProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    private ShapeDnnProcess(Process process) => _process = process;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SampleData => Path.Combine(RepositoryRoot, "samples", "data", "fashion-mnist-small");

    public static ShapeDnnProcess Start(string cacheFolder, params string[] args) => StartWith(cacheFolder, new Dictionary<string, string>(), args);

    /// <summary>Starts it with extra environment variables (test-only hooks).</summary>
    public static ShapeDnnProcess StartWith(string cacheFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "shapednn.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["SHAPEDNN_CACHE"] = cacheFolder;
        info.Environment["CI"] = "true"; // line-oriented progress
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var runner = new ShapeDnnProcess(new Process { StartInfo = info });
        runner._process.OutputDataReceived += (_, e) => runner.OnLine(runner._stdout, e.Data);
        runner._process.ErrorDataReceived += (_, e) => runner.OnLine(runner._stderr, e.Data);
        runner._process.Start();
        runner._process.BeginOutputReadLine();
        runner._process.BeginErrorReadLine();
        return runner;
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string cacheFolder, params string[] args)
    {
        using var p = Start(cacheFolder, args);
        return p.WaitForExit(TimeSpan.FromMinutes(5));
    }

    /// <summary>Completes when a stdout line matching <paramref name="match"/> has been printed.</summary>
    public Task WhenLine(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_stdout.ToString().Split('\n').Any(match)) seen.SetResult();
            else _waiters.Add((match, seen));
        }
        return seen.Task;
    }

    /// <summary>The process id of the running shapednn.</summary>
    public int Id => _process.Id;

    /// <summary>SIGKILL: no handler runs, as when a build or a terminal is killed outright.</summary>
    public void KillHard()
    {
        if (kill(_process.Id, 9) != 0) throw new InvalidOperationException($"kill failed: {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void KillNow()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Terminate()
    {
        if (kill(_process.Id, 15) != 0) throw new InvalidOperationException($"kill failed: {Marshal.GetLastPInvokeError()}");
    }

    public (int ExitCode, string Stdout, string Stderr) WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"shapednn did not finish within {timeout}.\nstdout:\n{_stdout}\nstderr:\n{_stderr}");
        }
        _process.WaitForExit(); // drains the asynchronous readers
        lock (_waiters) return (_process.ExitCode, _stdout.ToString(), _stderr.ToString());
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void OnLine(StringBuilder target, string? line)
    {
        if (line is null) return;
        lock (_waiters)
        {
            target.AppendLine(line);
            if (target != _stdout) return;
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ShapeDnn.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests must run inside the ShapeDnn repository.");
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
