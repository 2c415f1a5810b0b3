namespace ShapeDnn.Profiles;

/// <summary>Where a figure comes from. Reports and build output always say which.</summary>
public enum FigureSource
{
    /// <summary>Measured on the device.</summary>
    Measured,
    /// <summary>Predicted by a model fitted to measurements of other shapes.</summary>
    Predicted,
    /// <summary>An estimate with no measurement behind it (e.g. energy where no power counter exists).</summary>
    Estimated,
}

/// <summary>Forward-pass latency of one batch, from repeated synchronised samples after warm-up.</summary>
/// <param name="MedianMilliseconds">Median latency of one forward pass of one batch (per pass: a sample's time divided by its passes).</param>
/// <param name="P10Milliseconds">10th percentile.</param>
/// <param name="P90Milliseconds">90th percentile.</param>
/// <param name="Runs">Timed samples (warm-up excluded).</param>
/// <param name="BatchSize">Images per forward pass.</param>
/// <param name="Device">Device description, e.g. the CPU model, thread count and runtime.</param>
/// <param name="Source">Measured or predicted.</param>
/// <param name="PassesPerSample">Forward passes run back to back in each timed sample (1: each pass timed alone).</param>
public sealed record LatencyMeasurement(
    double MedianMilliseconds,
    double P10Milliseconds,
    double P90Milliseconds,
    int Runs,
    int BatchSize,
    string Device,
    FigureSource Source = FigureSource.Measured,
    int PassesPerSample = 1)
{
    /// <summary>
    /// The widest <see cref="RelativeSpread"/> a sound measurement has: beyond it (p10 to p90 wider than the
    /// median itself, shown as ±50 %) the samples say more about what else ran on the machine than about
    /// the network, and the figure is measured again (<see cref="NoiseCheckedLatencyProfiler"/>).
    /// </summary>
    public const double UnreliableSpread = 1.0;

    /// <summary>Relative spread, (p90 − p10) / median.</summary>
    public double RelativeSpread => MedianMilliseconds > 0 ? (P90Milliseconds - P10Milliseconds) / MedianMilliseconds : 0;

    /// <summary>Whether the samples spread beyond <see cref="UnreliableSpread"/>.</summary>
    public bool IsNoisy => RelativeSpread > UnreliableSpread;

    /// <summary>Measured, but still noisy after every allowed attempt: shown and generated as unreliable, never cached.</summary>
    public bool Unreliable { get; init; }
}

/// <summary>Energy of one forward pass of one batch.</summary>
/// <param name="Millijoules">Energy in millijoules.</param>
/// <param name="Source">Measured, predicted or estimated.</param>
/// <param name="Method">How it was obtained, e.g. <c>estimate: 15 W assumed × latency</c>.</param>
public sealed record EnergyFigure(double Millijoules, FigureSource Source, string Method)
{
    /// <summary>For a counter measurement: the window it used, in wall-clock time, so that another reader of the same counter can check it. Null otherwise.</summary>
    public EnergyWindow? Window { get; init; }
}

/// <summary>The measuring window of a counter-based energy figure.</summary>
/// <param name="Start">The counter update that opened the window (UTC, as seen by the reading thread).</param>
/// <param name="End">The counter update that closed it.</param>
/// <param name="Millijoules">Counter increase between the two.</param>
/// <param name="Passes">Forward passes finished between the two.</param>
public sealed record EnergyWindow(DateTimeOffset Start, DateTimeOffset End, ulong Millijoules, double Passes);
