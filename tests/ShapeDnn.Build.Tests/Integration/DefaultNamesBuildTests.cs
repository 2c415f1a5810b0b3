using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>A project with a name that is no C# identifier builds with no naming setting at all.</summary>
[TestFixture, NonParallelizable]
public sealed class DefaultNamesBuildTests
{
    [Test]
    public void Should_generate_a_valid_class_and_namespace_for_a_hyphenated_project()
    {
        // Given: 'my-app', with the test project's model name and namespace cleared back to their defaults
        using var project = new TestProject("my-app");
        project.Write("<ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>\n<ShapeDnnModelName></ShapeDnnModelName>\n<ShapeDnnNamespace></ShapeDnnNamespace>",
            program: """
                using var model = new my_app.MyAppModel();
                Console.WriteLine($"class={typeof(my_app.MyAppModel).FullName} label={model.Predict(new byte[my_app.MyAppModel.BytesPerImage]).PredictedLabel}");
                """);

        // When
        var build = project.Build();
        var run = project.RunApp();

        // Then
        Assert.That(build.Succeeded, Is.True, build.ToString());
        Assert.That(File.Exists(Path.Combine(project.GeneratedFolder, "MyAppModel.g.cs")), Is.True);
        Assert.That(run.Output, Does.Contain("class=my_app.MyAppModel label="), run.ToString());
    }
}
