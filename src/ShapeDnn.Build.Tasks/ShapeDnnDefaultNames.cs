using Microsoft.Build.Framework;
using ShapeDnn.CodeGeneration;

namespace ShapeDnn.Build.Tasks;

/// <summary>
/// Computes the defaults of <c>ShapeDnnModelName</c> and <c>ShapeDnnNamespace</c> from the project's
/// name and <c>RootNamespace</c>, made valid C# (<c>my-app</c>: class <c>MyAppModel</c> in namespace
/// <c>my_app</c>). A task because MSBuild property functions cannot PascalCase a name; it runs in
/// microseconds and starts no process.
/// </summary>
public sealed class ShapeDnnDefaultNames : Microsoft.Build.Utilities.Task
{
    /// <summary><c>$(MSBuildProjectName)</c>.</summary>
    [Required]
    public string ProjectName { get; set; } = "";

    /// <summary><c>$(RootNamespace)</c>, or the project name when it is empty.</summary>
    public string? RootNamespace { get; set; }

    /// <summary>The class name made from the project name.</summary>
    [Output]
    public string ModelName { get; private set; } = "";

    /// <summary>The namespace made from the root namespace.</summary>
    [Output]
    public string Namespace { get; private set; } = "";

    /// <inheritdoc/>
    public override bool Execute()
    {
        ModelName = DefaultNames.ClassName(ProjectName);
        Namespace = DefaultNames.Namespace(string.IsNullOrWhiteSpace(RootNamespace) ? ProjectName : RootNamespace);
        return true;
    }
}
