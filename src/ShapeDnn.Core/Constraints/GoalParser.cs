using ShapeDnn.Diagnostics;

namespace ShapeDnn.Constraints;

/// <summary>Parses <c>ShapeDnnGoal</c> / <c>--goal</c> (case-insensitive).</summary>
public static class GoalParser
{
    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="ShapeDnnException">SDNN006 when missing, SDNN007 when unknown.</exception>
    public static Goal Parse(string? text)
    {
        var names = Enum.GetNames<Goal>();
        if (string.IsNullOrWhiteSpace(text))
            throw new ShapeDnnException(ErrorCode.MissingGoal, $"No optimization goal given; choose one of {string.Join(", ", names)}.");
        var match = names.FirstOrDefault(n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is not null) return Enum.Parse<Goal>(match);
        throw new ShapeDnnException(ErrorCode.UnknownGoal,
            $"Unknown goal '{text.Trim()}'{Suggestions.DidYouMean(text.Trim(), names)}. Goals: {string.Join(", ", names)}.");
    }
}
