using System.Globalization;

namespace ShapeDnn.Filtering;

/// <summary>Figures as the filter's messages write them (invariant culture).</summary>
internal static class Formats
{
    public static string Count(long n) => n >= 1_000_000 ? $"{(n / 1e6).ToString("0.##", CultureInfo.InvariantCulture)}M" : n >= 1000 ? $"{(n / 1e3).ToString("0.#", CultureInfo.InvariantCulture)}k" : n.ToString(CultureInfo.InvariantCulture);
    public static string Bytes(long b) => b >= 1_000_000 ? $"{(b / 1e6).ToString("0.##", CultureInfo.InvariantCulture)} MB" : b >= 1000 ? $"{(b / 1e3).ToString("0.#", CultureInfo.InvariantCulture)} KB" : $"{b} B";
    public static string Ms(double ms) => $"{ms.ToString("0.###", CultureInfo.InvariantCulture)} ms";
    public static string Percent(double fraction) => $"{(fraction * 100).ToString("0", CultureInfo.InvariantCulture)} %";
    public static string Mj(double mj) => $"{mj.ToString("0.###", CultureInfo.InvariantCulture)} mJ";
}
