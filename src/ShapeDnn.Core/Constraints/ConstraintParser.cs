using System.Globalization;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Constraints;

/// <summary>
/// Parses the constraint text of <c>ShapeDnnConstraints</c> / <c>--constraints</c>:
/// <c>MaxParameters=500k; MaxSize=2MB; MaxLatency=1.5ms; MaxEnergy=3mJ; MinAccuracy=93%</c>.
/// </summary>
/// <remarks>
/// Entries are separated by <c>;</c>; keys are case-insensitive. Units: counts take an optional
/// <c>k</c> (thousand) or <c>M</c> (million); sizes need <c>B</c>, <c>KB</c>, <c>MB</c>, <c>GB</c>
/// (powers of 1000) or <c>KiB</c>, <c>MiB</c>, <c>GiB</c> (powers of 1024); latency needs
/// <c>us</c>, <c>ms</c> or <c>s</c>; energy needs <c>uJ</c>, <c>mJ</c> or <c>J</c>; accuracy is a
/// fraction (0.93) or a percentage (93%). Every failure is a <see cref="ShapeDnnException"/> with
/// its own code.
/// </remarks>
public static class ConstraintParser
{
    /// <summary>The keys, in their canonical spelling.</summary>
    public static readonly IReadOnlyList<string> Keys = ["MaxParameters", "MaxSize", "MaxLatency", "MaxEnergy", "MinAccuracy"];

    /// <summary>Parses <paramref name="text"/>; null or blank text means no limits.</summary>
    /// <exception cref="ShapeDnnException">SDNN001–SDNN005 for malformed entries, unknown keys, bad numbers, bad units and contradictory limits.</exception>
    public static ConstraintSet Parse(string? text)
    {
        var result = ConstraintSet.None;
        if (string.IsNullOrWhiteSpace(text)) return result;

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split(';'))
        {
            var entry = raw.Trim();
            if (entry.Length == 0) continue;
            int eq = entry.IndexOf('=');
            if (eq <= 0 || eq == entry.Length - 1 || entry.IndexOf('=', eq + 1) >= 0)
                throw new ShapeDnnException(ErrorCode.ConstraintSyntax,
                    $"Constraint '{entry}' is not of the form Key=Value (for example 'MaxLatency=2ms'). Separate constraints with ';'.");

            string key = entry[..eq].Trim();
            string value = entry[(eq + 1)..].Trim();
            string canonical = Keys.FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase))
                ?? throw new ShapeDnnException(ErrorCode.UnknownConstraint,
                    $"Unknown constraint '{key}'{Suggestions.DidYouMean(key, Keys)}. Known constraints: {string.Join(", ", Keys)}.");

            if (seen.TryGetValue(canonical, out var earlier))
                throw new ShapeDnnException(ErrorCode.ContradictoryConstraints,
                    $"Constraint {canonical} is given twice ('{earlier}' and '{value}'); give it once.");
            seen[canonical] = value;

            result = canonical switch
            {
                "MaxParameters" => result with { MaxParameters = ParseCount(canonical, value) },
                "MaxSize" => result with { MaxSizeBytes = ParseSize(canonical, value) },
                "MaxLatency" => result with { MaxLatencyMilliseconds = ParseWithUnit(canonical, value, LatencyUnits, "us, ms or s") },
                "MaxEnergy" => result with { MaxEnergyMillijoules = ParseWithUnit(canonical, value, EnergyUnits, "uJ, mJ or J") },
                _ => result with { MinAccuracy = ParseAccuracy(value) },
            };
        }
        return result;
    }

    private static readonly Dictionary<string, double> LatencyUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["us"] = 1e-3, ["µs"] = 1e-3, ["ms"] = 1, ["s"] = 1000,
    };

    private static readonly Dictionary<string, double> EnergyUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["uJ"] = 1e-3, ["µJ"] = 1e-3, ["mJ"] = 1, ["J"] = 1000,
    };

    private static readonly Dictionary<string, double> SizeUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["B"] = 1, ["KB"] = 1e3, ["MB"] = 1e6, ["GB"] = 1e9,
        ["KiB"] = 1024, ["MiB"] = 1024 * 1024, ["GiB"] = 1024.0 * 1024 * 1024,
    };

    private static long ParseCount(string key, string value)
    {
        var (number, unit) = Split(key, value);
        double factor = unit switch
        {
            "" => 1,
            "k" or "K" => 1e3,
            "M" => 1e6,
            "m" => throw new ShapeDnnException(ErrorCode.BadUnit,
                $"{key}={value}: 'm' is ambiguous for a count; write 'M' for million or 'k' for thousand."),
            _ => throw new ShapeDnnException(ErrorCode.BadUnit,
                $"{key}={value}: unknown unit '{unit}'; a parameter count takes no unit, 'k' (thousand) or 'M' (million)."),
        };
        return (long)Math.Round(Positive(key, value, number * factor, MaxCount));
    }

    /// <summary>Largest count or size in bytes a limit may give (10^15, far above any network and within a long).</summary>
    private const double MaxCount = 1e15;

    private static long ParseSize(string key, string value)
    {
        var (number, unit) = Split(key, value);
        if (unit.Length == 0)
            throw new ShapeDnnException(ErrorCode.BadUnit, $"{key}={value}: a size needs a unit: B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024).");
        if (!SizeUnits.TryGetValue(unit, out var factor))
            throw new ShapeDnnException(ErrorCode.BadUnit, $"{key}={value}: unknown size unit '{unit}'; use B, KB, MB, GB, KiB, MiB or GiB.");
        return (long)Math.Round(Positive(key, value, number * factor, MaxCount));
    }

    private static double ParseWithUnit(string key, string value, Dictionary<string, double> units, string expected)
    {
        var (number, unit) = Split(key, value);
        if (unit.Length == 0)
            throw new ShapeDnnException(ErrorCode.BadUnit, $"{key}={value}: a unit is required ({expected}).");
        if (!units.TryGetValue(unit, out var factor))
            throw new ShapeDnnException(ErrorCode.BadUnit, $"{key}={value}: unknown unit '{unit}'; use {expected}.");
        return Positive(key, value, number * factor, double.MaxValue);
    }

    private static double ParseAccuracy(string value)
    {
        const string key = "MinAccuracy";
        var (number, unit) = Split(key, value);
        double fraction = unit switch
        {
            "%" => number / 100,
            "" when number > 1 => throw new ShapeDnnException(ErrorCode.BadUnit,
                $"{key}={value}: an accuracy without '%' is a fraction between 0 and 1; did you mean {value}%?"),
            "" => number,
            _ => throw new ShapeDnnException(ErrorCode.BadUnit, $"{key}={value}: unknown unit '{unit}'; write a fraction (0.93) or a percentage (93%)."),
        };
        if (fraction <= 0 || fraction > 1)
            throw new ShapeDnnException(ErrorCode.ContradictoryConstraints, $"{key}={value}: accuracy must be above 0 and at most 100%.");
        return fraction;
    }

    private static double Positive(string key, string value, double number, double max)
    {
        if (double.IsInfinity(number) || number > max)
            throw new ShapeDnnException(ErrorCode.ContradictoryConstraints,
                $"{key}={value}: the limit is out of range (at most {max:G3}); leave {key} out for no limit.");
        if (!(number > 0))
            throw new ShapeDnnException(ErrorCode.ContradictoryConstraints, $"{key}={value}: the limit must be greater than zero, or no shape can meet it.");
        return number;
    }

    /// <summary>Splits "1.5ms" into 1.5 and "ms".</summary>
    private static (double Number, string Unit) Split(string key, string value)
    {
        int end = 0;
        while (end < value.Length && (char.IsAsciiDigit(value[end]) || value[end] is '.' or '-' or '+' or 'e' or 'E'))
        {
            // 'e' only belongs to the number when an exponent digit follows ("1e6"), not in "1MB" etc.
            if (value[end] is 'e' or 'E' && !(end + 1 < value.Length && (char.IsAsciiDigit(value[end + 1]) || value[end + 1] is '-' or '+')))
                break;
            end++;
        }
        string numberText = value[..end];
        string unit = value[end..].Trim();
        // "1,5ms" has a decimal comma: that is a malformed number, not an unknown unit ",5ms".
        bool numberContinues = unit.Length > 0 && (unit[0] is ',' || char.IsAsciiDigit(unit[0]));
        if (numberText.Length == 0 || numberContinues || !double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsNaN(number))
            throw new ShapeDnnException(ErrorCode.BadNumber, $"{key}={value}: '{value}' does not start with a number (use '.' as the decimal separator).");
        return (number, unit);
    }
}
