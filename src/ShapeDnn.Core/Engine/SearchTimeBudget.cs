using System.Globalization;
using System.Text.RegularExpressions;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Engine;

/// <summary>
/// The text of a wall-clock ceiling for a whole search (<c>--time-budget</c>, <c>ShapeDnnTimeBudget</c>):
/// hours, minutes and seconds in that order, each at most once, e.g. <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>1h30m</c>.
/// </summary>
public static partial class SearchTimeBudget
{
    /// <summary>The longest ceiling: a search that needs more is better bounded by its training budget.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(30);

    /// <summary>Parses <paramref name="text"/>; null or blank means no ceiling.</summary>
    /// <param name="text">The duration as typed.</param>
    /// <param name="source">The option or property it came from, named in the error (<c>--time-budget</c>, <c>ShapeDnnTimeBudget</c>).</param>
    /// <exception cref="ShapeDnnException">SDNN009 when it is not such a duration, is zero, or is longer than <see cref="Longest"/>.</exception>
    public static TimeSpan? Parse(string? text, string source)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || match.Length == 0 || !(match.Groups["h"].Success || match.Groups["m"].Success || match.Groups["s"].Success))
            throw new ShapeDnnException(ErrorCode.BadOption,
                $"{source} '{text}' is not a duration. Give whole hours, minutes and seconds in that order, e.g. 90s, 5m, 1h or 1h30m.");
        double seconds = Part(match, "h") * 3600 + Part(match, "m") * 60 + Part(match, "s");
        if (seconds <= 0)
            throw new ShapeDnnException(ErrorCode.BadOption, $"{source} '{text}' is no time at all. Give a ceiling above zero, e.g. 5m, or leave it out for none.");
        if (seconds > Longest.TotalSeconds)
            throw new ShapeDnnException(ErrorCode.BadOption, $"{source} '{text}' is longer than {Longest.TotalDays:0} days. Give a shorter ceiling, or leave it out for none.");
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The canonical text of <paramref name="budget"/>, e.g. <c>1h30m</c>; parses back to the same value.</summary>
    public static string Format(TimeSpan budget)
    {
        long total = (long)budget.TotalSeconds;
        long h = total / 3600, m = total % 3600 / 60, s = total % 60;
        string text = (h > 0 ? $"{h}h" : "") + (m > 0 ? $"{m}m" : "") + (s > 0 ? $"{s}s" : "");
        return text.Length > 0 ? text : "0s";
    }

    // Each part's digits are bounded, so that no number overflows before the range check.
    private static double Part(Match match, string unit) =>
        match.Groups[unit].Success ? double.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<h>\d{1,9})h)?(?:(?<m>\d{1,9})m)?(?:(?<s>\d{1,9})s)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
