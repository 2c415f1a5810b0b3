using System.Runtime.InteropServices;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Commands;
using ShapeDnn.Cli.Hosting;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;

// shapednn: exit 0 on success, 1 with an "SDNNxxx: message" line on any user-facing failure (a bad
// command line included), 3 when train cannot train the shape on the device, 130 when cancelled
// (Ctrl+C or SIGTERM; the cache keeps only complete entries, no output is half-written).
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
    var cli = new CliRoot([
        SearchCommand.Definition(), TrainCommand.Definition(), ShapesCommand.Definition(), ProfileCommand.Definition(),
        ReplayCommand.Definition(), ReportCommand.Definition(), CompletionCommand.Definition(), NodeCheckCommand.Definition(),
    ]);
    return cli.Run(args, Console.In, stdout, stderr, cancellation.Token);
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
