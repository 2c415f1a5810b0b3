using ShapeDnn.Cli.Arguments;

namespace ShapeDnn.Cli.Execution;

/// <summary>Where the search's trainings run: <c>--executor</c> (<c>ShapeDnnExecutor</c>).</summary>
/// <param name="Executor">The executor's name: <c>local</c> (the default).</param>
internal sealed record ExecutorSettings(string Executor)
{
    /// <summary>The default executor: worker processes on this machine.</summary>
    public const string Local = "local";

    public static readonly OptionSpec[] Options =
    [
        OptionSpec.Choice("--executor", Local),
    ];

    public static ExecutorSettings From(CommandLine line) => new((line.Value("--executor") ?? Local).Trim().ToLowerInvariant());
}
