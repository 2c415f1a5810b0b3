using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Progress;
using ShapeDnn.Training;
using Spectre.Console;

namespace ShapeDnn.Cli.Output;

/// <summary>
/// The live view of a search on an interactive terminal (Spectre.Console): a row per running training
/// (its round and shape, epoch, bar and last validation accuracy) and an overall row (profiling k of
/// n, then shapes proposed, the budget spent as a bar, and the time left), with phases, finished
/// trainings and warnings printed above them as lines that stay. Thread-safe: trainings report
/// concurrently under <c>--parallel</c>.
/// </summary>
internal sealed class LiveConsoleObserver(IAnsiConsole console, bool verbose) : ISearchObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Shape, Row> _rows = [];
    private readonly Dictionary<Shape, int> _rounds = [];
    private ProgressContext? _context;
    private ProgressTask? _overall;
    private SearchProgress? _latest;

    private sealed class Row(ProgressTask task, int round)
    {
        public ProgressTask Task { get; } = task;
        public int Round { get; } = round;
        public int Epoch { get; set; }
        public int Epochs { get; set; }
        public double? Accuracy { get; set; }
    }

    /// <summary>Runs <paramref name="work"/> (the search) with the live view on screen; the view clears when it returns.</summary>
    public T Run<T>(Func<T> work) => console.Progress()
        .AutoClear(true)
        .HideCompleted(true)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
        .Start(context =>
        {
            lock (_gate)
            {
                _context = context;
                _overall = context.AddTask(Markup.Escape("starting"), maxValue: 1);
            }
            try
            {
                return work();
            }
            finally
            {
                lock (_gate)
                {
                    _overall?.StopTask();
                    _context = null;
                }
            }
        });

    public void Phase(SearchPhase phase, string description) => Line($"[bold]»[/] {Markup.Escape(description)}");

    public void Detail(string message)
    {
        if (verbose) Line($"[grey]  {Markup.Escape(message)}[/]");
    }

    public void Warning(string message) => Line($"[yellow]warning {Markup.Escape(ShapeDnn.Diagnostics.Sentences.Clean(message))}[/]");

    public void Profiling(int index, int count, Shape shape)
    {
        lock (_gate)
        {
            if (_overall is null) return;
            _overall.Description = Markup.Escape($"profiling {index + 1}/{count}: {shape.Name}");
            _overall.Value = (index + 1) / (double)Math.Max(1, count);
        }
    }

    public void TrainingStarted(Shape shape, int round, string why, bool fromCache)
    {
        lock (_gate)
        {
            _rounds[shape] = round;
            if (!fromCache && _context is not null)
                _rows[shape] = new Row(_context.AddTask(Markup.Escape($"[{round}] {shape.Name}"), maxValue: 1), round);
        }
        if (!fromCache) Line(Markup.Escape($"  [{round}] training {shape.Name} — {why}"));
        else Detail($"[{round}] {shape.Name} from the cache — {why}");
    }

    public void TrainingProgress(Shape shape, TrainingProgress p)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(shape, out var row)) return;
            (row.Epoch, row.Epochs) = (p.Epoch, p.Epochs);
            row.Task.Value = p.Fraction;
            row.Task.Description = Describe(shape, row);
        }
    }

    public void EpochFinished(Shape shape, EpochStatistics epoch)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(shape, out var row)) return;
            row.Accuracy = epoch.ValidationAccuracy;
            row.Task.Description = Describe(shape, row);
        }
    }

    public void TrainingFinished(Shape shape, double validationAccuracy, bool fromCache, double seconds)
    {
        End(shape);
        Line(Markup.Escape(PlainLines.Finished(Round(shape), shape, validationAccuracy, fromCache, seconds, _latest)));
    }

    public void TrainingStopped(Shape shape, int epochs, string reason)
    {
        End(shape);
        Line(Markup.Escape($"  [{Round(shape)}] {shape.Name}: {reason}"));
    }

    public void TrainingSkipped(Shape shape, string reason) => End(shape);

    public void SearchProgress(SearchProgress progress)
    {
        lock (_gate)
        {
            _latest = progress;
            if (_overall is null) return;
            _overall.Description = Markup.Escape($"search: {ProgressText.Overall(progress)}");
            _overall.Value = progress.BudgetFraction;
        }
    }

    /// <summary>Draws the current state now (the view also redraws on its own several times a second).</summary>
    public void Refresh()
    {
        lock (_gate) _context?.Refresh();
    }

    private static string Describe(Shape shape, Row row)
    {
        string accuracy = row.Accuracy is { } a ? $" · {ProgressText.Percent(a)}" : "";
        return Markup.Escape($"[{row.Round}] {shape.Name} epoch {row.Epoch}/{row.Epochs}{accuracy}");
    }

    private int Round(Shape shape)
    {
        lock (_gate) return _rounds.GetValueOrDefault(shape);
    }

    private void End(Shape shape)
    {
        lock (_gate)
        {
            if (!_rows.Remove(shape, out var row)) return;
            row.Task.Value = row.Task.MaxValue;
            row.Task.StopTask();
        }
    }

    // Spectre keeps the live rows below what is written while they show.
    private void Line(string markup)
    {
        lock (_gate) console.MarkupLine(markup);
    }
}
