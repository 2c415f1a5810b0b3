using System.Text.RegularExpressions;
using ShapeDnn.Diagnostics;
using ShapeDnn.Progress;

namespace ShapeDnn.Build.Tasks;

/// <summary>What a line printed by the worker means to the build.</summary>
internal enum WorkerLineKind
{
    /// <summary>Progress or result text: a build message.</summary>
    Message,
    /// <summary>A progress event (<c>--events -</c>: JSON lines on stdout, docs/progress.md).</summary>
    Event,
    /// <summary><c>warning SDNNxxx: message</c> on stdout.</summary>
    Warning,
    /// <summary><c>SDNNxxx: message</c> on stderr.</summary>
    Error,
}

/// <summary>One classified line of worker output.</summary>
internal sealed partial record WorkerLine(WorkerLineKind Kind, string? Code, string Text)
{
    /// <summary>The event of an <see cref="WorkerLineKind.Event"/> line.</summary>
    public SearchEvent? Event { get; init; }

    [GeneratedRegex(@"^\s*warning (SDNN\d{3}): (.*)$")]
    private static partial Regex WarningPattern();

    [GeneratedRegex(@"^\s*(SDNN\d{3}): (.*)$")]
    private static partial Regex ErrorPattern();

    /// <summary>Classifies a line from the worker's standard output: the progress stream, with warnings and native libraries' text between its lines.</summary>
    public static WorkerLine FromStdout(string line)
    {
        var warning = WarningPattern().Match(line);
        if (warning.Success) return new WorkerLine(WorkerLineKind.Warning, warning.Groups[1].Value, warning.Groups[2].Value);
        try
        {
            return SearchEvent.TryParse(line) is { } e
                ? new WorkerLine(WorkerLineKind.Event, null, line) { Event = e }
                : new WorkerLine(WorkerLineKind.Message, null, line.TrimEnd());
        }
        catch (ShapeDnnException ex)
        {
            // A worker of another version: the build says so rather than guess what its events mean.
            return new WorkerLine(WorkerLineKind.Error, ex.Code.ToCodeString(),
                $"{ex.Message} The worker does not match this ShapeDnn.Build; set ShapeDnnToolPath to a shapednn of the same version, or remove it.");
        }
    }

    /// <summary>Classifies a line from the worker's standard error.</summary>
    public static WorkerLine FromStderr(string line)
    {
        var error = ErrorPattern().Match(line);
        if (error.Success) return new WorkerLine(WorkerLineKind.Error, error.Groups[1].Value, error.Groups[2].Value);
        var warning = WarningPattern().Match(line);
        return warning.Success
            ? new WorkerLine(WorkerLineKind.Warning, warning.Groups[1].Value, warning.Groups[2].Value)
            : new WorkerLine(WorkerLineKind.Message, null, line.TrimEnd());
    }
}
