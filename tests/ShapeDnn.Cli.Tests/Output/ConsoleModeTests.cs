using System.Text.RegularExpressions;
using ShapeDnn.Cli.Output;
using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Training;
using Spectre.Console;
using Spectre.Console.Testing;

namespace ShapeDnn.Cli.Tests.Output;

/// <summary>When the search shows its live view, and what the view shows: a row per training, the overall row, and lines that stay.</summary>
public sealed partial class ConsoleModeTests
{
    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiCodes();

    private static TestConsole Terminal() => new TestConsole().Interactive().EmitAnsiSequences();

    [Test]
    public void An_interactive_terminal_gets_the_live_view() =>
        Assert.That(ConsoleMode.IsLive(Terminal(), outputRedirected: false, stdoutTaken: false, ci: false), Is.True);

    [TestCase(true, false, false, TestName = "stdout redirected")]
    [TestCase(false, true, false, TestName = "stdout taken by --json or --events -")]
    [TestCase(false, false, true, TestName = "CI")]
    public void Anything_else_gets_plain_lines(bool redirected, bool taken, bool ci) =>
        Assert.That(ConsoleMode.IsLive(Terminal(), redirected, taken, ci), Is.False);

    [Test]
    public void A_console_that_is_not_interactive_or_knows_no_ANSI_gets_plain_lines()
    {
        var notInteractive = Terminal();
        notInteractive.Profile.Capabilities.Interactive = false;
        var noAnsi = Terminal();
        noAnsi.Profile.Capabilities.Ansi = false;

        Assert.That(ConsoleMode.IsLive(notInteractive, false, false, false), Is.False, "not interactive");
        Assert.That(ConsoleMode.IsLive(noAnsi, false, false, false), Is.False, "no ANSI");
    }

    [TestCase("1", true)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void NO_COLOR_turns_colour_off_when_set_and_not_empty(string? value, bool off)
    {
        Assert.That(ConsoleMode.NoColor(value), Is.EqualTo(off));
        var console = ConsoleMode.Create(new StringWriter(), ConsoleMode.NoColor(value));
        if (off) Assert.That(console.Profile.Capabilities.ColorSystem, Is.EqualTo(ColorSystem.NoColors));
    }

    [Test]
    public void The_live_view_shows_a_row_per_training_and_the_search_s_time_left_and_keeps_finished_trainings_as_lines()
    {
        var console = Terminal().Width(200);
        var view = new LiveConsoleObserver(console, verbose: false);
        Shape small = new(10, 1), wide = new(16, 4);
        string? duringTraining = null;

        view.Run(() =>
        {
            view.Phase(SearchPhase.Searching, "Searching 5 feasible shapes");
            view.SearchProgress(new SearchProgress(5, 2, 0, 2, 0.5, 4, 95));
            view.TrainingStarted(small, 1, "first", fromCache: false);
            view.TrainingStarted(wide, 2, "first", fromCache: false);
            view.TrainingProgress(small, new TrainingProgress(2, 4, 5, 10, 0.7, TimeSpan.FromSeconds(3)));
            view.EpochFinished(small, new EpochStatistics(1, 0.8, 0.612, 3, 0));
            view.TrainingProgress(wide, new TrainingProgress(1, 4, 2, 10, 0.9, TimeSpan.FromSeconds(3)));
            view.Refresh();
            duringTraining = console.Output;
            view.TrainingFinished(small, 0.7, fromCache: false, 12);
            return 0;
        });

        Assert.That(AnsiCodes().Replace(duringTraining!, ""), Does.Contain("[1] WRN-10-1 epoch 2/4 · 61.2 %"), "a row per running training: shape, epoch, accuracy");
        Assert.That(AnsiCodes().Replace(duringTraining!, ""), Does.Contain("[2] WRN-16-4 epoch 1/4"));
        Assert.That(AnsiCodes().Replace(duringTraining!, ""), Does.Contain("search: 2 of 5 shapes proposed, 0.5 of at most 4 trainings spent, at most 1 min 35 s left"));
        string text = AnsiCodes().Replace(console.Output, "");
        Assert.That(text, Does.Contain("» Searching 5 feasible shapes").And.Contain("  [1] WRN-10-1: validation accuracy 70.00 % in 12.0 s"), "lines that stay above the rows");
    }
}
