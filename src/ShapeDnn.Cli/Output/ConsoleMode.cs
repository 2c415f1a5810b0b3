using Spectre.Console;

namespace ShapeDnn.Cli.Output;

/// <summary>
/// How <c>shapednn search</c> shows progress: a live view on an interactive terminal, plain lines
/// otherwise (a log, a pipe, CI, or stdout taken by <c>--json</c> or <c>--events -</c>), and no
/// colour when <c>NO_COLOR</c> is set (no-color.org: present and not empty).
/// </summary>
internal static class ConsoleMode
{
    /// <summary>Whether to show the live view on <paramref name="console"/>.</summary>
    /// <param name="console">The console progress goes to; its profile says whether it is interactive and understands ANSI.</param>
    /// <param name="outputRedirected">Whether stdout is a file or a pipe.</param>
    /// <param name="stdoutTaken">Whether stdout carries machine-readable output (<c>--json</c>, <c>--events -</c>).</param>
    /// <param name="ci">Whether the <c>CI</c> variable is set.</param>
    public static bool IsLive(IAnsiConsole console, bool outputRedirected, bool stdoutTaken, bool ci) =>
        !outputRedirected && !stdoutTaken && !ci && console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;

    /// <summary>Whether <c>NO_COLOR</c> (from <paramref name="variable"/>, its value) turns colour off.</summary>
    public static bool NoColor(string? variable) => !string.IsNullOrEmpty(variable);

    /// <summary>A console on <paramref name="writer"/> that detects the terminal's abilities, with colour off under NO_COLOR.</summary>
    public static IAnsiConsole Create(TextWriter writer, bool noColor) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.Detect,
        Interactive = InteractionSupport.Detect,
        ColorSystem = noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
    });
}
