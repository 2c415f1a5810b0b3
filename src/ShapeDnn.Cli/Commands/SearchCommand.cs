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
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Commands;

/// <summary><c>shapednn search</c>: the whole pipeline, from a dataset and limits to N.onnx, N.g.cs and N.report.json.</summary>
internal static class SearchCommand
{
    public static CliCommand Definition() => new("search", "Picks, trains and exports the right-sized network for a dataset and limits: writes N.onnx, N.g.cs, N.report.json and N.report.html.",
    [
        CliOptions.Data, CliOptions.Constraints, CliOptions.Goal, CliOptions.Out, CliOptions.Name, CliOptions.Namespace, CliOptions.Labels, CliOptions.Access,
        CliOptions.BatchSize, CliOptions.Budget, CliOptions.TimeBudget, CliOptions.Family, CliOptions.DesignSpace, CliOptions.Cache, CliOptions.Parallel, .. TrainerSettings.Options, .. ExecutorSettings.Options,
        CliOptions.NoEnergyEstimates, CliOptions.Json, CliOptions.Verbose,
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
        var progressWriter = json ? stderr : stdout;
        bool interactive = !Console.IsOutputRedirected && !json && Environment.GetEnvironmentVariable("CI") is null;
        var observer = new ConsoleObserver(progressWriter, interactive, line.Flag(CliOptions.Verbose));

        var (engine, count, resources) = EngineFactory.Create(settings, execution, parallel, request.DatasetFolder, request.CacheFolder, observer, cancellationToken);
        SearchReport report;
        using (resources) report = engine.Run(request with { Parallel = count }, dataset, cancellationToken);

        if (json) stdout.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.SearchReport));
        else ResultPrinter.Print(report, stdout);
        return 0;
    }
}
