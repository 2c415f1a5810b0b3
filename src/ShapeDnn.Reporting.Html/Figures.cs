using System.Globalization;
using ShapeDnn.Profiles;

namespace ShapeDnn.Reporting.Html;

/// <summary>Number formatting for the page (invariant culture, units spelled out), like the console's.</summary>
internal static class Figures
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    // Axis ticks come from floating-point steps (999999.9999…): round at the unit's edge so they read 1M, not 1000k.
    public static string Count(double n) => n >= 999_999.5 ? (n / 1e6).ToString("0.##", Ci) + "M" : n >= 999.5 ? (n / 1e3).ToString("0.#", Ci) + "k" : n.ToString("0.##", Ci);
    public static string Bytes(long b) => b >= 1_000_000 ? (b / 1e6).ToString("0.00", Ci) + " MB" : (b / 1e3).ToString("0.0", Ci) + " KB";
    public static string Percent(double fraction) => double.IsNaN(fraction) ? "n/a" : (fraction * 100).ToString("0.0", Ci) + " %";
    public static string Ms(double ms) => ms.ToString(ms < 1 ? "0.000" : ms < 10 ? "0.00" : "0.0", Ci) + " ms";
    public static string Seconds(double s) => s < 120 ? s.ToString("0.0", Ci) + " s" : TimeSpan.FromSeconds(s).ToString(@"h\:mm\:ss", Ci);

    /// <summary>An axis tick or limit label in the axis's unit ("" = a count: 200k, 1.5M).</summary>
    public static string Axis(double v, string unit) => unit switch
    {
        "" => Count(v),
        _ => v.ToString(v >= 100 ? "0" : v >= 1 ? "0.##" : "0.###", Ci) + " " + unit,
    };

    /// <summary>Measured figures are unmarked in the console; the page names every source.</summary>
    public static string Source(FigureSource source) => source switch
    {
        FigureSource.Measured => "measured",
        FigureSource.Predicted => "predicted",
        _ => "estimated",
    };
}
