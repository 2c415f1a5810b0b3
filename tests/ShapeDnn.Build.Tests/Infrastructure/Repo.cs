using System.Reflection;

namespace ShapeDnn.Build.Tests.Infrastructure;

/// <summary>Paths in the repository and of the task and worker built with these tests.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Configuration").Value!;

    public static string BuildFolder => Path.Combine(Root, "src", "ShapeDnn.Build");
    public static string Props => Path.Combine(BuildFolder, "build", "ShapeDnn.Build.props");
    public static string Targets => Path.Combine(BuildFolder, "build", "ShapeDnn.Build.targets");
    public static string TasksAssembly => Path.Combine(Root, "src", "ShapeDnn.Build.Tasks", "bin", Configuration, "net10.0", "ShapeDnn.Build.Tasks.dll");
    public static string Worker => Path.Combine(Root, "src", "ShapeDnn.Cli", "bin", Configuration, "net10.0", "shapednn.dll");
    public static string RuntimeAssembly => Path.Combine(Root, "src", "ShapeDnn.Runtime", "bin", Configuration, "net10.0", "ShapeDnn.Runtime.dll");
    public static string RuntimeProjectFolder => Path.Combine(Root, "src", "ShapeDnn.Runtime");
    public static string SampleData => Path.Combine(Root, "samples", "data", "fashion-mnist-small");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ShapeDnn.sln"))) return dir.FullName;
        throw new InvalidOperationException("ShapeDnn.sln not found above " + AppContext.BaseDirectory);
    }
}
