using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ShapeDnn.Profiles;

/// <summary>
/// Times one forward pass again and again: warm-up, then timed passes until the spread is small,
/// the run count is reached or the time cap has passed; keeps the median, p10 and p90.
/// </summary>
public static class RepeatedTiming
{
    /// <summary>Times <paramref name="runOnce"/>.</summary>
    /// <param name="runOnce">One forward pass of one batch; it must return only when the device has finished
    /// (a GPU workload synchronises inside), so that the clock measures the work and not its launch.</param>
    /// <param name="options">How long and how often.</param>
    /// <param name="batchSize">Recorded in the result.</param>
    /// <param name="device">Recorded in the result.</param>
    /// <param name="cancellationToken">Checked between passes.</param>
    public static LatencyMeasurement Measure(Action runOnce, TimingOptions options, int batchSize, string device, CancellationToken cancellationToken)
    {
        var cap = options.EffectiveTimeCap;
        var wall = Stopwatch.StartNew();
        // A slow shape must not spend its whole cap warming up: warm-up may take a quarter of it.
        for (int i = 0; i < options.WarmupRuns && (i == 0 || wall.Elapsed < cap / 4); i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            runOnce();
        }

        var samples = new List<double>(Math.Min(options.MaxRuns, 1024));
        var sorted = new List<double>();
        while (samples.Count < options.MaxRuns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            runOnce();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

            if (wall.Elapsed >= cap && samples.Count >= options.MinRunsUnderCap) break;
            // Judging the spread sorts the samples; every fifth run is often enough.
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
            device);
    }
}
