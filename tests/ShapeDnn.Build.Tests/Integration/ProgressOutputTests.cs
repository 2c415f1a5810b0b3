using System.Text.RegularExpressions;
using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>
/// What a user sees of a search in the build log, with the console logger and with the Terminal
/// Logger (the default on an interactive terminal): the phases, each shape proposed as k of n, each
/// epoch's validation accuracy and the time left for the search, all as high-importance messages
/// made from the worker's progress events.
/// </summary>
[TestFixture, NonParallelizable]
public sealed partial class ProgressOutputTests
{
    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x1b\a]*(\x1b\\|\a)")]
    private static partial Regex AnsiCodes();

    private static void AssertProgressLines(string output)
    {
        Assert.That(output, Does.Contain("TinyModel: » Profiling"), "the phase");
        Assert.That(output, Does.Contain("TinyModel: » Searching"));
        Assert.That(output, Does.Match(@"TinyModel: shape 1 of 2: training WRN-10-1(\.5)? —"), "the shape, k of n");
        Assert.That(output, Does.Match(@"TinyModel: \[1\] WRN-10-1(\.5)? epoch 1/1: \d+\.\d % validation accuracy · 1 of 2 shapes proposed, .* at most \d+ (s|min \d+ s) left"),
            "each epoch's accuracy with the time left");
        Assert.That(output, Does.Contain("TinyModel: » Writing"));
    }

    [Test]
    public void Should_show_the_progress_at_the_console_logger_s_default_verbosity()
    {
        using var project = new TestProject("ProgressOff");
        project.Write("<ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>");

        // When: the console logger at the verbosity 'dotnet build' uses by default (minimal)
        var build = Dotnet.Run(project.Directory, "build", "-nologo", "-m:1", "-tl:off");

        Assert.That(build.Succeeded, Is.True, build.ToString());
        AssertProgressLines(build.Output);
    }

    [Test]
    public void Should_show_the_progress_under_the_terminal_logger_at_detailed_verbosity()
    {
        using var project = new TestProject("ProgressOn");
        project.Write("<ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>");

        // When: the Terminal Logger, forced although the output is redirected. It shows a task's high-importance
        // messages only from -v:d on, in the project's block when the project finishes (MSBuild 18; docs/msbuild.md).
        var build = Dotnet.Run(project.Directory, "build", "-nologo", "-m:1", "-tl:on", "-v:d");

        var output = AnsiCodes().Replace(build.Output, "");
        Assert.That(build.Succeeded, Is.True, output);
        AssertProgressLines(output);
        Assert.That(output, Does.Match(@"Report: \S*TinyModel\.report\.html"), "the result table follows the progress");
    }
}
