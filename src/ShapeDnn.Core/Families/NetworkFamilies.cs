using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Families;

/// <summary>
/// The network families ShapeDnn can search, by id. The one list to extend when a family is added
/// (with its module in ShapeDnn.Training and its graph in ShapeDnn.Onnx, each registered likewise).
/// </summary>
public static class NetworkFamilies
{
    /// <summary>The id of the pre-activation Wide ResNet, the default family.</summary>
    public const string WideResNetId = "wrn";

    /// <summary>Every family, the default first.</summary>
    public static IReadOnlyList<INetworkFamily> All { get; } = [WideResNetFamily.Instance, DenseNetBCFamily.Instance, MobileFamily.Instance];

    /// <summary>The default family (Wide ResNet).</summary>
    public static INetworkFamily Default => All[0];

    /// <summary>The family of <paramref name="shape"/>.</summary>
    public static INetworkFamily Of(Shape shape) => Get(shape.Family);

    /// <summary>The exact network of <paramref name="shape"/>, by its family, for <paramref name="input"/>.</summary>
    public static NetworkPlan Plan(Shape shape, InputShape input) => Of(shape).Plan(shape, input);

    /// <summary>The family with id <paramref name="id"/> (case-insensitive).</summary>
    /// <exception cref="ShapeDnnException">SDNN008 for an unknown id.</exception>
    public static INetworkFamily Get(string id) =>
        All.FirstOrDefault(f => f.Id.Equals(id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ShapeDnnException(ErrorCode.BadDesignSpace,
            $"Unknown network family '{id}'{Suggestions.DidYouMean(id, All.Select(f => f.Id).ToArray())}. Use one of {string.Join(", ", All.Select(f => f.Id))}, a comma-separated list of them, or all.");

    /// <summary>
    /// Parses <c>--family</c> / <c>ShapeDnnFamily</c>: one id, a comma-separated list, or <c>all</c>;
    /// null or blank text gives the default family. Duplicates are dropped, the order is kept.
    /// </summary>
    /// <exception cref="ShapeDnnException">SDNN008 for an unknown id or an empty list.</exception>
    public static IReadOnlyList<INetworkFamily> ParseList(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [Default];
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)) return All;
        var ids = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
            throw new ShapeDnnException(ErrorCode.BadDesignSpace, $"'{text}' names no network family. Use one of {string.Join(", ", All.Select(f => f.Id))}, a comma-separated list of them, or all.");
        return ids.Select(Get).Distinct().ToArray();
    }
}
