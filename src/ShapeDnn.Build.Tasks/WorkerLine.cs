using System.Text.RegularExpressions;

namespace ShapeDnn.Build.Tasks;

/// <summary>What a line printed by the worker means to the build.</summary>
internal enum WorkerLineKind
{
    /// <summary>Progress or result text: a build message.</summary>
    Message,
    /// <summary>A phase heading (<c>» …</c>): a build message the user sees at normal verbosity.</summary>
    Phase,
    /// <summary><c>warning SDNNxxx: message</c> on stdout.</summary>
    Warning,
    /// <summary><c>SDNNxxx: message</c> on stderr.</summary>
    Error,
}

/// <summary>One classified line of worker output.</summary>
internal sealed partial record WorkerLine(WorkerLineKind Kind, string? Code, string Text)
{
    [GeneratedRegex(@"^\s*warning (SDNN\d{3}): (.*)$")]
    private static partial Regex WarningPattern();

    [GeneratedRegex(@"^\s*(SDNN\d{3}): (.*)$")]
    private static partial Regex ErrorPattern();

    /// <summary>Classifies a line from the worker's standard output.</summary>
    public static WorkerLine FromStdout(string line)
    {
        var warning = WarningPattern().Match(line);
        if (warning.Success) return new WorkerLine(WorkerLineKind.Warning, warning.Groups[1].Value, warning.Groups[2].Value);
        return line.TrimStart().StartsWith('»')
            ? new WorkerLine(WorkerLineKind.Phase, null, line.Trim())
            : new WorkerLine(WorkerLineKind.Message, null, line.TrimEnd());
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
