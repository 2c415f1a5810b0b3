using System.Globalization;
using System.Text.RegularExpressions;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.DesignSpace;

namespace ShapeDnn.Cli.Training;

/// <summary>Parses <c>WRN-16-4</c> (also <c>16-4</c>, <c>wrn-10-1.5</c>) into a <see cref="Shape"/>.</summary>
internal static partial class ShapeName
{
    public static Shape Parse(string text)
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success
            || !int.TryParse(m.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int depth)
            || !double.TryParse(m.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double width))
            throw CommandLine.Error($"--shape '{text}' is not a Wide ResNet name such as WRN-16-4");
        if (!Shape.IsValidDepth(depth) || width <= 0)
            throw CommandLine.Error($"--shape '{text}': the depth must be 6n+4 (10, 16, 22, …) and the width positive");
        return new Shape(depth, width);
    }

    [GeneratedRegex(@"^(?:wrn-)?(\d+)-(\d+(?:\.\d+)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
