using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ShapeDnn.Profiles;

/// <summary>
/// Times forward passes again and again: warm-up, then timed samples until the spread is small,
/// the sample count is reached or the time cap has passed; keeps the median, p10 and p90 per pass.
/// </summary>
/// <remarks>
/// A sample is <c>K</c> passes run back to back and finished (one device synchronisation at the
/// end), divided by <c>K</c>. <c>K</c> is 1 unless <see cref="TimingOptions.MinSampleTime"/> asks for
/// longer samples; then it is found during warm-up so that a sample lasts at least that long. On a GPU
/// this measures what CUDA events around back-to-back passes measure: the host's launch of the next
/// pass overlaps the device's work on the previous one, and the synchronisation's cost and the host
/// clock's jitter are spread over <c>K</c> passes instead of dominating a sub-millisecond pass.
/// </remarks>
public static class RepeatedTiming
{
    /// <summary>Times <paramref name="runPasses"/>.</summary>
    /// <param name="runPasses">Runs the given number of forward passes of one batch back to back; it must return only when
    /// the device has finished them (a GPU workload synchronises once at the end), so that the clock measures the work and not its launch.</param>
    /// <param name="options">How long and how often.</param>
    /// <param name="batchSize">Recorded in the result.</param>
    /// <param name="device">Recorded in the result.</param>
    /// <param name="cancellationToken">Checked between samples.</param>
    /// <param name="clock">Time since an arbitrary origin (injectable for tests); null for a <see cref="Stopwatch"/>.</param>
    public static LatencyMeasurement Measure(Action<int> runPasses, TimingOptions options, int batchSize, string device,
        CancellationToken cancellationToken, Func<TimeSpan>? clock = null)
    {
        var now = clock ?? StopwatchClock();
        var start = now();
        var cap = options.EffectiveTimeCap;
        int passesPerSample = WarmUp(runPasses, options, cancellationToken, now);

        var samples = new List<double>(Math.Min(options.MaxRuns, 1024));
        var sorted = new List<double>();
        while (samples.Count < options.MaxRuns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = now();
            runPasses(passesPerSample);
            var after = now();
            samples.Add((after - before).TotalMilliseconds / passesPerSample);

            if (after - start >= cap && samples.Count >= options.MinRunsUnderCap) break;
            // Judging the spread sorts the samples; every fifth sample is often enough.
            if (samples.Count >= options.MinRuns && samples.Count % 5 == 0)
            {
                sorted.Clear();
                sorted.AddRange(samples);
                sorted.Sort();
                if (LatencyStatistics.RelativeSpread(CollectionsMarshal.AsSpan(sorted)) <= options.TargetRelativeSpread) break;
            }
        }

        var ordered = samples.Order().ToArray();
        return new LatencyMeasurement(
            LatencyStatistics.Quantile(ordered, 0.5),
            LatencyStatistics.Quantile(ordered, 0.1),
            LatencyStatistics.Quantile(ordered, 0.9),
            ordered.Length,
            batchSize,
            device,
            PassesPerSample: passesPerSample);
    }

    /// <summary>
    /// Warms up: runs passes (in at least two calls) until both <see cref="TimingOptions.WarmupRuns"/> passes and
    /// <see cref="TimingOptions.WarmupTime"/> are done, but for at most a quarter of the time cap, so that a
    /// slow shape does not spend its whole cap warming up. Passes run in growing back-to-back groups; the
    /// fastest time per pass of any group after the first (which pays for autotuning and allocation) sets
    /// the passes per timed sample.
    /// </summary>
    /// <remarks>
    /// The fastest group, not the last: one hiccup in the last group (the host descheduled, a collection)
    /// used to set a launch-bound shape's samples to a single pass, whose launch and synchronisation cost
    /// then swamped it (seen on an H200: WRN-10-1 at 0.53 ms with a spread of 60 % over 2,000 one-pass samples;
    /// with the first call alone, WRN-10-3 read 0.95 ms where its neighbours WRN-10-2 and WRN-10-4 read 0.49 and 0.64).
    /// A group that is longer than needed only makes a sample last a little longer than its least time.
    /// </remarks>
    /// <returns>Passes per timed sample (<see cref="TimingOptions.PassesPerSample"/> of the fastest time per pass seen).</returns>
    public static int WarmUp(Action<int> runPasses, TimingOptions options, CancellationToken cancellationToken, Func<TimeSpan>? clock = null)
    {
        var now = clock ?? StopwatchClock();
        var start = now();
        var limit = options.EffectiveTimeCap / 4;
        var leastTime = options.WarmupTime ?? TimeSpan.Zero;
        long passes = 0;
        int calls = 0, group = 1;
        TimeSpan? fastest = null;
        while (true)
        {
            var spent = now() - start;
            // Never fewer than two calls: the first pays for cuDNN's autotuning and the allocator, and a passes-per-sample
            // count taken from it alone made every sample a single pass whenever that set-up outlasted the warm-up.
            if (calls >= 2 && (spent >= limit || (passes >= options.WarmupRuns && spent >= leastTime))) return group;
            cancellationToken.ThrowIfCancellationRequested();
            var before = now();
            runPasses(group);
            var perPass = (now() - before) / group;
            // The first call includes the set-up (autotuning, allocation): it drops out once a faster group has run.
            fastest = passes == 0 || perPass < fastest ? perPass : fastest;
            passes += group;
            calls++;
            group = options.PassesPerSample(fastest!.Value);
        }
    }

    private static Func<TimeSpan> StopwatchClock()
    {
        var stopwatch = Stopwatch.StartNew();
        return () => stopwatch.Elapsed;
    }
}
