using System.Runtime.InteropServices;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Commands;
using ShapeDnn.Cli.Hosting;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;

// shapednn: exit 0 on success, 1 with an "SDNNxxx: message" line on any user-facing failure,
// 130 when cancelled (Ctrl+C or SIGTERM; the cache keeps only complete entries, no output is half-written).
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // let the engine stop between batches and clean up
    cancellation.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});
// Started by a build (the MSBuild task): stop cleanly if that build is killed.
using var parentWatch = ParentProcessWatch.Start(cancellation);

var stdout = Console.Out;
var stderr = Console.Error;
try
{
    if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
    {
        stdout.WriteLine(Usage.Text);
        return args.Length == 0 ? 1 : 0;
    }
    return args[0] switch
    {
        "version" or "--version" => Version(),
        "shapes" => ShapesCommand.Run(CommandLine.Parse(args, ShapesCommand.Options, ShapesCommand.Flags), stdout),
        "profile" => ProfileCommand.Run(CommandLine.Parse(args, ProfileCommand.Options, ProfileCommand.Flags), stdout, stderr, cancellation.Token),
        "search" => SearchCommand.Run(CommandLine.Parse(args, SearchCommand.Options, SearchCommand.Flags), stdout, stderr, cancellation.Token),
        "train" => TrainCommand.Run(CommandLine.Parse(args, TrainCommand.Options, TrainCommand.Flags), Console.In, stdout, stderr, cancellation.Token),
        "node-check" => NodeCheckCommand.Run(CommandLine.Parse(args, NodeCheckCommand.Options, []), stderr),
        "replay" => ReplayCommand.Run(CommandLine.Parse(args, ReplayCommand.Options, ReplayCommand.Flags), stdout),
        "report" => ReportCommand.Run(args, stdout),
        _ => throw new ShapeDnnException(ErrorCode.BadOption, $"Unknown command '{args[0]}'; use search, train, shapes, profile, replay, report, help or version."),
    };
}
catch (ShapeDnnException ex)
{
    stderr.WriteLine(ex.ToString());
    return 1;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    stderr.WriteLine($"{ErrorCode.Cancelled.ToCodeString()}: cancelled; no output was written, and finished trainings are cached for the next run.");
    return 130;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    // A bug, not a user error: say so, with what a maintainer needs to fix it.
    stderr.WriteLine($"{ErrorCode.Internal.ToCodeString()}: internal error in shapednn {SearchEngine.ToolVersion}; please report it with this output.");
    stderr.WriteLine(ex);
    return 1;
}

int Version()
{
    stdout.WriteLine($"shapednn {SearchEngine.ToolVersion}");
    return 0;
}
