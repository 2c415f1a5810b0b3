using ShapeDnn.Diagnostics;

namespace ShapeDnn.CodeGeneration;

/// <summary>Accessibility of the generated class (<c>ShapeDnnAccess</c>, <c>--access</c>).</summary>
public enum GeneratedAccess
{
    /// <summary><c>public sealed partial class</c>: usable from other assemblies.</summary>
    Public,

    /// <summary><c>internal sealed partial class</c>: for a library that must not expose the model in its API.</summary>
    Internal,
}

/// <summary>Parses <see cref="GeneratedAccess"/> as users write it.</summary>
public static class GeneratedAccessParser
{
    /// <summary>Parses <c>public</c> or <c>internal</c> (any case); empty means <see cref="GeneratedAccess.Public"/>.</summary>
    /// <exception cref="ShapeDnnException">SDNN009 for any other text.</exception>
    public static GeneratedAccess Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "public" => GeneratedAccess.Public,
        "internal" => GeneratedAccess.Internal,
        _ => throw new ShapeDnnException(ErrorCode.BadOption, $"The access '{text}' is neither 'public' nor 'internal'; set ShapeDnnAccess (or --access) to one of them."),
    };
}
