using System.CommandLine;

namespace ShapeDnn.Cli.Arguments;

/// <summary>What a command needs to run: its checked line, the standard streams and the cancellation of Ctrl+C/SIGTERM.</summary>
internal sealed record CommandContext(CommandLine Line, TextReader Stdin, TextWriter Stdout, TextWriter Stderr, CancellationToken CancellationToken);

/// <summary>
/// A <c>shapednn</c> command: its name, description, the <see cref="CliOptions"/> it accepts, its
/// positional arguments and what it runs. Its System.CommandLine <see cref="Command"/> is built from
/// these, so the help lists exactly what the command accepts.
/// </summary>
internal sealed class CliCommand
{
    private readonly Dictionary<string, Option> _symbols = new(StringComparer.Ordinal);

    /// <summary>Creates the command.</summary>
    /// <param name="name">What is typed, e.g. <c>search</c>.</param>
    /// <param name="description">The help's first line.</param>
    /// <param name="options">The options it accepts, in the help's order.</param>
    /// <param name="run">Runs it; returns the exit code.</param>
    /// <param name="arguments">Positional arguments, if any.</param>
    public CliCommand(string name, string description, IReadOnlyList<OptionSpec> options, Func<CommandContext, int> run, params Argument[] arguments)
    {
        Name = name;
        Specs = options;
        Run = run;
        Command = new Command(name, description);
        foreach (var argument in arguments) Command.Add(argument);
        foreach (var spec in options)
        {
            var symbol = spec.Symbol();
            _symbols.Add(spec.Name, symbol);
            Command.Add(symbol);
        }
    }

    public string Name { get; }

    /// <summary>The options it accepts.</summary>
    public IReadOnlyList<OptionSpec> Specs { get; }

    /// <summary>Runs the command on a checked line.</summary>
    public Func<CommandContext, int> Run { get; }

    /// <summary>The System.CommandLine command (help, completion, parsing).</summary>
    public Command Command { get; }

    /// <summary>The spec of the option named <paramref name="name"/>, or null.</summary>
    public OptionSpec? Spec(string name) => Specs.FirstOrDefault(s => s.Name == name);

    /// <summary>The symbol built for the option named as <paramref name="spec"/> (a command may require it: another record, the same option), or null when this command does not take it.</summary>
    public Option? Symbol(OptionSpec spec) => _symbols.GetValueOrDefault(spec.Name);
}
