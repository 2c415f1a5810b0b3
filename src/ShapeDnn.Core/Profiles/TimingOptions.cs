namespace ShapeDnn.Profiles;

/// <summary>How <see cref="RepeatedTiming"/> repeats a timed forward pass.</summary>
/// <param name="WarmupRuns">Untimed passes first (allocation, autotuning, caches, clocks ramping up).</param>
/// <param name="MinRuns">Timed samples before the spread is judged.</param>
/// <param name="MaxRuns">Timed samples after which measuring stops whatever the spread.</param>
/// <param name="TargetRelativeSpread">Stop once (p90 − p10) / median of the samples is at most this.</param>
/// <param name="TimeCap">Wall time for warm-up plus timed samples; at least <see cref="MinRunsUnderCap"/> samples are made even past it.</param>
/// <param name="MinRunsUnderCap">Timed samples made even when the cap has passed, so that a slow shape still has a median.</param>
/// <param name="WarmupTime">Least wall time of the warm-up (besides <see cref="WarmupRuns"/>): a GPU needs a few hundred
/// milliseconds of load before its clocks settle. Never more than a quarter of the time cap. Null: no least time.</param>
/// <param name="MinSampleTime">Least duration of one timed sample. A pass shorter than this is timed as several passes
/// run back to back, the count found during warm-up, so that the clock's and the synchronisation's own cost are spread
/// over many passes (what timing with CUDA events does). Null: one pass per sample (a CPU pass is timed as the app runs it).</param>
/// <param name="MaxPassesPerSample">Most passes one sample may hold.</param>
public sealed record TimingOptions(
    int WarmupRuns = 10,
    int MinRuns = 30,
    int MaxRuns = 1000,
    double TargetRelativeSpread = 0.05,
    TimeSpan? TimeCap = null,
    int MinRunsUnderCap = 3,
    TimeSpan? WarmupTime = null,
    TimeSpan? MinSampleTime = null,
    int MaxPassesPerSample = 1000)
{
    /// <summary>The effective time cap: <see cref="TimeCap"/> or 3 seconds.</summary>
    public TimeSpan EffectiveTimeCap => TimeCap ?? TimeSpan.FromSeconds(3);

    /// <summary>Passes per sample for a pass that takes <paramref name="perPass"/>: enough for <see cref="MinSampleTime"/>, at least 1, at most <see cref="MaxPassesPerSample"/>.</summary>
    public int PassesPerSample(TimeSpan perPass)
    {
        if (MinSampleTime is not { } least || least <= TimeSpan.Zero) return 1;
        int most = Math.Max(1, MaxPassesPerSample);
        if (perPass <= TimeSpan.Zero) return most;
        double needed = Math.Ceiling(least.Ticks / (double)perPass.Ticks);
        return needed >= most ? most : Math.Max(1, (int)needed);
    }
}
