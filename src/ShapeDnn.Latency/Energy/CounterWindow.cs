using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;

namespace ShapeDnn.Latency.Energy;

/// <summary>One reading of a cumulative energy counter.</summary>
/// <param name="At">When the reading returned (time since an arbitrary origin).</param>
/// <param name="Millijoules">The counter's value.</param>
public readonly record struct CounterReading(TimeSpan At, ulong Millijoules);

/// <summary>Forward passes the device had finished by a synchronisation point.</summary>
/// <param name="At">When the synchronisation returned (same origin as <see cref="CounterReading.At"/>).</param>
/// <param name="Passes">Passes finished since the loop began.</param>
public readonly record struct PassMark(TimeSpan At, long Passes);

/// <summary>Energy and passes between two updates of a cumulative counter.</summary>
/// <param name="Millijoules">Counter increase between the two updates (a 64-bit wrap-around allowed for).</param>
/// <param name="Passes">Forward passes the device finished between them (interpolated between synchronisation points).</param>
/// <param name="Seconds">Time between them.</param>
/// <param name="CounterUpdates">Counter updates in the window.</param>
/// <param name="PassesRun">All passes the loop ran, the edges included.</param>
public sealed record CounterWindowResult(ulong Millijoules, double Passes, double Seconds, int CounterUpdates, long PassesRun)
{
    /// <summary>When the window opened and closed, on the measuring clock (the loop's stopwatch).</summary>
    public (TimeSpan From, TimeSpan To) Edges { get; init; }

    /// <summary>The window in wall-clock time; set by <see cref="CounterWindow.Measure"/>, which knows when its clock started.</summary>
    public (DateTimeOffset From, DateTimeOffset To)? WallClockEdges { get; init; }

    /// <summary>Energy per pass, in millijoules.</summary>
    public double MillijoulesPerPass => Millijoules / Passes;

    /// <summary>Wall time per pass in the window, in milliseconds: how fast the loop ran.</summary>
    public double MillisecondsPerPass => Seconds * 1000 / Passes;
}

/// <summary>
/// Measures energy per forward pass with a cumulative counter that may update only every few tens of
/// milliseconds and may be slow to read (NVML's). The calling thread runs passes back to back at full
/// speed, synchronising with the device only every <c>passesPerGroup</c> passes to record how many are
/// finished; it never reads the counter. A second thread reads the counter and timestamps every reading.
/// The window runs from one counter update to another at least <c>window</c> later, both seen while
/// passes ran, so that the energy and the passes belong to the same interval and the counter's coarse
/// steps cannot bias it; the passes finished at each edge are interpolated between synchronisation points.
/// </summary>
/// <remarks>
/// Reading the counter on the thread that launches the passes (as an earlier version did) leaves the GPU
/// idle while the driver answers: on an H100 that slowed a 1 ms pass loop to 4.5 ms a pass and spread idle
/// power over too few passes. <see cref="Evaluate"/> is the pure arithmetic; it is what the tests check
/// with synthetic readings.
/// </remarks>
public static class CounterWindow
{
    /// <summary>Power no single device can draw; a counter step implying more is a reset or a glitch, not energy.</summary>
    public const double MaxPlausibleWatts = 10_000;

    /// <summary>
    /// Slack added to the time between two readings when judging whether a step is plausible: a counter that
    /// updates every 100 ms shows, in one step, energy used since its previous update, which may predate the previous reading.
    /// </summary>
    public static readonly TimeSpan UpdateSlack = TimeSpan.FromSeconds(1);

    /// <summary>Runs passes until a window of at least <paramref name="window"/> between two counter updates is complete.</summary>
    /// <param name="counter">The counter; read only on a second thread.</param>
    /// <param name="runPasses">Runs the given number of passes back to back and returns when the device has finished them.</param>
    /// <param name="passesPerGroup">Passes between two synchronisations (enough for a few milliseconds of work).</param>
    /// <param name="window">Least time between the first and the last update used.</param>
    /// <param name="stallTimeout">A counter that does not change for this long while passes run has stalled.</param>
    /// <param name="cancellationToken">Checked between groups of passes.</param>
    /// <param name="pollInterval">Pause of the reading thread between two readings; null for 1 ms. The edge error is at most
    /// about one reading period, well under 0.5 % of a 2 s window.</param>
    /// <exception cref="EnergyCounterException">The counter could not be read, stalled, went backwards or jumped impossibly.</exception>
    public static CounterWindowResult Measure(IEnergyCounter counter, Action<int> runPasses, int passesPerGroup, TimeSpan window, TimeSpan stallTimeout,
        CancellationToken cancellationToken = default, TimeSpan? pollInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passesPerGroup, 1);
        var stopwatch = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        var marks = new List<PassMark> { new(stopwatch.Elapsed, 0) };
        var start = marks[0].At;
        // Give up waiting for a long enough window after this; Evaluate then uses what there is or says why not.
        var giveUp = window + window + stallTimeout;
        IReadOnlyList<CounterReading> readings;
        using (var sampler = new Sampler(counter, () => stopwatch.Elapsed, pollInterval ?? TimeSpan.FromMilliseconds(1), start))
        {
            long passes = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                runPasses(passesPerGroup);
                passes += passesPerGroup;
                // The sampler's state first, the clock second: every update seen is then at or before this mark.
                var state = sampler.State;
                var now = stopwatch.Elapsed;
                marks.Add(new PassMark(now, passes));
                if (state.Failed) break;
                if (state.FirstChange is { } first && state.LastChange is { } last && last - first >= window) break;
                var quietSince = state.LastChange is { } changed && changed > start ? changed : start;
                if (now - quietSince > stallTimeout) break;
                if (now - start > giveUp) break;
            }
            readings = sampler.Stop();
        }
        var result = Evaluate(readings, marks, stallTimeout);
        return result with { WallClockEdges = (startedAt + result.Edges.From, startedAt + result.Edges.To) };
    }

    /// <summary>
    /// The window's energy and passes from the counter's readings and the loop's synchronisation points:
    /// from the first update seen during the loop (its previous reading already within the loop) to the
    /// last update seen before the loop's last synchronisation.
    /// </summary>
    /// <param name="readings">Counter readings in time order.</param>
    /// <param name="marks">Passes finished at each synchronisation, in time order; the first is the loop's start (0 passes).</param>
    /// <param name="stallTimeout">Longest time without a counter update while passes run.</param>
    /// <exception cref="EnergyCounterException">The counter stalled, went backwards (reset), jumped by more than any device
    /// could use, or did not update twice while passes ran.</exception>
    public static CounterWindowResult Evaluate(IReadOnlyList<CounterReading> readings, IReadOnlyList<PassMark> marks, TimeSpan stallTimeout)
    {
        if (marks.Count < 2 || marks[^1].Passes <= 0) throw new EnergyCounterException("no forward pass finished while the energy counter was read");
        var start = marks[0].At;
        var end = marks[^1].At;
        if (readings.Count == 0) throw new EnergyCounterException("the energy counter was not read while passes ran");

        // Energy since the first reading, step by step; a 64-bit wrap-around is a small unsigned step.
        var energy = new ulong[readings.Count];
        var lastChange = start;
        int first = -1, last = -1, updates = 0;
        for (int i = 1; i < readings.Count; i++)
        {
            var previous = readings[i - 1];
            var reading = readings[i];
            ulong step = unchecked(reading.Millijoules - previous.Millijoules);
            energy[i] = unchecked(energy[i - 1] + step);
            if (step == 0) continue;

            // W × ms = mJ.
            double plausible = MaxPlausibleWatts * (reading.At - previous.At + UpdateSlack).TotalMilliseconds;
            if (step > plausible)
                throw reading.Millijoules < previous.Millijoules
                    ? new EnergyCounterException($"the energy counter went backwards ({previous.Millijoules} → {reading.Millijoules} mJ): reset by the driver")
                    : new EnergyCounterException(string.Create(CultureInfo.InvariantCulture,
                        $"the energy counter jumped by {step} mJ in {(reading.At - previous.At).TotalSeconds:0.###} s, more than any device can use"));
            if (reading.At > start && reading.At <= end)
            {
                if (reading.At - lastChange > stallTimeout) throw Stalled(reading.At - lastChange, previous.Millijoules);
                lastChange = reading.At;
            }
            if (reading.At > end) continue;
            if (first < 0)
            {
                if (previous.At >= start) first = i;
                continue;
            }
            last = i;
            updates++;
        }
        if (end - lastChange > stallTimeout) throw Stalled(end - lastChange, readings[^1].Millijoules);
        if (first < 0 || last < 0)
            throw new EnergyCounterException(string.Create(CultureInfo.InvariantCulture,
                $"the energy counter updated fewer than twice in {(end - start).TotalSeconds:0.###} s of passes; it updates too rarely for this window"));

        var from = readings[first];
        var to = readings[last];
        double passes = PassesAt(marks, to.At) - PassesAt(marks, from.At);
        if (passes <= 0) throw new EnergyCounterException("no forward pass finished between two updates of the energy counter");
        return new CounterWindowResult(unchecked(energy[last] - energy[first]), passes, (to.At - from.At).TotalSeconds, updates, marks[^1].Passes)
        {
            Edges = (from.At, to.At),
        };
    }

    /// <summary>Passes finished at <paramref name="at"/>, linear between synchronisation points (passes of a group finish one after another).</summary>
    public static double PassesAt(IReadOnlyList<PassMark> marks, TimeSpan at)
    {
        if (at <= marks[0].At) return marks[0].Passes;
        for (int i = 1; i < marks.Count; i++)
        {
            if (at > marks[i].At) continue;
            var a = marks[i - 1];
            var b = marks[i];
            double fraction = b.At == a.At ? 1 : (at - a.At) / (b.At - a.At);
            return a.Passes + (b.Passes - a.Passes) * fraction;
        }
        return marks[^1].Passes;
    }

    private static EnergyCounterException Stalled(TimeSpan quiet, ulong value) => new(string.Create(CultureInfo.InvariantCulture,
        $"the energy counter did not advance for {quiet.TotalSeconds:0.0##} s while the GPU was busy (stalled at {value} mJ)"));

    /// <summary>Reads the counter on its own thread, as often as the poll interval allows, and keeps every reading.</summary>
    private sealed class Sampler : IDisposable
    {
        private readonly IEnergyCounter _counter;
        private readonly Func<TimeSpan> _now;
        private readonly TimeSpan _pollInterval;
        private readonly TimeSpan _armedAt;
        private readonly ManualResetEventSlim _stop = new(false);
        private readonly Lock _gate = new();
        private readonly List<CounterReading> _readings = [];
        private readonly Thread _thread;
        private ExceptionDispatchInfo? _failure;
        private TimeSpan? _firstChange;
        private TimeSpan? _lastChange;

        public Sampler(IEnergyCounter counter, Func<TimeSpan> now, TimeSpan pollInterval, TimeSpan armedAt)
        {
            _counter = counter;
            _now = now;
            _pollInterval = pollInterval;
            _armedAt = armedAt;
            _thread = new Thread(Loop) { IsBackground = true, Name = "ShapeDnn energy counter" };
            _thread.Start();
        }

        /// <summary>The first update whose previous reading was taken after the loop began, the last update, and whether reading failed.</summary>
        public (TimeSpan? FirstChange, TimeSpan? LastChange, bool Failed) State
        {
            get
            {
                lock (_gate) return (_firstChange, _lastChange, _failure is not null);
            }
        }

        /// <summary>Stops the thread and returns its readings; rethrows what reading the counter threw.</summary>
        public IReadOnlyList<CounterReading> Stop()
        {
            _stop.Set();
            _thread.Join();
            _failure?.Throw();
            return _readings;
        }

        public void Dispose()
        {
            _stop.Set();
            _thread.Join();
            _stop.Dispose();
        }

        private void Loop()
        {
            try
            {
                while (!_stop.IsSet)
                {
                    ulong value = _counter.ReadMillijoules();
                    var at = _now();
                    lock (_gate)
                    {
                        if (_readings.Count > 0 && _readings[^1] is var previous && previous.Millijoules != value)
                        {
                            if (_firstChange is null && previous.At >= _armedAt) _firstChange = at;
                            _lastChange = at;
                        }
                        _readings.Add(new CounterReading(at, value));
                    }
                    // Paces the readings; Stop() ends the wait at once.
                    _stop.Wait(_pollInterval);
                }
            }
            catch (Exception e)
            {
                // An exception must not escape a thread (it would end the process): the measuring thread rethrows it.
                lock (_gate) _failure = ExceptionDispatchInfo.Capture(e);
            }
        }
    }
}
