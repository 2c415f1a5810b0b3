using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ShapeDnn.Cli.Tests.Slurm;

/// <summary>
/// A real single-node Slurm cluster on localhost for the tests: its own munged (own key and socket),
/// slurmctld and slurmd (CPU-only, the machine's real cores and memory, one partition <c>debug</c>),
/// configured by a slurm.conf written here, all in one temp folder. No slurmdbd: accounting is off,
/// so the executor follows the jobs with its squeue fallback (sacct then says so; docs/slurm.md).
/// Commands find the cluster through <see cref="Environment"/> (<c>SLURM_CONF</c>).
/// </summary>
internal sealed class LocalSlurm : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private readonly string _folder;

    private LocalSlurm(string folder) => _folder = folder;

    /// <summary>The slurm.conf.</summary>
    public string ConfigFile => Path.Combine(_folder, "slurm.conf");

    /// <summary>The partition every test submits to.</summary>
    public const string Partition = "debug";

    /// <summary>What a process needs to talk to this cluster.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["SLURM_CONF"] = ConfigFile };

    /// <summary>The daemons' logs, for failure messages.</summary>
    public string Logs => string.Join("\n", Directory.EnumerateFiles(Path.Combine(_folder, "log"))
        .Select(f => $"--- {Path.GetFileName(f)}\n{Tail(File.ReadAllText(f))}"));

    /// <summary>Starts a cluster, or says why none can be started here (not root, Slurm or munge not installed).</summary>
    public static LocalSlurm? TryStart(out string? whyNot)
    {
        whyNot = null;
        if (!OperatingSystem.IsLinux() || geteuid() != 0)
        {
            whyNot = "the local Slurm cluster needs root (slurmd runs jobs as their users); CI runs as root";
            return null;
        }
        foreach (var tool in new[] { "/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/squeue" })
            if (!File.Exists(tool))
            {
                whyNot = $"{tool} is missing: build/test.sh installs Debian's slurm-wlm and munge";
                return null;
            }
        // Short: the munge socket's path must fit a sockaddr_un (108 bytes).
        var folder = Directory.CreateTempSubdirectory("sdnn-slurm-").FullName;
        var slurm = new LocalSlurm(folder);
        try
        {
            slurm.Start();
            return slurm;
        }
        catch (Exception ex)
        {
            whyNot = $"the local Slurm cluster did not start: {ex.Message}\n{slurm.Logs}";
            slurm.Dispose();
            return null;
        }
    }

    private void Start()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the local cluster runs on Linux only");
        foreach (var sub in new[] { "state", "spool", "log" }) Directory.CreateDirectory(Path.Combine(_folder, sub));
        var key = Path.Combine(_folder, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        Run("/usr/sbin/munged", $"--key-file={key}", $"--socket={Socket}", $"--pid-file={Path.Combine(_folder, "munged.pid")}",
            $"--log-file={Path.Combine(_folder, "log", "munged.log")}", $"--seed-file={Path.Combine(_folder, "munge.seed")}", "--force");
        File.WriteAllText(ConfigFile, Config());
        Run("/usr/sbin/slurmctld", "-i");
        Run("/usr/sbin/slurmd", "-N", "localhost");
        // Ready when the controller answers and the node is idle (both daemons up and registered).
        var deadline = DateTime.UtcNow + StartLimit;
        while (true)
        {
            var (_, ping) = Command("scontrol", "ping");
            var (_, state) = Command("sinfo", "-h", "-o", "%T");
            if (ping.Contains("is UP", StringComparison.Ordinal) && state.Trim() == "idle") return;
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"not ready within {StartLimit.TotalSeconds} s (ping: {ping.Trim()}; node: {state.Trim()})");
            Thread.Sleep(200); // the daemons are other processes: their answers are the only event there is
        }
    }

    private string Socket => Path.Combine(_folder, "munge.sock");

    private string Config()
    {
        long memoryMiB = 0;
        foreach (var line in File.ReadLines("/proc/meminfo"))
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                memoryMiB = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        string F(string name) => Path.Combine(_folder, name);
        var text = new StringBuilder();
        text.AppendLine("ClusterName=shapednn-test");
        text.AppendLine("SlurmctldHost=localhost(127.0.0.1)");
        text.AppendLine($"SlurmctldPort={FreePort()}");
        text.AppendLine($"SlurmdPort={FreePort()}");
        text.AppendLine("SlurmUser=root");
        text.AppendLine("AuthType=auth/munge");
        text.AppendLine($"AuthInfo=socket={Socket}");
        text.AppendLine($"StateSaveLocation={F("state")}");
        text.AppendLine($"SlurmdSpoolDir={F("spool")}");
        text.AppendLine($"SlurmctldPidFile={F("slurmctld.pid")}");
        text.AppendLine($"SlurmdPidFile={F("slurmd.pid")}");
        text.AppendLine($"SlurmctldLogFile={Path.Combine(_folder, "log", "slurmctld.log")}");
        text.AppendLine($"SlurmdLogFile={Path.Combine(_folder, "log", "slurmd.log")}");
        // No cgroups in a container: processes are tracked by their parents.
        text.AppendLine("ProctrackType=proctrack/linuxproc");
        text.AppendLine("TaskPlugin=task/none");
        text.AppendLine("SelectType=select/cons_tres");
        text.AppendLine("SelectTypeParameters=CR_CPU");
        text.AppendLine("SchedulerType=sched/builtin");
        text.AppendLine("SchedulerParameters=sched_interval=1");
        text.AppendLine("MpiDefault=none");
        text.AppendLine("ReturnToService=2");
        text.AppendLine("AccountingStorageType=accounting_storage/none");
        text.AppendLine("JobAcctGatherType=jobacct_gather/none");
        // Ended tasks stay visible to squeue this long (there is no sacct without slurmdbd).
        text.AppendLine("MinJobAge=600");
        text.AppendLine("KillWait=5");
        text.AppendLine($"NodeName=localhost NodeAddr=127.0.0.1 CPUs={System.Environment.ProcessorCount} RealMemory={memoryMiB} State=UNKNOWN");
        text.AppendLine($"PartitionName={Partition} Nodes=localhost Default=YES MaxTime=INFINITE State=UP");
        return text.ToString();
    }

    /// <summary>Runs a Slurm client command against this cluster; its exit code and its stdout and stderr together.</summary>
    public (int ExitCode, string Output) Command(string name, params string[] args)
    {
        var info = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["SLURM_CONF"] = ConfigFile;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>
    /// The ids of this cluster's tasks that are still queued or running (<c>squeue</c>), once those being
    /// cancelled have ended: a cancelled task is COMPLETING until its processes are gone, so this waits
    /// (up to a minute) while any task is listed, and returns what is still there.
    /// </summary>
    public IReadOnlyList<string> ActiveJobs()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var tasks = Snapshot();
            if (tasks.Count == 0 || DateTime.UtcNow > deadline) return tasks;
            Thread.Sleep(200); // the controller is another process: its answer is the event
        }
    }

    /// <summary>The tasks squeue lists right now.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        var (exit, output) = Command("squeue", "-h", "-r", "-o", "%i %T");
        if (exit != 0) throw new InvalidOperationException($"squeue failed: {output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private void Run(string executable, params string[] args)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["SLURM_CONF"] = ConfigFile;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit(); // each daemonizes: the started process returns once the daemon is forked off
        if (process.ExitCode != 0) throw new InvalidOperationException($"{executable} exited with {process.ExitCode}: {stdout}{stderr.Result}");
    }

    public void Dispose()
    {
        // Every job first, so that no worker outlives the tests; then the daemons we started, by their pid files.
        if (File.Exists(ConfigFile))
        {
            Command("scancel", "--full", "--user=root");
            Command("scontrol", "shutdown");
        }
        foreach (var pidFile in new[] { "slurmd.pid", "slurmctld.pid", "munged.pid" })
            StopByPidFile(Path.Combine(_folder, pidFile));
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void StopByPidFile(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid)) return;
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (ArgumentException) { } // already gone (scontrol shutdown)
        catch (InvalidOperationException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string text) => text.Length <= 3000 ? text : "…" + text[^3000..];

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();
}
