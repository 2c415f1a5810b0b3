using System.Text.Json;
using System.Text.Json.Serialization;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Progress;

/// <summary>
/// One line of the progress stream that <c>shapednn search --events FILE|-</c> writes: one compact JSON
/// object a line, in the style of the worker channel (docs/workers.md) and versioned the same way:
/// <c>v</c> is <see cref="CurrentVersion"/>, and a reader refuses another version. The MSBuild task
/// reads it (never the search's console text); docs/progress.md lists every event and field.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>{"v":1,"event":"phase","phase":"profiling","text":"Profiling 5 shapes on CPU …"}</c></item>
/// <item><c>{"v":1,"event":"profiling","index":3,"count":5,"shape":"WRN-16-1"}</c> (1-based)</item>
/// <item><c>{"v":1,"event":"proposed","shape":"WRN-10-1","round":1,"why":"…","cached":false}</c></item>
/// <item><c>{"v":1,"event":"progress","shape":"WRN-10-1","epoch":1,"epochs":4,"batch":4,"batches":12,"loss":1.93,"elapsedSeconds":2.1}</c></item>
/// <item><c>{"v":1,"event":"epoch","shape":"WRN-10-1","statistics":{"epoch":1,"validationAccuracy":0.41,…}}</c></item>
/// <item><c>{"v":1,"event":"trained","shape":"WRN-10-1","validationAccuracy":0.79,"cached":false,"seconds":12.3}</c></item>
/// <item><c>{"v":1,"event":"stopped","shape":"WRN-10-1","epochs":2,"reason":"…"}</c> and <c>{"v":1,"event":"skipped","shape":"…","reason":"…"}</c></item>
/// <item><c>{"v":1,"event":"search","feasible":5,"proposed":2,"finished":1,"running":1,"spentShapes":1.25,"maxShapes":4,"secondsLeft":80.5}</c></item>
/// </list>
/// </remarks>
public sealed record SearchEvent
{
    /// <summary>The protocol version written and accepted.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Every event name, in the order a search first sends them.</summary>
    public static readonly IReadOnlyList<string> Names = ["phase", "profiling", "proposed", "progress", "epoch", "trained", "stopped", "skipped", "search"];

    /// <summary>Protocol version.</summary>
    public int V { get; init; } = CurrentVersion;

    /// <summary>The event's name, one of <see cref="Names"/>.</summary>
    public required string Event { get; init; }

    /// <summary>phase: the phase's name in lower case (<see cref="SearchPhase"/>: loading, profiling, searching, waiting, measuring, writing).</summary>
    public string? Phase { get; init; }
    /// <summary>phase: what it works on, for people.</summary>
    public string? Text { get; init; }

    /// <summary>The shape the event is about, by name (<c>WRN-16-1</c>).</summary>
    public string? Shape { get; init; }

    /// <summary>profiling: the shape's number, 1-based.</summary>
    public int? Index { get; init; }
    /// <summary>profiling: shapes to profile.</summary>
    public int? Count { get; init; }

    /// <summary>proposed: the proposal's number in this search, 1-based.</summary>
    public int? Round { get; init; }
    /// <summary>proposed: why the search proposed it.</summary>
    public string? Why { get; init; }
    /// <summary>proposed, trained: whether the result comes from the trained-shape cache.</summary>
    public bool? Cached { get; init; }

    /// <summary>progress: current epoch, 1-based; stopped: epochs run.</summary>
    public int? Epoch { get; init; }
    /// <summary>progress: epochs of a complete training.</summary>
    public int? Epochs { get; init; }
    /// <summary>progress: batches done in this epoch.</summary>
    public int? Batch { get; init; }
    /// <summary>progress: batches per epoch.</summary>
    public int? Batches { get; init; }
    /// <summary>progress: running mean training loss of this epoch.</summary>
    public double? Loss { get; init; }
    /// <summary>progress: seconds since this training started.</summary>
    public double? ElapsedSeconds { get; init; }

    /// <summary>epoch: the finished epoch (the worker channel's statistics).</summary>
    public EpochStatistics? Statistics { get; init; }

    /// <summary>trained: validation accuracy after the last epoch run, 0 … 1.</summary>
    public double? ValidationAccuracy { get; init; }
    /// <summary>trained: seconds the training took (a cache hit: when it was trained).</summary>
    public double? Seconds { get; init; }
    /// <summary>stopped, skipped: why.</summary>
    public string? Reason { get; init; }

    /// <summary>search: see <see cref="SearchProgress"/>.</summary>
    public int? Feasible { get; init; }
    /// <summary>search: shapes proposed so far.</summary>
    public int? Proposed { get; init; }
    /// <summary>search: proposed shapes that are done.</summary>
    public int? Finished { get; init; }
    /// <summary>search: trainings under way.</summary>
    public int? Running { get; init; }
    /// <summary>search: training spent, in complete trainings.</summary>
    public double? SpentShapes { get; init; }
    /// <summary>search: the budget's ceiling, in complete trainings.</summary>
    public int? MaxShapes { get; init; }
    /// <summary>search: at most this many seconds of training left; absent until a training has reported its time.</summary>
    public double? SecondsLeft { get; init; }

    /// <summary>The overall progress this event carries (search events only).</summary>
    public SearchProgress ToProgress() =>
        new(Feasible ?? 0, Proposed ?? 0, Finished ?? 0, Running ?? 0, SpentShapes ?? 0, MaxShapes ?? 0, SecondsLeft);

    /// <summary>The phase this event names (phase events only); null for a name this version does not know.</summary>
    public SearchPhase? PhaseValue => Enum.TryParse<SearchPhase>(Phase, ignoreCase: true, out var phase) ? phase : null;

    /// <summary>This event as one line of compact JSON.</summary>
    public string ToLine() => JsonSerializer.Serialize(this, SearchEventJsonContext.Default.SearchEvent);

    /// <summary>Parses an event line; a line that does not start with <c>{</c> is not an event and returns null.</summary>
    /// <exception cref="ShapeDnnException">SDNN099: a JSON line that is not an event of this version.</exception>
    public static SearchEvent? TryParse(string line)
    {
        if (!line.StartsWith('{')) return null;
        SearchEvent? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(line, SearchEventJsonContext.Default.SearchEvent);
        }
        catch (JsonException ex)
        {
            throw new ShapeDnnException(ErrorCode.Internal, $"A malformed progress event ({ex.Message}): {line}");
        }
        if (parsed is null || parsed.V != CurrentVersion || !Names.Contains(parsed.Event))
            throw new ShapeDnnException(ErrorCode.Internal, $"A progress event of another protocol (expected v {CurrentVersion}): {line}");
        return parsed;
    }
}

/// <summary>Compact (one line per event) JSON for <see cref="SearchEvent"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SearchEvent))]
internal sealed partial class SearchEventJsonContext : JsonSerializerContext;
