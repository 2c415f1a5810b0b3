using ShapeDnn.CodeGeneration;

namespace ShapeDnn.Core.Tests.CodeGeneration;

/// <summary>Any project name gives a class name and a namespace that the generator accepts.</summary>
public sealed class DefaultNamesTests
{
    [TestCase("my-app", "MyAppModel")]
    [TestCase("FashionApp", "FashionAppModel")]
    [TestCase("my_app", "MyAppModel")]
    [TestCase("Contoso.Vision.Api", "ContosoVisionApiModel")]
    [TestCase("2048-game", "_2048GameModel")]
    [TestCase("class", "ClassModel")]
    [TestCase("café app", "CaféAppModel")]
    [TestCase("---", "Model")]
    public void Class_name_is_the_project_name_in_PascalCase_plus_Model(string project, string expected)
    {
        string name = DefaultNames.ClassName(project);

        Assert.That(name, Is.EqualTo(expected));
        Assert.That(CSharpModelGenerator.ValidateClassName(name), Is.EqualTo(name));
    }

    [TestCase("my-app", "my_app")]
    [TestCase("FashionApp", "FashionApp")]
    [TestCase("Contoso.Vision-Api", "Contoso.Vision_Api")]
    [TestCase("2048.class", "_2048._class")]
    [TestCase("a..b.", "a.b")]
    [TestCase("café app", "café_app")]
    [TestCase("-", "ShapeDnn.Generated")]
    public void Namespace_is_made_valid_part_by_part(string rootNamespace, string expected)
    {
        string ns = DefaultNames.Namespace(rootNamespace);

        Assert.That(ns, Is.EqualTo(expected));
        Assert.That(CSharpModelGenerator.ValidateNamespace(ns), Is.EqualTo(ns));
    }
}
