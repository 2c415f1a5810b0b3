using System.Text.Json;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Composition;
using ShapeDnn.Cli.Output;
using ShapeDnn.Cli.Training;
using ShapeDnn.CodeGeneration;
using ShapeDnn.Constraints;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Progress;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Commands;

/// <summary><c>shapednn search</c>: the whole pipeline, from a dataset and limits to N.onnx, N.g.cs and N.report.json.</summary>
internal static class SearchCommand
{
    public static readonly OptionSpec[] Options =
    [
        OptionSpec.ExistingFolder("--data", ErrorCode.DatasetMissing), OptionSpec.Text("--constraints"), OptionSpec.Text("--goal"),
        OptionSpec.Folder("--out", ErrorCode.OutputNotWritable), OptionSpec.Text("--name"), OptionSpec.Text("--namespace"),
        OptionSpec.Count("--batch-size", 1, Limits.MaxBatchSize), OptionSpec.Text("--budget"), OptionSpec.Text("--design-space"),
        OptionSpec.Text("--family"), OptionSpec.Folder("--cache", ErrorCode.CacheNotWritable), OptionSpec.Count("--parallel", 1, Limits.MaxParallel),
        OptionSpec.Text("--labels"), OptionSpec.Choice("--access", "public", "internal"), OptionSpec.NewFile("--events", ErrorCode.BadOption),
        .. TrainerSettings.Options,
    ];
    public static readonly string[] Flags = ["--json", "--verbose", "--no-energy-estimates"];

    public static int Run(CommandLine line, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // Everything the user typed is validated before any expensive step starts.
        var spaces = SearchSpaces.Parse(line.Value("--family"), line.Value("--design-space"));
        var request = new SearchRequest(
            DatasetFolder: line.Required("--data", "the dataset folder"),
            Constraints: ConstraintParser.Parse(line.Value("--constraints")),
            Goal: GoalParser.Parse(line.Value("--goal")),
            OutputFolder: line.Required("--out", "the output folder"),
            ModelName: CSharpModelGenerator.ValidateClassName(line.Value("--name") ?? "ShapeDnnModel"),
            Namespace: CSharpModelGenerator.ValidateNamespace(line.Value("--namespace") ?? "ShapeDnn.Generated"),
            BatchSize: line.Int("--batch-size", 1),
            Budget: TrainingBudget.Parse(line.Value("--budget")),
            Space: spaces[0],
            CacheFolder: line.Value("--cache") ?? ShapeDnn.Cache.CacheLocation.Default(),
            AllowEnergyEstimates: !line.Flag("--no-energy-estimates"),
            ClassLabels: ClassLabelList.Parse(line.Value("--labels"), Environment.CurrentDirectory),
            Access: GeneratedAccessParser.Parse(line.Value("--access"))) { Spaces = spaces };
        var settings = TrainerSettings.From(line);
        // The dataset is read and checked before any native library loads: a bad one fails at once.
        var dataset = DatasetLoader.Load(request.DatasetFolder);
        SearchEngine.CheckTrainable(dataset);
        int? parallel = line.Value("--parallel") is null ? null : line.Int("--parallel", 1);

        bool json = line.Flag("--json");
        string? eventsPath = line.Value("--events");
        bool eventsOnStdout = eventsPath == EventsOnStdout;
        if (json && eventsOnStdout)
            throw CommandLine.Error("--json and --events - both want stdout; write the events to a file (--events FILE) instead");
        // Stdout carries one machine-readable stream at most; people's text then goes to stderr.
        var humanWriter = json || eventsOnStdout ? stderr : stdout;
        var console = ConsoleMode.Create(humanWriter, ConsoleMode.NoColor(Environment.GetEnvironmentVariable("NO_COLOR")));
        bool live = ConsoleMode.IsLive(console, Console.IsOutputRedirected, stdoutTaken: json || eventsOnStdout, ci: Environment.GetEnvironmentVariable("CI") is not null);
        var liveView = live ? new LiveConsoleObserver(console, line.Flag("--verbose")) : null;
        ISearchObserver observer = liveView as ISearchObserver ?? new ConsoleObserver(console, line.Flag("--verbose"));
        using var eventFile = eventsPath is null || eventsOnStdout ? null : OpenEvents(eventsPath);
        if ((eventsOnStdout ? stdout : eventFile) is { } events) observer = new ObserverFanOut(observer, new SearchEventWriter(events));

        var (engine, count) = EngineFactory.Create(settings, parallel, request.DatasetFolder, request.CacheFolder, observer);
        var report = liveView is null
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
