using System.Text.Json;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Composition;
using ShapeDnn.Cli.Execution;
using ShapeDnn.Cli.Output;
using ShapeDnn.Cli.Training;
using ShapeDnn.CodeGeneration;
using ShapeDnn.Constraints;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Reporting;
using ShapeDnn.Progress;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Commands;

/// <summary><c>shapednn search</c>: the whole pipeline, from a dataset and limits to N.onnx, N.g.cs and N.report.json.</summary>
internal static class SearchCommand
{
    public static CliCommand Definition() => new("search", "Picks, trains and exports the right-sized network for a dataset and limits: writes N.onnx, N.g.cs, N.report.json and N.report.html.",
    [
        CliOptions.Data, CliOptions.Constraints, CliOptions.Goal, CliOptions.Out, CliOptions.Name, CliOptions.Namespace, CliOptions.Labels, CliOptions.Access,
        CliOptions.BatchSize, CliOptions.Budget, CliOptions.TimeBudget, CliOptions.Family, CliOptions.DesignSpace, CliOptions.Cache, CliOptions.Parallel, .. TrainerSettings.Options, .. ExecutorSettings.Options,
        CliOptions.Events, CliOptions.NoEnergyEstimates, CliOptions.Json, CliOptions.Verbose,
    ], c => Run(c.Line, c.Stdout, c.Stderr, c.CancellationToken));

    public static int Run(CommandLine line, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // Everything the user typed is validated before any expensive step starts.
        var spaces = SearchSpaces.Parse(line.Value(CliOptions.Family), line.Value(CliOptions.DesignSpace));
        var request = new SearchRequest(
            DatasetFolder: line.Required(CliOptions.Data),
            Constraints: ConstraintParser.Parse(line.Value(CliOptions.Constraints)),
            Goal: GoalParser.Parse(line.Value(CliOptions.Goal)),
            OutputFolder: line.Required(CliOptions.Out),
            ModelName: CSharpModelGenerator.ValidateClassName(line.Value(CliOptions.Name) ?? "ShapeDnnModel"),
            Namespace: CSharpModelGenerator.ValidateNamespace(line.Value(CliOptions.Namespace) ?? "ShapeDnn.Generated"),
            BatchSize: line.Int(CliOptions.BatchSize, 1),
            Budget: TrainingBudget.Parse(line.Value(CliOptions.Budget)),
            Space: spaces[0],
            CacheFolder: line.Value(CliOptions.Cache) ?? ShapeDnn.Cache.CacheLocation.Default(),
            AllowEnergyEstimates: !line.Flag(CliOptions.NoEnergyEstimates),
            ClassLabels: ClassLabelList.Parse(line.Value(CliOptions.Labels), Environment.CurrentDirectory),
            Access: GeneratedAccessParser.Parse(line.Value(CliOptions.Access)),
            TimeBudget: SearchTimeBudget.Parse(line.Value(CliOptions.TimeBudget), CliOptions.TimeBudget.Name)) { Spaces = spaces };
        var settings = TrainerSettings.From(line);
        var execution = ExecutorSettings.From(line);
        // The dataset is read and checked before any native library loads: a bad one fails at once.
        var dataset = DatasetLoader.Load(request.DatasetFolder);
        SearchEngine.CheckTrainable(dataset);
        int? parallel = line.Value(CliOptions.Parallel) is null ? null : line.Int(CliOptions.Parallel, 1);

        bool json = line.Flag(CliOptions.Json);
        string? eventsPath = line.Value(CliOptions.Events);
        bool eventsOnStdout = eventsPath == EventsOnStdout;
        if (json && eventsOnStdout)
            throw CommandLine.Error("--json and --events - both want stdout; write the events to a file (--events FILE) instead");
        // Stdout carries one machine-readable stream at most; people's text then goes to stderr.
        var humanWriter = json || eventsOnStdout ? stderr : stdout;
        var console = ConsoleMode.Create(humanWriter, ConsoleMode.NoColor(Environment.GetEnvironmentVariable("NO_COLOR")));
        bool live = ConsoleMode.IsLive(console, Console.IsOutputRedirected, stdoutTaken: json || eventsOnStdout, ci: Environment.GetEnvironmentVariable("CI") is not null);
        var liveView = live ? new LiveConsoleObserver(console, line.Flag(CliOptions.Verbose)) : null;
        ISearchObserver observer = liveView as ISearchObserver ?? new ConsoleObserver(console, line.Flag(CliOptions.Verbose));
        using var eventFile = eventsPath is null || eventsOnStdout ? null : OpenEvents(eventsPath);
        if ((eventsOnStdout ? stdout : eventFile) is { } events) observer = new ObserverFanOut(observer, new SearchEventWriter(events));

        var (engine, count, resources) = EngineFactory.Create(settings, execution, parallel, request.DatasetFolder, request.CacheFolder, observer, cancellationToken);
        SearchReport report;
        using (resources)
            report = liveView is null
                ? engine.Run(request with { Parallel = count }, dataset, cancellationToken)
                : liveView.Run(() => engine.Run(request with { Parallel = count }, dataset, cancellationToken));

        if (json) stdout.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.SearchReport));
        else ResultPrinter.Print(report, humanWriter);
        return 0;
    }

    /// <summary>The value of <c>--events</c> that sends the events to stdout.</summary>
    public const string EventsOnStdout = "-";

    private static StreamWriter OpenEvents(string path)
    {
        try
        {
            return new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.BadOption, $"--events '{path}' cannot be written: {ex.Message} Give a writable file, or - for stdout.", ex);
        }
    }
}
