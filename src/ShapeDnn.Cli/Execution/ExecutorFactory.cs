using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Execution;

/// <summary>The executor <c>--executor</c> names.</summary>
internal static class ExecutorFactory
{
    /// <summary>The executor of <paramref name="settings"/>.</summary>
    /// <param name="settings">The executor's options.</param>
    /// <param name="log">Detail lines.</param>
    /// <exception cref="ShapeDnnException">SDNN099 for a name that passed the option check but has no executor (a bug).</exception>
    public static ITrainingExecutor Create(ExecutorSettings settings, Action<string>? log) => settings.Executor switch
    {
        ExecutorSettings.Local => new LocalExecutor(log),
        var name => throw new ShapeDnnException(ErrorCode.Internal, $"--executor '{name}' passed its check but has no executor."),
    };
}
