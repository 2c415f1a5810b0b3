using System.Text.Json;
using ShapeDnn.Cli.Commands;
using ShapeDnn.Cli.Output;
using ShapeDnn.Cli.Training;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Execution.Slurm;

/// <summary>
/// Before any training is submitted, one probe task (<c>shapednn node-check</c>) runs where the
/// trainings will run, with their resources: it must see a token file written under the shared cache
/// folder and the dataset, and load libtorch; it reports the node's device and arithmetic, which key
/// the trained-shape cache (a login node without a GPU must not key the cache with its own fp32).
/// </summary>
internal static class NodeProbe
{
    /// <summary>Runs the probe and returns what the node reported.</summary>
    /// <exception cref="ShapeDnnException">SDNN031 when the node does not see the shared folders; SDNN030 when the task failed otherwise (its output quoted); SDNN029 when it never started; SDNN028 when Slurm refused it.</exception>
    public static NodeReport Run(SlurmExecutor executor, TrainerSettings settings, string datasetFolder, CancellationToken cancellationToken)
    {
        var (batch, job) = executor.SubmitArray(folder =>
        {
            // The node must see this very file, written now by this process in the shared folder.
            var token = Path.Combine(folder, "token");
            File.WriteAllText(token, Guid.NewGuid().ToString("N"));
            return [["node-check", "--token", token, "--data", Path.GetFullPath(datasetFolder), .. settings.ToArguments()]];
        }, "probe");
        string taskId = $"{job}_0";
        var report = Path.Combine(ArrayScript.AttemptFolder(batch.Folder, 0, job), NodeCheckCommand.ReportFile);
        var submitted = DateTime.UtcNow;
        executor.Log?.Invoke($"slurm: probing a node with task {taskId}");
        try
        {
            while (true)
            {
                var state = executor.Monitor.State(taskId, out long version);
                if (state?.Phase is SlurmTaskPhase.Completed or SlurmTaskPhase.Ended) break;
                if (state is null or { Phase: SlurmTaskPhase.Waiting } && DateTime.UtcNow - submitted > executor.Settings.PendingTimeout)
                    executor.NeverStarted(executor.Settings.PendingTimeout);
                executor.Monitor.WaitForChange(version, TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            executor.CancelAll();
            throw;
        }
        var final = executor.Monitor.State(taskId, out _)!;
        if (File.Exists(report))
        {
            var node = JsonSerializer.Deserialize(File.ReadAllText(report), CliJsonContext.Default.NodeReport)
                ?? throw new ShapeDnnException(ErrorCode.Internal, $"The probe task {taskId} wrote an empty report.");
            executor.Log?.Invoke($"slurm: node {node.Host} trains on {node.Device} ({node.Arithmetic})");
            return node;
        }
        var outputFile = ArrayScript.OutputFile(batch.Folder, 0, job);
        string output = File.Exists(outputFile) ? File.ReadAllText(outputFile).Trim() : "";
        int? exit = executor.Commands.ExitCode(final);
        // No output at all, the channel folder not creatable (exit 90), the task's arguments not there (92), or the node's own word: the folder is not shared.
        if (output.Length == 0 || exit is ArrayScript.NoChannelFolderExit or ArrayScript.NoArgumentsExit || output.Contains(ErrorCode.SlurmFolderNotShared.ToCodeString(), StringComparison.Ordinal))
            throw new ShapeDnnException(ErrorCode.SlurmFolderNotShared,
                $"The probe task {final} found that the nodes do not see the search's folders ({(output.Length == 0 ? "it wrote no output under " + batch.Folder : LastLine(output))}). " +
                "Put the cache folder (--cache, ShapeDnnCacheDir) and the dataset on a file system that the login node and the nodes share.");
        throw new ShapeDnnException(ErrorCode.SlurmTaskFailed,
            $"The probe task {final} failed on its node{(exit is { } e ? $" (exit {e})" : "")}, before any training was submitted; its output:\n{Tail(output)}\n" +
            "The nodes need the worker bundle at the same path (or --slurm-worker), and a libtorch (--libtorch, ShapeDnnLibTorchPath) that loads there.");
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];
}
