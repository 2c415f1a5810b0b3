namespace ShapeDnn.Engine;

/// <summary>
/// The wall-clock ceiling of one search, counted from its start on an injected clock (tests use a
/// fake one). The search asks it between rounds (no new proposals once it has passed) and every
/// training asks it after each epoch (a running training stops at the end of the epoch in which it passed).
/// </summary>
internal sealed class SearchDeadline
{
    private readonly TimeProvider _clock;
    private readonly long _start;

    /// <summary>A deadline <paramref name="budget"/> from now; none when null.</summary>
    public SearchDeadline(TimeProvider clock, TimeSpan? budget)
    {
        _clock = clock;
        _start = clock.GetTimestamp();
        Budget = budget;
    }

    /// <summary>The ceiling; null for none.</summary>
    public TimeSpan? Budget { get; }

    /// <summary>Whether the ceiling has been reached.</summary>
    public bool Passed => Budget is { } budget && _clock.GetElapsedTime(_start) >= budget;

    /// <summary>Why a training is stopped when the ceiling has been reached, else null.</summary>
    public string? StopReason() => Passed ? $"the time budget of {SearchTimeBudget.Format(Budget!.Value)} was reached" : null;
}
