using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;

namespace ShapeDnn.Cli.Arguments;

/// <summary>
/// The <c>shapednn</c> root command: its commands, <c>--help</c>/<c>-h</c> on every one, <c>--version</c>
/// (with the commit), the <c>[suggest]</c> directive behind the completion scripts, and the parse settings
/// (no response files: an argument starting with <c>@</c> is a value like any other).
/// </summary>
internal sealed class CliRoot
{
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null, EnablePosixBundling = false };

    private readonly RootCommand _root;

    public CliRoot(IReadOnlyList<CliCommand> commands)
    {
        Commands = commands;
        _root = new RootCommand("""
            shapednn: picks, trains and exports the right-sized residual network for your limits.
            Run 'shapednn COMMAND --help' for a command's options.
            Exit codes: 0 success; 1 an SDNNxxx error, a bad command line included; 3 train: the shape cannot be trained on this device; 130 cancelled.
            """);
        foreach (var command in commands) _root.Add(command.Command);
        _root.Options.OfType<VersionOption>().Single().Action = new PrintVersion();
    }

    public IReadOnlyList<CliCommand> Commands { get; }

    /// <summary>Parses <paramref name="args"/>; <c>help [COMMAND]</c> is read as <c>[COMMAND] --help</c> and <c>version</c> as <c>--version</c>.</summary>
    public ParseResult Parse(IReadOnlyList<string> args) => _root.Parse(args switch
    {
        ["help"] => ["--help"],
        ["help", var command] => [command, "--help"],
        ["version"] => ["--version"],
        _ => args,
    }, Parsing);

    /// <summary>Runs <paramref name="args"/>: help, version and completions directly; a command after its line is checked.</summary>
    /// <exception cref="ShapeDnnException">SDNN009 for an unknown command or a bad line; whatever the command throws.</exception>
    public int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        if (args.Count == 0)
        {
            // Nothing asked: the overview, but not a success (a script that forgot its command should fail).
            Parse(["--help"]).Invoke(invocation);
            return 1;
        }
        var result = Parse(args);
        if (result.Action is { } action and not ParseErrorAction) return result.Invoke(invocation);
        var command = Commands.FirstOrDefault(c => c.Command == result.CommandResult.Command)
            ?? throw new ShapeDnnException(ErrorCode.BadOption,
                $"Unknown command '{args[0]}'; use {string.Join(", ", Commands.Select(c => c.Name))}, help or version{Suggestions.DidYouMean(args[0], Commands.Select(c => c.Name))}.");
        var line = CommandLine.Check(result, args, command);
        return command.Run(new CommandContext(line, stdin, stdout, stderr, cancellationToken));
    }

    /// <summary>The version and the commit it was built from (stamped by the SDK from the git checkout; absent outside one).</summary>
    public static string VersionText()
    {
        string informational = typeof(CliRoot).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? SearchEngine.ToolVersion;
        int plus = informational.IndexOf('+');
        return plus < 0
            ? $"shapednn {informational} (commit unknown: not built from a git checkout)"
            : $"shapednn {informational[..plus]} (commit {informational[(plus + 1)..]})";
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(VersionText());
            return 0;
        }
    }
}
