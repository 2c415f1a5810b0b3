using Microsoft.Build.Framework;
using ShapeDnn.Engine;
using ShapeDnn.Progress;

namespace ShapeDnn.Build.Tasks;

/// <summary>A build message made from a progress event.</summary>
internal sealed record ProgressMessage(MessageImportance Importance, string Text);

/// <summary>
/// Turns one model's progress events into build messages: phases, each shape proposed (k of the
/// feasible n), each epoch's validation accuracy, each finished or stopped training, each with where
/// the search as a whole stands and the time left. These are high-importance (what a user waits
/// for); batch-level progress and latency profiling are normal importance (<c>-v:n</c>).
/// </summary>
internal sealed class ProgressMessages(string model)
{
    private readonly Dictionary<string, (int Round, int Epochs)> _shapes = [];
    private SearchProgress? _overall;

    /// <summary>True once the engine writes its outputs: the worker's text that follows is the result table, which the user reads.</summary>
    public bool Results { get; private set; }

    /// <summary>The message for <paramref name="e"/>, or null when the event only updates the state (the search's overall progress).</summary>
    public ProgressMessage? For(SearchEvent e)
    {
        switch (e.Event)
        {
            case "search":
                _overall = e.ToProgress();
                return null;
            case "phase":
                Results |= e.PhaseValue == SearchPhase.Writing;
                return High($"» {e.Text}");
            case "profiling":
                return new(MessageImportance.Normal, $"{Prefix}profiling {e.Index}/{e.Count}: {e.Shape}");
            case "proposed":
                _shapes[e.Shape ?? ""] = (e.Round ?? 0, 0);
                string position = _overall is { } p ? $"shape {e.Round} of {p.Feasible}" : $"shape {e.Round}";
                return e.Cached == true
                    ? new(MessageImportance.Normal, $"{Prefix}{position}: {e.Shape} from the cache — {e.Why}")
                    : High($"{position}: training {e.Shape} — {e.Why}");
            case "progress":
                if (e.Shape is { } shape && _shapes.TryGetValue(shape, out var known)) _shapes[shape] = known with { Epochs = e.Epochs ?? 0 };
                return new(MessageImportance.Normal, $"{Prefix}{Tag(e.Shape)} {e.Shape} epoch {e.Epoch}/{e.Epochs} batch {e.Batch}/{e.Batches} loss {e.Loss:0.000}");
            case "epoch":
                int epochs = e.Shape is { } s && _shapes.TryGetValue(s, out var k) ? k.Epochs : 0;
                string of = epochs > 0 ? $"/{epochs}" : "";
                return High($"{Tag(e.Shape)} {e.Shape} epoch {e.Statistics!.Epoch}{of}: {ProgressText.Percent(e.Statistics.ValidationAccuracy)} validation accuracy", withOverall: true);
            case "trained":
                string how = e.Cached == true ? "(cached)" : $"in {ProgressText.Duration(e.Seconds ?? 0)}";
                return High($"{Tag(e.Shape)} {e.Shape}: {ProgressText.Percent(e.ValidationAccuracy ?? 0)} validation accuracy {how}", withOverall: true);
            case "stopped":
                return High($"{Tag(e.Shape)} {e.Shape}: {e.Reason}");
            case "skipped":
                return new(MessageImportance.Normal, $"{Prefix}{Tag(e.Shape)} {e.Shape} skipped: {e.Reason}");
            default:
                return null;
        }
    }

    private string Prefix => $"  {model}: ";

    private string Tag(string? shape) => shape is not null && _shapes.TryGetValue(shape, out var s) ? $"[{s.Round}]" : "[?]";

    private ProgressMessage High(string text, bool withOverall = false) =>
        new(MessageImportance.High, withOverall && _overall is { } p ? $"{Prefix}{text} · {ProgressText.Overall(p)}" : $"{Prefix}{text}");
}
