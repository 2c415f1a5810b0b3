using System.Globalization;
using ShapeDnn.Diagnostics;
using ShapeDnn.Families;

namespace ShapeDnn.DesignSpace;

/// <summary>
/// The depths and widths to search, of one network family. The default is the Shape_DNN paper's
/// Wide ResNet grid: depths 10 … 64 in steps of 6 and widths 1, 1.5, 2, 3, 4 … 10 (110 shapes).
/// </summary>
/// <param name="Depths">Depths, each valid for the family, ascending, distinct.</param>
/// <param name="Widths">Widths, positive, ascending, distinct.</param>
/// <param name="Family">The family id (<see cref="NetworkFamilies"/>).</param>
public sealed record DesignSpaceSpec(IReadOnlyList<int> Depths, IReadOnlyList<double> Widths, string Family = NetworkFamilies.WideResNetId)
{
    /// <summary>The paper's grid (the Wide ResNet family's default space).</summary>
    public static DesignSpaceSpec Paper => WideResNetFamily.Instance.DefaultSpace;

    /// <summary>Every shape, depth-major.</summary>
    public IEnumerable<Shape> Shapes => Depths.SelectMany(d => Widths.Select(w => new Shape(d, w, Family)));

    /// <summary>Number of shapes.</summary>
    public int Count => Depths.Count * Widths.Count;

    /// <summary>Canonical text, e.g. <c>depths=10,16;widths=1,2</c> (the family's keys).</summary>
    public override string ToString()
    {
        var family = NetworkFamilies.Get(Family);
        return $"{family.DepthKey}={string.Join(",", Depths)};{family.WidthKey}={string.Join(",", Widths.Select(w => w.ToString("0.###", CultureInfo.InvariantCulture)))}";
    }

    /// <summary>Parses a Wide ResNet space; see <see cref="Parse(string?, INetworkFamily)"/>.</summary>
    /// <exception cref="ShapeDnnException">SDNN008 for malformed text, depths not of the form 6n+4, widths out of range and spaces too large.</exception>
    public static DesignSpaceSpec Parse(string? text) => Parse(text, WideResNetFamily.Instance);

    /// <summary>
    /// Parses <c>depths=10,16,22;widths=1,2,4</c> with <paramref name="family"/>'s keys (Wide ResNet:
    /// <c>depths</c>, <c>widths</c>; DenseNet-BC: <c>depths</c>, <c>growth</c>). Either key may be
    /// omitted (the family's default values are kept); a list item may be a range <c>10..28</c> (in
    /// the family's steps). Null or blank text gives the family's <see cref="INetworkFamily.DefaultSpace"/>;
    /// text without any entry (<c>;</c>) is an error. Every depth and width must pass
    /// <see cref="ShapeProblem(INetworkFamily, long, double)"/>, and the space holds at most
    /// <see cref="Limits.MaxShapes"/> shapes; ranges are checked arithmetically before they are expanded.
    /// </summary>
    /// <exception cref="ShapeDnnException">SDNN008 for malformed text, depths or widths the family does not have, and spaces too large.</exception>
    public static DesignSpaceSpec Parse(string? text, INetworkFamily family)
    {
        var fallback = family.DefaultSpace;
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        IReadOnlyList<int> depths = fallback.Depths;
        IReadOnlyList<double> widths = fallback.Widths;
        string dk = family.DepthKey, wk = family.WidthKey;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
            throw Error(family, $"'{text}' has no {dk}=… or {wk}=… entry (leave the design space out for the default {fallback.Count} shapes)");
        foreach (var raw in entries)
        {
            int eq = raw.IndexOf('=');
            if (eq <= 0) throw Error(family, $"'{raw}' is not of the form {dk}=… or {wk}=…");
            string key = raw[..eq].Trim();
            string list = raw[(eq + 1)..];
            if (!seen.Add(key)) throw Error(family, $"'{key}' is given twice");
            if (key.Equals(dk, StringComparison.OrdinalIgnoreCase))
                depths = ParseList(family, list, family.DepthStep, "depth", Shape.MinDepth, Limits.MaxDepth).Select(v => ToDepth(family, v)).Distinct().Order().ToArray();
            else if (key.Equals(wk, StringComparison.OrdinalIgnoreCase))
                widths = ParseList(family, list, family.WidthStep, "width", 0, Limits.MaxWidth).Select(v => ToWidth(family, v)).Distinct().Order().ToArray();
            else
                throw Error(family, $"unknown key '{key}'{Suggestions.DidYouMean(key, [dk, wk])}; use {dk} and {wk}");
        }
        if (depths.Count == 0 || widths.Count == 0) throw Error(family, "the space is empty");
        if ((long)depths.Count * widths.Count > Limits.MaxShapes)
            throw Error(family, $"{depths.Count} depths × {widths.Count} widths are {(long)depths.Count * widths.Count:N0} shapes, more than the {Limits.MaxShapes:N0} a space may hold");
        return new DesignSpaceSpec(depths, widths, family.Id);
    }

    /// <summary>Why a Wide ResNet of <paramref name="depth"/> and <paramref name="width"/> cannot be built or searched, or null when it can.</summary>
    public static string? ShapeProblem(long depth, double width) => ShapeProblem(WideResNetFamily.Instance, depth, width);

    /// <summary>
    /// Why a network of <paramref name="family"/>, <paramref name="depth"/> and <paramref name="width"/>
    /// cannot be built or searched, or null when it can: the one rule for <c>--design-space</c>,
    /// <c>--shape</c> and <c>--shapes</c>.
    /// </summary>
    /// <remarks>
    /// The family's own rules, and for every family at most <see cref="Limits.WidthDecimals"/>
    /// decimals of width (names and cache keys carry three).
    /// </remarks>
    public static string? ShapeProblem(INetworkFamily family, long depth, double width) =>
        family.DepthProblem(depth) ?? WidthProblem(family, width);

    private static string? WidthProblem(INetworkFamily family, double width)
    {
        if (family.WidthProblem(width) is { } problem) return problem;
        if (Math.Abs(width * 1000 - Math.Round(width * 1000)) > 1e-6 * Math.Max(1, width * 1000))
            return $"width {width.ToString("R", CultureInfo.InvariantCulture)} has more than {Limits.WidthDecimals} decimals; shapes are named and cached by their width to {Limits.WidthDecimals} decimals";
        return null;
    }

    private static IEnumerable<double> ParseList(INetworkFamily family, string list, double rangeStep, string what, double min, double max)
    {
        var items = list.Split(',', StringSplitOptions.TrimEntries);
        foreach (var item in items)
        {
            int dots = item.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0)
            {
                yield return Number(family, item);
                continue;
            }
            double from = Number(family, item[..dots]), to = Number(family, item[(dots + 2)..]);
            if (to < from) throw Error(family, $"range '{item}' runs backwards");
            // Checked before a single value is produced, so that '10..1e9' costs nothing.
            if (from < min || to > max)
                throw Error(family, $"range '{item}' leaves the {what}s {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
            if ((to - from) / rangeStep + 1 > Limits.MaxShapes)
                throw Error(family, $"range '{item}' has more than {Limits.MaxShapes:N0} {what}s");
            for (double v = from; v <= to + 1e-9; v += rangeStep) yield return v;
        }
    }

    private static double Number(INetworkFamily family, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Error(family, $"'{text}' is not a number");

    private static int ToDepth(INetworkFamily family, double value) =>
        family.DepthProblem(value) is { } problem ? throw Error(family, problem) : (int)value;

    private static double ToWidth(INetworkFamily family, double value) =>
        WidthProblem(family, value) is { } problem ? throw Error(family, problem) : value;

    private static ShapeDnnException Error(INetworkFamily family, string what) =>
        new(ErrorCode.BadDesignSpace, $"Design space: {what}. Example: {family.DesignSpaceExample}.");
}
