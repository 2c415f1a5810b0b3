using System.CommandLine;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Completion;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Commands;

/// <summary><c>shapednn completion bash|zsh|pwsh</c>: prints the shell's completion script (see <see cref="CompletionScripts"/>).</summary>
internal static class CompletionCommand
{
    private static readonly Argument<string> Shell = CreateShell();

    public static CliCommand Definition() => new("completion",
        "Prints a shell completion script for commands, options and their values: source <(shapednn completion bash), likewise zsh; pwsh: shapednn completion pwsh | Out-String | Invoke-Expression.",
        [], c => Run(c.Line, c.Stdout), Shell);

    public static int Run(CommandLine line, TextWriter stdout)
    {
        string shell = line.Argument(Shell)?.Trim().ToLowerInvariant() ?? "";
        if (!CompletionScripts.Shells.Contains(shell))
            throw CommandLine.Error(shell.Length == 0
                ? $"completion needs the shell: one of {string.Join(", ", CompletionScripts.Shells)}"
                : $"completion '{shell}' is not one of {string.Join(", ", CompletionScripts.Shells)}{Suggestions.DidYouMean(shell, CompletionScripts.Shells)}");
        stdout.WriteLine(CompletionScripts.For(shell));
        return 0;
    }

    private static Argument<string> CreateShell()
    {
        var shell = new Argument<string>("SHELL") { Description = string.Join(" | ", CompletionScripts.Shells), Arity = ArgumentArity.ZeroOrOne };
        shell.CompletionSources.Add(CompletionScripts.Shells);
        return shell;
    }
}
