using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>Builds that must fail, each with its SDNN code located at the project file line that causes it.</summary>
[TestFixture, NonParallelizable]
public sealed class FailingBuildTests
{
    private TestProject _project = null!;

    [OneTimeSetUp]
    public void CreateProject() => _project = new TestProject("Failing");

    [OneTimeTearDown]
    public void DeleteProject() => _project.Dispose();

    [Test]
    public void Should_fail_a_malformed_constraint_with_its_code_at_the_property_line()
    {
        // Given
        _project.Write("<ShapeDnnConstraints>MaxLatency=2parsecs; MinAccuracy=90%</ShapeDnnConstraints>");
        int line = _project.LineOf("<ShapeDnnConstraints>MaxLatency=2parsecs");

        // When
        var build = _project.Build();

        // Then
        Assert.That(build.Succeeded, Is.False, build.ToString());
        Assert.That(build.Output, Does.Contain($"{_project.ProjectFile}({line}): error SDNN004: TinyModel: MaxLatency=2parsecs"));
        Assert.That(build.Output, Does.Not.Contain("searching the shape"), "validated before any worker starts");
    }

    [Test]
    public void Should_fail_an_unknown_goal_at_the_goal_line()
    {
        // Given
        _project.Write("<ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>\n<ShapeDnnGoal>MinimiseSize</ShapeDnnGoal>");
        int line = _project.LineOf("<ShapeDnnGoal>MinimiseSize");

        // When
        var build = _project.Build();

        // Then
        Assert.That(build.Output, Does.Contain($"{_project.ProjectFile}({line}): error SDNN007"));
        Assert.That(build.Output, Does.Contain("did you mean MinimizeSize?"));
    }

    [Test]
    public void Should_fail_a_missing_dataset_folder_with_SDNN010()
    {
        // Given
        _project.Write("<ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>\n<ShapeDnnDataset>no/such/folder</ShapeDnnDataset>");
        int line = _project.LineOf("<ShapeDnnDataset>no/such/folder");

        // When
        var build = _project.Build();

        // Then
        Assert.That(build.Output, Does.Contain($"{_project.ProjectFile}({line}): error SDNN010"));
    }

    [Test]
    public void Should_fail_an_infeasible_request_naming_the_binding_constraint()
    {
        // Given: no Wide ResNet has fewer than a thousand parameters
        _project.Write("<ShapeDnnConstraints>MaxParameters=1k</ShapeDnnConstraints>");
        int line = _project.LineOf("<ShapeDnnConstraints>MaxParameters=1k");

        // When
        var build = _project.Build();

        // Then
        Assert.That(build.Succeeded, Is.False, build.ToString());
        Assert.That(build.Output, Does.Contain($"{_project.ProjectFile}({line}): error SDNN013: TinyModel: No shape meets the limits: MaxParameters excludes"));
        Assert.That(Directory.EnumerateFiles(_project.GeneratedFolder, "TinyModel.*").Where(f => !f.EndsWith(".inputs.txt", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Should_fail_class_labels_that_do_not_match_the_classes_at_their_line()
    {
        // Given: two names for the ten classes of the sample data
        _project.Write("<ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>\n<ShapeDnnClassLabels>cat;dog</ShapeDnnClassLabels>");
        int line = _project.LineOf("<ShapeDnnClassLabels>cat;dog");

        // When
        var build = _project.Build();

        // Then
        Assert.That(build.Succeeded, Is.False, build.ToString());
        Assert.That(build.Output, Does.Contain($"{_project.ProjectFile}({line}): error SDNN023: TinyModel: 2 class labels were given but the dataset has 10 classes"));
    }

    [Test]
    public void Should_fail_a_project_without_ShapeDnn_Runtime_with_SDNN024()
    {
        // Given: the generated class would not load at run time (nor survive publish)
        _project.Write("<ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>", runtimeReference: false);

        // When
        var build = _project.Build();

        // Then
        Assert.That(build.Succeeded, Is.False, build.ToString());
        Assert.That(build.Output, Does.Contain($"{_project.ProjectFile} : error SDNN024: The class ShapeDnn generates needs the ShapeDnn.Runtime package"));
        Assert.That(build.Output, Does.Not.Contain("searching the shape"), "references are checked before any search");
    }

    [Test]
    public void Should_do_nothing_when_disabled()
    {
        // Given: settings that would fail, turned off
        _project.Write("<ShapeDnnConstraints>MaxLatency=2parsecs</ShapeDnnConstraints>\n<ShapeDnnEnabled>false</ShapeDnnEnabled>",
            program: "System.Console.WriteLine(\"no model\");");

        // When
        var build = _project.Build();

        // Then
        Assert.That(build.Succeeded, Is.True, build.ToString());
        Assert.That(build.Output, Does.Not.Contain("searching the shape"));
        Assert.That(Directory.Exists(_project.GeneratedFolder), Is.False);
    }
}
