using System.Text.Json;
using System.Text.Json.Serialization;
using ShapeDnn.Diagnostics;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Training;

/// <summary>
/// One line of the event stream a worker (<c>shapednn train --channel</c>) writes to its stdout, one
/// compact JSON object per line, read by <see cref="WorkerProcessTrainer"/>. Versioned: <c>v</c> is
/// <see cref="CurrentVersion"/>; a reader refuses another version (parent and worker are one executable).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>{"v":1,"event":"progress","epoch":1,"epochs":3,"batch":4,"batches":12,"loss":1.93,"elapsedSeconds":2.1}</c></item>
/// <item><c>{"v":1,"event":"epoch","statistics":{"epoch":1,"trainLoss":1.6,"validationAccuracy":0.41,...}}</c>: the worker then
/// blocks until the parent answers <see cref="Continue"/> or <see cref="Stop"/> on the worker's stdin.</item>
/// <item><c>{"v":1,"event":"result","result":{...TrainSummary...},"cached":true}</c>: the last line (with <c>"checkpointFile"</c> when a stopped run wrote <c>--checkpoint-out</c>).</item>
/// </list>
/// </remarks>
internal sealed record WorkerEvent
{
    /// <summary>The protocol version written and accepted.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The parent's answer to an epoch event: train on.</summary>
    public const string Continue = "continue";

    /// <summary>The parent's answer to an epoch event: stop after this epoch (with a checkpoint).</summary>
    public const string Stop = "stop";

    /// <summary>Protocol version.</summary>
    public int V { get; init; } = CurrentVersion;

    /// <summary><c>progress</c>, <c>epoch</c> or <c>result</c>.</summary>
    public required string Event { get; init; }

    /// <summary>progress: current epoch, 1-based.</summary>
    public int? Epoch { get; init; }
    /// <summary>progress: total epochs.</summary>
    public int? Epochs { get; init; }
    /// <summary>progress: batches done in this epoch.</summary>
    public int? Batch { get; init; }
    /// <summary>progress: batches per epoch.</summary>
    public int? Batches { get; init; }
    /// <summary>progress: running mean training loss of this epoch.</summary>
    public double? Loss { get; init; }
    /// <summary>progress: seconds since this training call started.</summary>
    public double? ElapsedSeconds { get; init; }

    /// <summary>epoch: the finished epoch.</summary>
    public EpochStatistics? Statistics { get; init; }

    /// <summary>result: the run.</summary>
    public TrainSummary? Result { get; init; }
    /// <summary>result: whether the worker stored the result in the trained-shape cache (<c>--cache</c>).</summary>
    public bool? Cached { get; init; }
    /// <summary>result: the checkpoint file written (<c>--checkpoint-out</c>) when the run was stopped early; null otherwise.</summary>
    public string? CheckpointFile { get; init; }

    /// <summary>A progress event.</summary>
    public static WorkerEvent Of(TrainingProgress p) => new()
    {
        Event = "progress", Epoch = p.Epoch, Epochs = p.Epochs, Batch = p.Batch, Batches = p.Batches, Loss = p.Loss, ElapsedSeconds = p.Elapsed.TotalSeconds,
    };

    /// <summary>An epoch event.</summary>
    public static WorkerEvent Of(EpochStatistics statistics) => new() { Event = "epoch", Statistics = statistics };

    /// <summary>The progress this event carries (progress events only).</summary>
    public TrainingProgress ToProgress() => new(Epoch ?? 0, Epochs ?? 0, Batch ?? 0, Batches ?? 0, Loss ?? double.NaN, TimeSpan.FromSeconds(ElapsedSeconds ?? 0));

    /// <summary>This event as one line of compact JSON.</summary>
    public string ToLine() => JsonSerializer.Serialize(this, WorkerEventJsonContext.Default.WorkerEvent);

    /// <summary>Parses an event line; other lines (anything not starting with <c>{</c>) are not events and return null.</summary>
    /// <exception cref="ShapeDnnException">SDNN099: a JSON line that is not an event of this version (a bug: both sides are this executable).</exception>
    public static WorkerEvent? TryParse(string line)
    {
        if (!line.StartsWith('{')) return null;
        WorkerEvent? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(line, WorkerEventJsonContext.Default.WorkerEvent);
        }
        catch (JsonException ex)
        {
            throw new ShapeDnnException(ErrorCode.Internal, $"A worker wrote a malformed event line ({ex.Message}): {line}");
        }
        if (parsed is null || parsed.V != CurrentVersion || parsed.Event is not ("progress" or "epoch" or "result"))
            throw new ShapeDnnException(ErrorCode.Internal, $"A worker wrote an event of another protocol (expected v {CurrentVersion}): {line}");
        if (parsed.Event == "epoch" && parsed.Statistics is null || parsed.Event == "result" && parsed.Result is null)
            throw new ShapeDnnException(ErrorCode.Internal, $"A worker wrote an incomplete {parsed.Event} event: {line}");
        return parsed;
    }
}

/// <summary>Compact (one line per event) JSON for <see cref="WorkerEvent"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(WorkerEvent))]
internal sealed partial class WorkerEventJsonContext : JsonSerializerContext;
