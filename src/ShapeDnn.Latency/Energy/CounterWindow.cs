using System.Diagnostics;
using System.Globalization;

namespace ShapeDnn.Latency.Energy;

/// <summary>Energy and passes counted between two updates of a coarse counter.</summary>
/// <param name="Millijoules">Counter increase between the two updates.</param>
/// <param name="Passes">Forward passes completed between them.</param>
/// <param name="Seconds">Time between them.</param>
public sealed record CounterWindowResult(ulong Millijoules, int Passes, double Seconds)
{
    /// <summary>Energy per pass, in millijoules.</summary>
    public double MillijoulesPerPass => (double)Millijoules / Passes;
}

/// <summary>
/// Measures energy per forward pass with a counter that updates only every 20–100 ms (NVML's):
/// runs passes continuously and starts and ends the window at a counter update, so that the
/// energy and the passes belong to the same interval and the counter's coarse steps cannot bias a
/// short window. Pure arithmetic over <see cref="IEnergyCounter"/> and a pass callback: tested with fakes.
/// </summary>
public static class CounterWindow
{
    /// <summary>Runs <paramref name="runOnce"/> until a window of at least <paramref name="window"/> between two counter updates is complete.</summary>
    /// <param name="counter">The counter.</param>
    /// <param name="runOnce">One synchronised forward pass.</param>
    /// <param name="window">Least time between the first and the last update used.</param>
    /// <param name="stallTimeout">A counter that does not change for this long while passes run has stalled.</param>
    /// <param name="elapsed">The clock (injectable for tests); null for a <see cref="Stopwatch"/>.</param>
    /// <param name="pollInterval">Least time between two counter reads; null for 5 ms. Reading after every pass
    /// would put the driver call between short passes and change the load being measured; 5 ms keeps the
    /// edge error under 0.5 % of a 2 s window.</param>
    /// <param name="cancellationToken">Checked between passes.</param>
    /// <exception cref="EnergyCounterException">The counter stalled or went backwards (a wrap or a driver reset).</exception>
    public static CounterWindowResult Measure(IEnergyCounter counter, Action runOnce, TimeSpan window, TimeSpan stallTimeout,
        Func<TimeSpan>? elapsed = null, CancellationToken cancellationToken = default, TimeSpan? pollInterval = null)
    {
        var clock = elapsed ?? Stopwatch.StartNew() switch { var s => () => s.Elapsed };
        ulong last = counter.ReadMillijoules();
        TimeSpan lastChange = clock(), lastRead = lastChange;
        var poll = pollInterval ?? TimeSpan.FromMilliseconds(5);
        (ulong Value, TimeSpan At, int Passes)? start = null;
        int passes = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            runOnce();
            passes++;
            var t = clock();
            if (t - lastRead < poll) continue;
            lastRead = t;
            ulong now = counter.ReadMillijoules();
            if (now < last)
                // A 64-bit millijoule counter cannot wrap in practice; going backwards means the driver
                // reset it. Either way the window is void.
                throw new EnergyCounterException($"the energy counter went backwards ({last} → {now} mJ): wrapped or reset");
            if (now == last)
            {
                if (t - lastChange > stallTimeout)
                    throw new EnergyCounterException(string.Create(CultureInfo.InvariantCulture,
                        $"the energy counter did not advance for {(t - lastChange).TotalSeconds:0.0} s while the GPU was busy (stalled at {now} mJ)"));
                continue;
            }
            last = now;
            lastChange = t;
            if (start is null)
            {
                start = (now, t, passes);
                continue;
            }
            if (t - start.Value.At >= window && passes > start.Value.Passes)
                return new CounterWindowResult(now - start.Value.Value, passes - start.Value.Passes, (t - start.Value.At).TotalSeconds);
        }
    }
}
