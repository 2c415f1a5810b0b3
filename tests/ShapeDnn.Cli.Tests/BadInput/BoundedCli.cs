using System.Diagnostics;
using System.Text;

namespace ShapeDnn.Cli.Tests.BadInput;

/// <summary>
/// Runs <c>shapednn</c> with a hard limit on its managed heap (<c>DOTNET_GCHeapHardLimit</c>) and on its
/// wall-clock time, so that an input which makes it grow or run without bound fails the test instead of
/// eating the machine or hanging CI.
/// </summary>
internal static class BoundedCli
{
    /// <summary>512 MiB: ample for validating input, far below what an unbounded enumeration or allocation reaches.</summary>
    public const string HeapHardLimit = "0x20000000";

    /// <summary>The longest a rejected input may take; validation takes well under a second.</summary>
    public static readonly TimeSpan WallClockLimit = TimeSpan.FromSeconds(120);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public static Result Run(string cacheFolder, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "shapednn.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["SHAPEDNN_CACHE"] = cacheFolder;
        info.Environment["CI"] = "true";
        info.Environment["DOTNET_GCHeapHardLimit"] = HeapHardLimit;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(WallClockLimit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"shapednn {string.Join(' ', args)} ran past {WallClockLimit.TotalSeconds} s and was killed.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }
        process.WaitForExit(); // drains the asynchronous readers
        lock (stdout) lock (stderr) return new Result(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
