using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>
/// One project built several times, in order: the first build searches and compiles the class, the
/// second does nothing, a constraint change runs the worker but trains nothing, design-time builds
/// never search, clean removes the outputs. Sharing the project keeps the suite to one real search.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class IncrementalBuildTests
{
    private TestProject _project = null!;

    [OneTimeSetUp]
    public void CreateProject()
    {
        _project = new TestProject("Incremental");
        _project.Write("<ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>");
    }

    [OneTimeTearDown]
    public void DeleteProject() => _project.Dispose();

    private string Code => Path.Combine(_project.GeneratedFolder, "TinyModel.g.cs");
    private string Onnx => Path.Combine(_project.GeneratedFolder, "TinyModel.onnx");

    [Test, Order(1)]
    public void Should_generate_compile_and_copy_the_model_on_the_first_build()
    {
        // When
        var build = _project.Build();

        // Then
        Assert.That(build.Succeeded, Is.True, build.ToString());
        Assert.That(build.Output, Does.Contain("ShapeDnn: searching the shape of TinyModel"));
        Assert.That(build.Output, Does.Match(@"TinyModel: shape 1 of 2: training WRN-10-1(\.5)? —"));
        Assert.That(File.Exists(Code) && File.Exists(Onnx), Is.True, "generated files under obj/");
        var html = Path.Combine(_project.GeneratedFolder, "TinyModel.report.html");
        Assert.That(File.Exists(html), Is.True, "the HTML report beside the JSON one");
        Assert.That(build.Output, Does.Match(@"Report: \S*TinyModel\.report\.html"), "the build log says where the HTML report is");
        Assert.That(File.Exists(Path.Combine(_project.OutputFolder, "TinyModel.onnx")), Is.True, "ONNX file copied to the output");
        var run = _project.RunApp();
        Assert.That(run.Succeeded, Is.True, run.ToString());
        Assert.That(run.Output, Does.Match(@"shape=WRN-10-1(\.5)? label=\S+ provider=CPU"));
    }

    [Test, Order(2)]
    public void Should_skip_the_search_when_nothing_changed()
    {
        // Given
        var before = (File.GetLastWriteTimeUtc(Code), File.GetLastWriteTimeUtc(Onnx));

        // When
        var build = _project.Build();

        // Then
        Assert.That(build.Succeeded, Is.True, build.ToString());
        Assert.That(build.Output, Does.Contain("Skipping target \"_ShapeDnnSearch\" because all output files are up-to-date"));
        Assert.That(build.Output, Does.Not.Contain("searching the shape"));
        Assert.That((File.GetLastWriteTimeUtc(Code), File.GetLastWriteTimeUtc(Onnx)), Is.EqualTo(before));
        Assert.That(build.Output, Does.Contain("Skipping target \"CoreCompile\""), "the compiler does not run either");
    }

    [Test, Order(3)]
    public void Should_reuse_every_cached_training_when_the_constraints_change()
    {
        // Given
        _project.Write("<ShapeDnnConstraints>MaxParameters=900k</ShapeDnnConstraints>");

        // When
        var build = _project.Build();

        // Then
        Assert.That(build.Succeeded, Is.True, build.ToString());
        Assert.That(build.Output, Does.Contain("searching the shape of TinyModel (MinimizeSize under MaxParameters=900k)"));
        Assert.That(build.Output, Does.Not.Contain("] training "), "nothing is trained again");
        Assert.That(build.Output, Does.Contain("(cached)"));
    }

    [Test, Order(4)]
    public void Should_never_search_in_a_design_time_build_but_see_the_last_class()
    {
        // Given: a change that would make a real build search
        _project.Write("<ShapeDnnConstraints>MaxParameters=800k</ShapeDnnConstraints>");

        // When
        var build = Dotnet.Run(_project.Directory, "msbuild", "-nologo", "-v:n", "-tl:off",
            "-p:DesignTimeBuild=true", "-t:Compile", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true");

        // Then
        Assert.That(build.Succeeded, Is.True, build.ToString());
        Assert.That(build.Output, Does.Not.Contain("searching the shape"));
        Assert.That(build.Output, Does.Contain("TinyModel.g.cs"), "the generated class is in the compiler's command line");
    }

    [Test, Order(5)]
    public void Should_remove_the_outputs_on_clean()
    {
        // When
        var clean = Dotnet.Run(_project.Directory, "clean", "-nologo", "-v:q");

        // Then
        Assert.That(clean.Succeeded, Is.True, clean.ToString());
        Assert.That(Directory.Exists(_project.GeneratedFolder), Is.False);
        Assert.That(File.Exists(Path.Combine(_project.OutputFolder, "TinyModel.onnx")), Is.False);
    }
}
