using System.Globalization;
using ShapeDnn.Engine;

namespace ShapeDnn.Progress;

/// <summary>The words for a search's progress, one wording for the CLI's plain lines and the build's messages.</summary>
public static class ProgressText
{
    /// <summary>E.g. <c>2 of 5 shapes proposed, 1.3 of at most 4 trainings spent, at most 1 min 20 s left</c> (the time left when it is known and not zero; under a second reads "at most 1 s": it is an upper bound).</summary>
    public static string Overall(SearchProgress p)
    {
        string text = string.Create(CultureInfo.InvariantCulture,
            $"{p.Proposed} of {p.Feasible} shapes proposed, {p.SpentShapes:0.#} of at most {p.MaxShapes} trainings spent");
        // Nothing left to train within the budget: the search is writing its outputs; no "0 s left".
        return p.SecondsLeft is { } s && s > 0 ? $"{text}, at most {Duration(Math.Max(1, s))} left" : text;
    }

    /// <summary>A duration as people read it: <c>45 s</c>, <c>3 min 10 s</c>, <c>1 h 05 min</c>.</summary>
    public static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:00} min")
            : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.Minutes} min {t.Seconds:00} s")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Seconds} s");
    }

    /// <summary>An accuracy as a percentage with one decimal: <c>79.2 %</c>.</summary>
    public static string Percent(double accuracy) => string.Create(CultureInfo.InvariantCulture, $"{accuracy * 100:0.0} %");
}
