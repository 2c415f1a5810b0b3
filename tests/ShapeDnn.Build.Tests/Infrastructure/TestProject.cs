namespace ShapeDnn.Build.Tests.Infrastructure;

/// <summary>
/// A console app in a temporary folder outside the repository that uses ShapeDnn's targets from
/// src/ with the task and worker built with the tests, a tiny design space and budget (a search
/// takes seconds) and a private cache.
/// </summary>
internal sealed class TestProject : IDisposable
{
    public const string TinySpace = "depths=10;widths=1,1.5";
    public const string TinyBudget = "epochs=1;subset=300;validation=100;shapes=2";

    public TestProject(string name, string? cacheDir = null)
    {
        Name = name;
        Directory = Path.Combine(Path.GetTempPath(), "shapednn-build-tests", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        System.IO.Directory.CreateDirectory(Directory);
        CacheDir = cacheDir ?? Path.Combine(Directory, "cache");
        // Stop the search for Directory.Build.props at the temporary folder.
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Directory, "Directory.Packages.props"), "<Project />\n");
    }

    public string Name { get; }
    public string Directory { get; }
    public string CacheDir { get; }
    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");
    public string GeneratedFolder => Path.Combine(Directory, "obj", "Debug", "net10.0", "shapednn");
    public string OutputFolder => Path.Combine(Directory, "bin", "Debug", "net10.0");

    /// <summary>
    /// Writes the project file: <paramref name="settings"/> go in a property group, <paramref name="items"/> in an item group;
    /// <paramref name="runtimeReference"/> false leaves out ShapeDnn.Runtime, which the generated class needs.
    /// </summary>
    public void Write(string settings, string items = "", string program = DefaultProgram, bool runtimeReference = true)
    {
        string runtime = runtimeReference ? $"""<Reference Include="ShapeDnn.Runtime" HintPath="{Repo.RuntimeAssembly}" />""" : "";
        File.WriteAllText(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{Repo.Props}" />
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <ShapeDnnTasksAssembly>{Repo.TasksAssembly}</ShapeDnnTasksAssembly>
                <ShapeDnnToolPath>{Repo.Worker}</ShapeDnnToolPath>
                <ShapeDnnCacheDir>{CacheDir}</ShapeDnnCacheDir>
                <ShapeDnnDataset>{Repo.SampleData}</ShapeDnnDataset>
                <ShapeDnnDesignSpace>{TinySpace}</ShapeDnnDesignSpace>
                <ShapeDnnBudget>{TinyBudget}</ShapeDnnBudget>
                <ShapeDnnDevice>cpu</ShapeDnnDevice>
                <ShapeDnnModelName>TinyModel</ShapeDnnModelName>
                <ShapeDnnNamespace>App</ShapeDnnNamespace>
                <ShapeDnnGoal>MinimizeSize</ShapeDnnGoal>
              </PropertyGroup>
              <PropertyGroup>
            {settings}
              </PropertyGroup>
              <ItemGroup>
                <!-- What the ShapeDnn.Runtime package brings, from the assembly built with the tests. -->
                {runtime}
                <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="1.31.1" />
                <PackageReference Include="StbImageSharp" Version="2.30.16" />
            {items}
              </ItemGroup>
              <Import Project="{Repo.Targets}" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(Directory, "Program.cs"), program);
    }

    public const string DefaultProgram = """
        using var model = new App.TinyModel();
        var result = model.Predict(new byte[App.TinyModel.BytesPerImage]);
        Console.WriteLine($"shape={App.TinyModel.ShapeName} label={result.PredictedLabel} provider={model.ExecutionProvider}");
        """;

    /// <summary>The 1-based line of the first line of the project file containing <paramref name="text"/>.</summary>
    public int LineOf(string text) => Array.FindIndex(File.ReadAllLines(ProjectFile), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    public DotnetResult Build(params string[] extra) => Dotnet.Build(Directory, extra);

    public DotnetResult Build(IReadOnlyDictionary<string, string> environment, params string[] extra) => Dotnet.Build(Directory, environment, extra);

    public DotnetResult RunApp() => Dotnet.Run(Directory, "exec", Path.Combine(OutputFolder, Name + ".dll"));

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
