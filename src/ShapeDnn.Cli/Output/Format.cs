using System.Globalization;
using ShapeDnn.Profiles;

namespace ShapeDnn.Cli.Output;

/// <summary>Number formatting for the console (invariant culture, units spelled out).</summary>
internal static class Format
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static string Count(long n) => n >= 1_000_000 ? (n / 1e6).ToString("0.00", Ci) + "M" : n >= 1000 ? (n / 1e3).ToString("0.0", Ci) + "k" : n.ToString(Ci);
    public static string Bytes(long b) => b >= 1_000_000 ? (b / 1e6).ToString("0.00", Ci) + " MB" : (b / 1e3).ToString("0.0", Ci) + " KB";
    public static string Percent(double fraction) => double.IsNaN(fraction) ? "n/a" : (fraction * 100).ToString("0.00", Ci) + " %";
    public static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", Ci) + " ms";
    public static string Seconds(double s) => s < 120 ? s.ToString("0.0", Ci) + " s" : TimeSpan.FromSeconds(s).ToString(@"h\:mm\:ss", Ci);
    public static string Latency(LatencyMeasurement? l) => l is null ? "-" : $"{Ms(l.MedianMilliseconds)} ±{(l.RelativeSpread * 50).ToString("0", Ci)}%{Mark(l.Source)}{(l.Unreliable ? " (unreliable)" : "")}";
    public static string Energy(EnergyFigure? e) => e is null ? "-" : e.Millijoules.ToString("0.###", Ci) + " mJ" + Mark(e.Source);
    /// <summary>Measured figures are unmarked; others say what they are.</summary>
    public static string Mark(FigureSource source) => source switch { FigureSource.Estimated => " (est.)", FigureSource.Predicted => " (pred.)", _ => "" };
}
