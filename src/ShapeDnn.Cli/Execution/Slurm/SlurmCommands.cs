using System.ComponentModel;
using System.Diagnostics;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Execution.Slurm;

/// <summary>
/// The Slurm client commands the executor uses (<c>sbatch</c>, <c>sacct</c>, <c>squeue</c>,
/// <c>scontrol</c>, <c>scancel</c>), run as processes with this process's environment
/// (<c>SLURM_CONF</c> included). Task states come from one call for all of the search's jobs: sacct when
/// the cluster keeps accounting (slurmdbd), else squeue, which knows ended tasks for the controller's
/// <c>MinJobAge</c> (300 s by default).
/// </summary>
internal sealed class SlurmCommands(Action<string>? log)
{
    private bool _noAccounting;

    /// <summary>Submits <paramref name="script"/> with <paramref name="arguments"/> (e.g. <c>--array=0-3</c>); the job id.</summary>
    /// <exception cref="ShapeDnnException">SDNN028: sbatch is missing, or refused the job (its reason quoted).</exception>
    public string Submit(string script, IEnumerable<string> arguments)
    {
        var (exit, stdout, stderr) = Run("sbatch", ["--parsable", .. arguments, script]);
        if (exit != 0)
            throw new ShapeDnnException(ErrorCode.SlurmUnavailable,
                $"sbatch refused the job: {Reason(stderr, stdout)}. Check the --slurm-* options (ShapeDnnSlurm* properties): 'sinfo' lists the partitions, 'sacctmgr show assoc user=$USER' the accounts and QOS.");
        return SlurmOutput.JobId(stdout)
            ?? throw new ShapeDnnException(ErrorCode.SlurmUnavailable, $"sbatch printed no job id ('{stdout.Trim()}'); is 'sbatch' Slurm's?");
    }

    /// <summary>The state of every task of <paramref name="jobIds"/> (array job ids), in one call.</summary>
    /// <exception cref="ShapeDnnException">SDNN028: neither sacct nor squeue answers.</exception>
    public IReadOnlyList<SlurmTaskState> Query(IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count == 0) return [];
        string list = string.Join(',', jobIds);
        if (!_noAccounting)
        {
            var (exit, stdout, stderr) = Run("sacct", ["-X", "-n", "-P", "-j", list, "-o", "JobID,State,ExitCode,Reason"]);
            if (exit == 0) return jobIds.SelectMany(id => SlurmOutput.SacctTasks(stdout, id)).ToList();
            if (!SlurmOutput.AccountingDisabled(stderr + stdout))
                throw new ShapeDnnException(ErrorCode.SlurmUnavailable, $"sacct failed: {Reason(stderr, stdout)}. Check that the Slurm controller is reachable ('scontrol ping').");
            _noAccounting = true;
            log?.Invoke("slurm: accounting is off (no slurmdbd); following the jobs with squeue");
        }
        var (code, output, error) = Run("squeue", ["-h", "-r", "--states=all", "-j", list, "-o", "%i|%T|%r"]);
        // squeue refuses a job id the controller has forgotten (after MinJobAge): its tasks are then simply gone.
        if (code != 0 && !error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
            throw new ShapeDnnException(ErrorCode.SlurmUnavailable, $"squeue failed: {Reason(error, output)}. Check that the Slurm controller is reachable ('scontrol ping').");
        return jobIds.SelectMany(id => SlurmOutput.SqueueTasks(output, id)).ToList();
    }

    /// <summary>The exit code of an ended task (<c>3:0</c> → 3; a signal <c>0:9</c> → 128 + 9), or null when Slurm no longer knows it.</summary>
    public int? ExitCode(SlurmTaskState task)
    {
        string? field = task.Detail.Contains(':') ? task.Detail : null;
        if (field is null)
        {
            var (exit, stdout, _) = Run("scontrol", ["show", "job", "-o", task.TaskId]);
            if (exit != 0) return null;
            field = stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.StartsWith("ExitCode=", StringComparison.Ordinal))?["ExitCode=".Length..];
        }
        var parts = field?.Split(':');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], out int code) || !int.TryParse(parts[1], out int signal)) return null;
        return signal != 0 ? 128 + signal : code;
    }

    /// <summary>Cancels jobs or tasks (<c>123</c>, <c>123_4</c>); never throws (it runs on error paths), logs a failure.</summary>
    public void Cancel(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0) return;
        try
        {
            var (exit, stdout, stderr) = Run("scancel", ids);
            if (exit != 0) log?.Invoke($"slurm: scancel {string.Join(' ', ids)} failed: {Reason(stderr, stdout)}");
        }
        catch (ShapeDnnException ex)
        {
            log?.Invoke($"slurm: {ex.Message}");
        }
    }

    private static (int Exit, string Stdout, string Stderr) Run(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{command} did not start");
        }
        catch (Win32Exception ex)
        {
            throw new ShapeDnnException(ErrorCode.SlurmUnavailable,
                $"'{command}' cannot be run ({ex.Message}): --executor slurm needs Slurm's client commands on the PATH. Run on a login node of the cluster, or use --executor local.", ex);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout, stderr.Result);
        }
    }

    private static string Reason(string stderr, string stdout)
    {
        var text = (stderr.Trim().Length > 0 ? stderr : stdout).Trim();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.StartsWith("sbatch: error: ", StringComparison.Ordinal) ? l["sbatch: error: ".Length..] : l);
        var reason = string.Join("; ", lines).TrimEnd('.');
        return reason.Length == 0 ? "no reason given" : reason;
    }
}
