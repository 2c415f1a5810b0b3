using ShapeDnn.DesignSpace;

namespace ShapeDnn.Families;

/// <summary>
/// One network family: everything that is pure about it, in one place. Its TorchSharp module and its
/// ONNX graph live in the family's folders of ShapeDnn.Training and ShapeDnn.Onnx. Every family has
/// an integer depth-like axis and a width-like axis (see <see cref="Shape"/>); <see cref="NetworkFamilies"/>
/// lists the families.
/// </summary>
public interface INetworkFamily
{
    /// <summary>The id users give (<c>--family</c>, <c>ShapeDnnFamily</c>) and <see cref="Shape.Family"/> holds, e.g. <c>wrn</c>.</summary>
    string Id { get; }

    /// <summary>What the family is, for documentation and doc strings, e.g. <c>pre-activation Wide ResNet</c>.</summary>
    string Description { get; }

    /// <summary>The first part of a shape's name, e.g. <c>WRN</c> in <c>WRN-16-4</c>.</summary>
    string NamePrefix { get; }

    /// <summary>The first part of a shape's cache key (empty for Wide ResNet, whose keys predate families).</summary>
    string KeyPrefix { get; }

    /// <summary>The design-space key of the depth axis, e.g. <c>depths</c>.</summary>
    string DepthKey { get; }

    /// <summary>The design-space key of the width axis, e.g. <c>widths</c> or <c>growth</c>.</summary>
    string WidthKey { get; }

    /// <summary>The step of a depth range <c>a..b</c> in the design space.</summary>
    int DepthStep { get; }

    /// <summary>The step of a width range <c>a..b</c> in the design space.</summary>
    double WidthStep { get; }

    /// <summary>A valid design space of this family, for error messages, e.g. <c>depths=10,16,22;widths=1,1.5,2</c>.</summary>
    string DesignSpaceExample { get; }

    /// <summary>What the depth axis means, one sentence (generated code documents it).</summary>
    string DepthMeaning { get; }

    /// <summary>What the width axis means, one sentence (generated code documents it).</summary>
    string WidthMeaning { get; }

    /// <summary>The width axis' title on plots, e.g. <c>Width multiplier</c>.</summary>
    string WidthAxisTitle => "Width multiplier";

    /// <summary>The space searched when the user gives none.</summary>
    DesignSpaceSpec DefaultSpace { get; }

    /// <summary>Why <paramref name="depth"/> is not a depth of this family (also when it is not a whole number), or null when it is.</summary>
    string? DepthProblem(double depth);

    /// <summary>Why <paramref name="width"/> is not a width of this family, or null when it is (the three-decimal rule is checked for every family).</summary>
    string? WidthProblem(double width);

    /// <summary>The exact network of <paramref name="shape"/> (of this family) for <paramref name="input"/>.</summary>
    NetworkPlan Plan(Shape shape, InputShape input);
}
