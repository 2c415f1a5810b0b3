using ShapeDnn.Build.Tasks;

namespace ShapeDnn.Build.Tests.Unit;

public sealed class ProjectFileLocatorTests
{
    private static readonly string[] Project =
    [
        "<Project Sdk=\"Microsoft.NET.Sdk\">",                                      // 1
        "  <PropertyGroup>",                                                        // 2
        "    <ShapeDnnConstraints>MaxLatency=2ms</ShapeDnnConstraints>",            // 3
        "    <ShapeDnnGoal>MinimizeEnergy</ShapeDnnGoal>",                          // 4
        "  </PropertyGroup>",                                                       // 5
        "  <ItemGroup>",                                                            // 6
        "    <ShapeDnnModel Include=\"FastModel\" Constraints=\"MaxLatency=1ms\" />", // 7
        "    <ShapeDnnModel Include=\"SlowModel\">",                                // 8
        "      <Goal>MaximizeAccuracy</Goal>",                                      // 9
        "    </ShapeDnnModel>",                                                     // 10
        "  </ItemGroup>",                                                           // 11
        "</Project>",                                                               // 12
    ];

    private static int LineOf(string model, bool fromItem, ModelField field)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, Project);
            var request = ModelRequest.Read(new Microsoft.Build.Utilities.TaskItem(model, new Dictionary<string, string> { ["FromItem"] = fromItem ? "true" : "false" }));
            return new ProjectFileLocator(path).LineOf(request, field);
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void Should_point_at_the_property_that_sets_the_field() => Assert.That(LineOf("AppModel", false, ModelField.Goal), Is.EqualTo(4));

    [Test]
    public void Should_point_at_the_whole_file_not_another_setting_when_the_setting_is_a_default() =>
        Assert.That(LineOf("AppModel", false, ModelField.Namespace), Is.EqualTo(0), "a default namespace is not set on the ShapeDnnConstraints line");

    [Test]
    public void Should_point_at_the_constraints_property_for_a_model_wide_error() => Assert.That(LineOf("AppModel", false, ModelField.Model), Is.EqualTo(3));

    [Test]
    public void Should_point_at_the_item_line() => Assert.That(LineOf("FastModel", true, ModelField.Constraints), Is.EqualTo(7));

    [Test]
    public void Should_point_at_metadata_written_as_a_child_element() => Assert.That(LineOf("SlowModel", true, ModelField.Goal), Is.EqualTo(9));
}
