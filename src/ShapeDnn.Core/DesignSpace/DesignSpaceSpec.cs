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
    /// Null or blank text gives <see cref="Paper"/>.
    /// </summary>
    /// <exception cref="ShapeDnnException">SDNN008 for malformed text, depths not of the form 6n+4 or non-positive widths.</exception>
    public static DesignSpaceSpec Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Paper;
        IReadOnlyList<int> depths = Paper.Depths;
        IReadOnlyList<double> widths = Paper.Widths;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = raw.IndexOf('=');
            if (eq <= 0) throw Error($"'{raw}' is not of the form depths=… or widths=…");
            string key = raw[..eq].Trim();
            string list = raw[(eq + 1)..];
            if (!seen.Add(key)) throw Error($"'{key}' is given twice");
            if (key.Equals("depths", StringComparison.OrdinalIgnoreCase))
                depths = ParseList(list, 6).Select(d => ToDepth(d)).Distinct().Order().ToArray();
            else if (key.Equals("widths", StringComparison.OrdinalIgnoreCase))
                widths = ParseList(list, 1).Select(ToWidth).Distinct().Order().ToArray();
            else
                throw Error($"unknown key '{key}'{Suggestions.DidYouMean(key, ["depths", "widths"])}; use depths and widths");
        }
        if (depths.Count == 0 || widths.Count == 0) throw Error("the space is empty");
        return new DesignSpaceSpec(depths, widths);
    }

    private static IEnumerable<double> ParseList(string list, double rangeStep)
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
            for (double v = from; v <= to + 1e-9; v += rangeStep) yield return v;
        }
    }

    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Error($"'{text}' is not a number");

    private static int ToDepth(double value)
    {
        if (value != Math.Floor(value) || !Shape.IsValidDepth((int)value))
            throw Error($"depth {value.ToString(CultureInfo.InvariantCulture)} is not of the form 6n+4 (10, 16, 22, …)");
        return (int)value;
    }

    private static double ToWidth(double value) =>
        value > 0 && value <= 64 ? value : throw Error($"width {value.ToString(CultureInfo.InvariantCulture)} must be above 0 and at most 64");

    private static ShapeDnnException Error(string what) =>
        new(ErrorCode.BadDesignSpace, $"Design space: {what}. Example: 'depths=10,16,22;widths=1,1.5,2' or 'depths=10..28;widths=1..4'.");
}
