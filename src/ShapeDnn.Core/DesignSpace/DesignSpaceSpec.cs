using System.Globalization;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.DesignSpace;

/// <summary>
/// The depths and widths to search. The default is the Shape_DNN paper's grid: depths 10 … 64 in
/// steps of 6 and widths 1, 1.5, 2, 3, 4 … 10 (110 shapes).
/// </summary>
/// <param name="Depths">Depths, each 6n+4, ascending, distinct.</param>
/// <param name="Widths">Width multipliers, positive, ascending, distinct.</param>
public sealed record DesignSpaceSpec(IReadOnlyList<int> Depths, IReadOnlyList<double> Widths)
{
    /// <summary>The paper's grid.</summary>
    public static DesignSpaceSpec Paper { get; } = new(
        Enumerable.Range(0, 10).Select(i => 10 + 6 * i).ToArray(),
        [1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    /// <summary>Every shape, depth-major.</summary>
    public IEnumerable<Shape> Shapes => Depths.SelectMany(d => Widths.Select(w => new Shape(d, w)));

    /// <summary>Number of shapes.</summary>
    public int Count => Depths.Count * Widths.Count;

    /// <summary>Canonical text, e.g. <c>depths=10,16;widths=1,2</c>.</summary>
    public override string ToString() =>
        $"depths={string.Join(",", Depths)};widths={string.Join(",", Widths.Select(w => w.ToString("0.###", CultureInfo.InvariantCulture)))}";

    /// <summary>
    /// Parses <c>depths=10,16,22;widths=1,2,4</c>. Either key may be omitted (the paper's values
    /// are kept); a list item may be a range <c>10..28</c> (depths step 6; widths step 1).
    /// Null or blank text gives <see cref="Paper"/>; text without any entry (<c>;</c>) is an error.
    /// Every depth and width must pass <see cref="ShapeProblem"/>, and the space holds at most
    /// <see cref="Limits.MaxShapes"/> shapes; ranges are checked arithmetically before they are expanded.
    /// </summary>
    /// <exception cref="ShapeDnnException">SDNN008 for malformed text, depths not of the form 6n+4, widths out of range and spaces too large.</exception>
    public static DesignSpaceSpec Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Paper;
        IReadOnlyList<int> depths = Paper.Depths;
        IReadOnlyList<double> widths = Paper.Widths;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
            throw Error($"'{text}' has no depths=… or widths=… entry (leave the design space out for the paper's {Paper.Count} shapes)");
        foreach (var raw in entries)
        {
            int eq = raw.IndexOf('=');
            if (eq <= 0) throw Error($"'{raw}' is not of the form depths=… or widths=…");
            string key = raw[..eq].Trim();
            string list = raw[(eq + 1)..];
            if (!seen.Add(key)) throw Error($"'{key}' is given twice");
            if (key.Equals("depths", StringComparison.OrdinalIgnoreCase))
                depths = ParseList(list, 6, "depth", Shape.MinDepth, Limits.MaxDepth).Select(ToDepth).Distinct().Order().ToArray();
            else if (key.Equals("widths", StringComparison.OrdinalIgnoreCase))
                widths = ParseList(list, 1, "width", 0, Limits.MaxWidth).Select(ToWidth).Distinct().Order().ToArray();
            else
                throw Error($"unknown key '{key}'{Suggestions.DidYouMean(key, ["depths", "widths"])}; use depths and widths");
        }
        if (depths.Count == 0 || widths.Count == 0) throw Error("the space is empty");
        if ((long)depths.Count * widths.Count > Limits.MaxShapes)
            throw Error($"{depths.Count} depths × {widths.Count} widths are {(long)depths.Count * widths.Count:N0} shapes, more than the {Limits.MaxShapes:N0} a space may hold");
        return new DesignSpaceSpec(depths, widths);
    }

    /// <summary>
    /// Why a network of <paramref name="depth"/> and width multiplier <paramref name="width"/> cannot be
    /// built or searched, or null when it can: the one rule for <c>--design-space</c>, <c>--shape</c> and <c>--shapes</c>.
    /// </summary>
    /// <remarks>
    /// Depth 6n+4 from 10 to <see cref="Limits.MaxDepth"/>; width above 0, at most <see cref="Limits.MaxWidth"/>,
    /// with at most <see cref="Limits.WidthDecimals"/> decimals (names and cache keys carry three), and wide
    /// enough that every group has a channel: round(16k) ≥ 1, so k ≥ 0.032.
    /// </remarks>
    public static string? ShapeProblem(long depth, double width)
    {
        if (depth < Shape.MinDepth || depth > Limits.MaxDepth || !Shape.IsValidDepth((int)depth))
            return $"depth {depth} is not of the form 6n+4 between {Shape.MinDepth} and {Limits.MaxDepth} (10, 16, 22, …)";
        return WidthProblem(width);
    }

    private static string? WidthProblem(double width)
    {
        string text = width.ToString("R", CultureInfo.InvariantCulture);
        if (!(width > 0) || width > Limits.MaxWidth) return $"width {text} must be above 0 and at most {Limits.MaxWidth}";
        if (Math.Abs(width * 1000 - Math.Round(width * 1000)) > 1e-6 * Math.Max(1, width * 1000))
            return $"width {text} has more than {Limits.WidthDecimals} decimals; shapes are named and cached by their width to {Limits.WidthDecimals} decimals";
        foreach (int channels in WideResNetPlanner.GroupBaseChannels)
            if (Math.Round(channels * width, MidpointRounding.AwayFromZero) < 1)
                return $"width {text} gives the {channels}-channel group round({channels}×{text}) = 0 channels; the smallest width is 0.032";
        return null;
    }

    private static IEnumerable<double> ParseList(string list, double rangeStep, string what, double min, double max)
    {
        var items = list.Split(',', StringSplitOptions.TrimEntries);
        foreach (var item in items)
        {
            int dots = item.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0)
            {
                yield return Number(item);
                continue;
            }
            double from = Number(item[..dots]), to = Number(item[(dots + 2)..]);
            if (to < from) throw Error($"range '{item}' runs backwards");
            // Checked before a single value is produced, so that '10..1e9' costs nothing.
            if (from < min || to > max)
                throw Error($"range '{item}' leaves the {what}s {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
            if ((to - from) / rangeStep + 1 > Limits.MaxShapes)
                throw Error($"range '{item}' has more than {Limits.MaxShapes:N0} {what}s");
            for (double v = from; v <= to + 1e-9; v += rangeStep) yield return v;
        }
    }

    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Error($"'{text}' is not a number");

    private static int ToDepth(double value)
    {
        if (value != Math.Floor(value) || value < Shape.MinDepth || value > Limits.MaxDepth || !Shape.IsValidDepth((int)value))
            throw Error($"depth {value.ToString(CultureInfo.InvariantCulture)} is not of the form 6n+4 between {Shape.MinDepth} and {Limits.MaxDepth} (10, 16, 22, …)");
        return (int)value;
    }

    private static double ToWidth(double value) =>
        WidthProblem(value) is { } problem ? throw Error(problem) : value;

    private static ShapeDnnException Error(string what) =>
        new(ErrorCode.BadDesignSpace, $"Design space: {what}. Example: 'depths=10,16,22;widths=1,1.5,2' or 'depths=10..28;widths=1..4'.");
}
