using System.Globalization;
using System.Text.RegularExpressions;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.DesignSpace;

namespace ShapeDnn.Cli.Training;

/// <summary>Parses <c>WRN-16-4</c> (also <c>16-4</c>, <c>wrn-10-1.5</c>) into a <see cref="Shape"/>.</summary>
internal static partial class ShapeName
{
    /// <summary>Parses <paramref name="text"/>; depth and width follow the design space's rule (<see cref="DesignSpaceSpec.ShapeProblem"/>).</summary>
    public static Shape Parse(string text, string what = "--shape")
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success
            || !long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long depth)
            || !double.TryParse(m.Groups[2].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double width))
            throw CommandLine.Error($"{what} '{text}' is not a Wide ResNet name such as WRN-16-4");
        if (DesignSpaceSpec.ShapeProblem(depth, width) is { } problem)
            throw CommandLine.Error($"{what} '{text}': {problem}");
        return new Shape((int)depth, width);
    }

    [GeneratedRegex(@"^(?:wrn-)?(\d{1,18})-(\d{1,18}(?:\.\d{1,18})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
