using System.Text.RegularExpressions;

namespace ShapeDnn.Diagnostics;

/// <summary>Joins sentences of user-facing messages without doubled full stops.</summary>
public static partial class Sentences
{
    /// <summary>
    /// <paramref name="message"/> with every full stop doubled at the end of a sentence (<c>"denied.. Set"</c>,
    /// <c>"denied. ."</c>) made single. Ranges such as <c>10..28</c> and paths such as <c>'..'</c> or <c>../data</c>
    /// are kept: only stops followed by white space or the end change.
    /// </summary>
    public static string Clean(string message) => DoubledStop().Replace(message, ".");

    /// <summary>An inner exception's message as a clause: trimmed, without its final full stop, so that the caller ends the sentence.</summary>
    public static string Clause(string message) => message.Trim().TrimEnd('.');

    [GeneratedRegex(@"(?<!\.)\.(\s*\.)+(?=\s|$)")]
    private static partial Regex DoubledStop();
}
