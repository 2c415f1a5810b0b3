using System.Globalization;
using System.Text.RegularExpressions;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;

namespace ShapeDnn.Cli.Training;

/// <summary>
/// Parses a shape name into a <see cref="Shape"/>: a family's name prefix, depth and width
/// (<c>WRN-16-4</c>, <c>wrn-10-1.5</c>, <c>DenseNet-BC-100-12</c>); a bare <c>16-4</c> is a Wide ResNet.
/// </summary>
internal static partial class ShapeName
{
    /// <summary>Parses <paramref name="text"/>; depth and width follow the design space's rule (<see cref="DesignSpaceSpec.ShapeProblem(INetworkFamily, long, double)"/>).</summary>
    public static Shape Parse(string text, string what = "--shape")
    {
        var m = Pattern().Match(text.Trim());
        var family = m.Success ? FamilyOf(m.Groups[1].Value) : null;
        if (family is null
            || !long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long depth)
            || !double.TryParse(m.Groups[3].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double width))
            throw CommandLine.Error($"{what} '{text}' is not a shape name such as {string.Join(" or ", NetworkFamilies.All.Select(Example))}");
        if (DesignSpaceSpec.ShapeProblem(family, depth, width) is { } problem)
            throw CommandLine.Error($"{what} '{text}': {problem}");
        return new Shape((int)depth, width, family.Id);
    }

    private static INetworkFamily? FamilyOf(string prefix) => prefix.Length == 0
        ? NetworkFamilies.Default
        : NetworkFamilies.All.FirstOrDefault(f => string.Equals(f.NamePrefix + "-", prefix, StringComparison.OrdinalIgnoreCase));

    private static string Example(INetworkFamily family) => family.DefaultSpace.Shapes.First().Name;

    [GeneratedRegex(@"^((?:[a-z][a-z0-9-]*?-)?)(\d{1,18})-(\d{1,18}(?:\.\d{1,18})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
