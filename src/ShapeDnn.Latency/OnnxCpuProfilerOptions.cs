namespace ShapeDnn.Latency;

/// <summary>How <see cref="OnnxCpuLatencyProfiler"/> measures.</summary>
/// <param name="IntraOpThreads">Threads inside operators; null means <see cref="OnnxCpuSessionSettings.DefaultIntraOpThreads"/>.</param>
/// <param name="WarmupRuns">Untimed runs first (first-run allocation, caches, thread-pool start-up).</param>
/// <param name="MinRuns">Timed runs before the spread is judged.</param>
/// <param name="MaxRuns">Timed runs after which measuring stops whatever the spread.</param>
/// <param name="TargetRelativeSpread">Stop once (p90 − p10) / median is at most this.</param>
/// <param name="TimeCap">Wall time per shape for warm-up plus timed runs (session creation excluded); at least
/// <see cref="MinRunsUnderCap"/> timed runs are made even past it.</param>
/// <param name="MinRunsUnderCap">Timed runs made even when the time cap has passed, so that a slow shape still has a median.</param>
/// <param name="WeightSeed">Seed of the random weights (timing does not depend on their values).</param>
public sealed record OnnxCpuProfilerOptions(
    int? IntraOpThreads = null,
    int WarmupRuns = 5,
    int MinRuns = 20,
    int MaxRuns = 500,
    double TargetRelativeSpread = 0.10,
    TimeSpan? TimeCap = null,
    int MinRunsUnderCap = 3,
    int WeightSeed = 0)
{
    /// <summary>The effective time cap: <see cref="TimeCap"/> or 3 seconds.</summary>
    public TimeSpan EffectiveTimeCap => TimeCap ?? TimeSpan.FromSeconds(3);

    /// <summary>The effective intra-op thread count.</summary>
    public int EffectiveIntraOpThreads => IntraOpThreads ?? OnnxCpuSessionSettings.DefaultIntraOpThreads;
}
