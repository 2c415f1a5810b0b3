using ShapeDnn.Diagnostics;
using ShapeDnn.Families;

namespace ShapeDnn.DesignSpace;

/// <summary>
/// The spaces a search covers: one <see cref="DesignSpaceSpec"/> per family of <c>--family</c> /
/// <c>ShapeDnnFamily</c> (one id, a comma-separated list, or <c>all</c>; Wide ResNet by default).
/// </summary>
public static class SearchSpaces
{
    /// <summary>
    /// Parses the families and the design space. With one family the design space is that family's
    /// text (<c>depths=40,100;growth=12,24</c>); with several it is a <c>|</c>-separated list of
    /// parts each naming its family (<c>wrn: depths=10,16;widths=1,2 | densenet-bc: depths=40;growth=12</c>),
    /// and a family without a part keeps its default space. Null or blank text gives every family its default.
    /// </summary>
    /// <exception cref="ShapeDnnException">SDNN008 for an unknown family, a part of a family not searched, or a malformed space.</exception>
    public static IReadOnlyList<DesignSpaceSpec> Parse(string? families, string? designSpace)
    {
        var list = NetworkFamilies.ParseList(families);
        var texts = new Dictionary<INetworkFamily, string>();
        if (!string.IsNullOrWhiteSpace(designSpace))
        {
            var parts = designSpace.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var part in parts)
            {
                int colon = part.IndexOf(':');
                if (colon < 0)
                {
                    if (list.Count > 1 || parts.Length > 1)
                        throw Error($"'{part}' names no family, but {list.Count} families are searched; write each family's part as 'family: {list[0].DepthKey}=…' separated by '|'");
                    texts[list[0]] = part;
                    continue;
                }
                var family = NetworkFamilies.Get(part[..colon].Trim());
                if (!list.Contains(family))
                    throw Error($"'{part}' is a space of {family.Id}, which is not searched (the families are {string.Join(", ", list.Select(f => f.Id))})");
                if (!texts.TryAdd(family, part[(colon + 1)..])) throw Error($"the space of {family.Id} is given twice");
            }
        }
        var spaces = list.Select(f => DesignSpaceSpec.Parse(texts.GetValueOrDefault(f), f)).ToArray();
        long total = spaces.Sum(s => (long)s.Count);
        if (total > Limits.MaxShapes)
            throw Error($"the families' spaces hold {total:N0} shapes together, more than the {Limits.MaxShapes:N0} a search may hold");
        return spaces;
    }

    /// <summary>The canonical text of <paramref name="spaces"/>: a lone Wide ResNet space as before families, otherwise each part with its family.</summary>
    public static string Describe(IReadOnlyList<DesignSpaceSpec> spaces) =>
        spaces is [{ Family: NetworkFamilies.WideResNetId } only]
            ? only.ToString()
            : string.Join(" | ", spaces.Select(s => $"{s.Family}: {s}"));

    private static ShapeDnnException Error(string what) =>
        new(ErrorCode.BadDesignSpace, $"Design space: {what}. Example: 'wrn: depths=10,16;widths=1,2 | densenet-bc: depths=40;growth=12'.");
}
