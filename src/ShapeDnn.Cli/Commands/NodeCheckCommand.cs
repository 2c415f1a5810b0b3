using System.Text.Json;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Output;
using ShapeDnn.Cli.Training;
using ShapeDnn.Diagnostics;
using ShapeDnn.Training.Native;
using ShapeDnn.Training.Trainer;

namespace ShapeDnn.Cli.Commands;

/// <summary>What a node reported about itself (<c>node.json</c> of <c>shapednn node-check</c>).</summary>
/// <param name="Host">The node's host name.</param>
/// <param name="Device">The trainer's device there, as a report describes it.</param>
/// <param name="Arithmetic">The trainer's arithmetic there (bf16, tf32, fp32): part of the trained-shape cache key.</param>
internal sealed record NodeReport(string Host, string Device, string Arithmetic);

/// <summary>
/// <c>shapednn node-check</c>, the probe task that <c>--executor slurm</c> runs on a node before it
/// submits any training: the node must see the shared folders (a token file the search wrote under the
/// cache folder, and the dataset) and load libtorch with the search's trainer settings; it then reports
/// its device and arithmetic (<see cref="NodeReport"/>, <c>node.json</c> in the channel folder), so
/// that the search keys the cache with the nodes' arithmetic, not its own.
/// </summary>
internal static class NodeCheckCommand
{
    /// <summary>The report's file in the channel folder.</summary>
    public const string ReportFile = "node.json";

    public static CliCommand Definition() => new("node-check",
        "Executor probe: checks on a node that the search's shared folders are visible and libtorch loads, and reports the node's device and arithmetic.",
        [CliOptions.Token, CliOptions.NodeData, CliOptions.ChannelFolder.Required("the channel folder"), .. TrainerSettings.Options], c => Run(c.Line, c.Stderr));

    public static int Run(CommandLine line, TextWriter stderr)
    {
        string token = line.Required(CliOptions.Token), data = line.Required(CliOptions.NodeData);
        string folder = line.Required(CliOptions.ChannelFolder);
        string host = Environment.MachineName;
        if (!File.Exists(token))
            throw new ShapeDnnException(ErrorCode.SlurmFolderNotShared, $"The node {host} does not see the search's token file {token}: the cache folder is not shared with the nodes.");
        if (!Directory.Exists(data))
            throw new ShapeDnnException(ErrorCode.SlurmFolderNotShared, $"The node {host} does not see the dataset folder {data}: it must be on a file system the nodes share.");
        var settings = TrainerSettings.From(line);
        var native = new TorchNativeOptions { LibTorchDirectory = settings.LibTorch, Log = stderr.WriteLine };
        var trainer = new TorchShapeTrainer(new TorchTrainerOptions
        {
            Device = DeviceSelection.Resolve(settings.Device, native, stderr.WriteLine),
            Precision = settings.Precision,
            ChannelsLast = settings.ChannelsLast,
            CudnnBenchmark = settings.CudnnAutotune,
            Native = native,
        });
        var report = new NodeReport(host, trainer.DeviceDescription, trainer.Arithmetic);
        ShapeDnn.Cache.AtomicFile.WriteAllBytes(Path.Combine(folder, ReportFile), JsonSerializer.SerializeToUtf8Bytes(report, CliJsonContext.Default.NodeReport));
        stderr.WriteLine($"node {host}: {report.Device}, {report.Arithmetic}");
        return 0;
    }
}
