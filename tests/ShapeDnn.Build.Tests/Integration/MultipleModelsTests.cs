using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>Two ShapeDnnModel items side by side, each with its own constraints and goal.</summary>
[TestFixture, NonParallelizable]
public sealed class MultipleModelsTests
{
    [Test]
    public void Should_generate_one_class_per_item_with_item_metadata_over_properties()
    {
        // Given: a shared cache with the incremental tests' trainings is not assumed; both items share one dataset
        using var project = new TestProject("Multi");
        project.Write("", """
            <ShapeDnnModel Include="FastModel" Constraints="MaxParameters=1M" Goal="MinimizeLatency" />
            <ShapeDnnModel Include="AccurateModel" Constraints="MaxParameters=1M" Goal="MaximizeAccuracy" Namespace="App.Accurate" />
            """, program: """
            using var fast = new App.FastModel();
            using var accurate = new App.Accurate.AccurateModel();
            var pixels = new byte[App.FastModel.BytesPerImage];
            Console.WriteLine($"fast={App.FastModel.ShapeName}:{fast.Predict(pixels).PredictedLabel} accurate={App.Accurate.AccurateModel.ShapeName}:{accurate.Predict(pixels).PredictedLabel}");
            """);

        // When
        var build = project.Build();

        // Then
        Assert.That(build.Succeeded, Is.True, build.ToString());
        Assert.That(build.Output, Does.Contain("searching the shape of FastModel (MinimizeLatency"));
        Assert.That(build.Output, Does.Contain("searching the shape of AccurateModel (MaximizeAccuracy"));
        var run = project.RunApp();
        Assert.That(run.Succeeded, Is.True, run.ToString());
        Assert.That(run.Output, Does.Match(@"fast=WRN-10-1(\.5)?:\S+ accurate=WRN-10-1(\.5)?:\S+"));
    }
}
