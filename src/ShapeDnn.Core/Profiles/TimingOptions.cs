namespace ShapeDnn.Profiles;

/// <summary>How <see cref="RepeatedTiming"/> repeats a timed forward pass.</summary>
/// <param name="WarmupRuns">Untimed runs first (allocation, autotuning, caches, clocks ramping up).</param>
/// <param name="MinRuns">Timed runs before the spread is judged.</param>
/// <param name="MaxRuns">Timed runs after which measuring stops whatever the spread.</param>
/// <param name="TargetRelativeSpread">Stop once (p90 − p10) / median is at most this.</param>
/// <param name="TimeCap">Wall time for warm-up plus timed runs; at least <see cref="MinRunsUnderCap"/> timed runs are made even past it.</param>
/// <param name="MinRunsUnderCap">Timed runs made even when the cap has passed, so that a slow shape still has a median.</param>
public sealed record TimingOptions(
    int WarmupRuns = 10,
    int MinRuns = 30,
    int MaxRuns = 1000,
    double TargetRelativeSpread = 0.05,
    TimeSpan? TimeCap = null,
    int MinRunsUnderCap = 3)
{
    /// <summary>The effective time cap: <see cref="TimeCap"/> or 3 seconds.</summary>
    public TimeSpan EffectiveTimeCap => TimeCap ?? TimeSpan.FromSeconds(3);
}
