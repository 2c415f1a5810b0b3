using Microsoft.CodeAnalysis.CSharp;
using ShapeDnn.CodeGeneration;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>Names from the user's project are checked before any code is written.</summary>
public sealed class NameValidationTests
{
    [TestCase("")]
    [TestCase("1Model")]
    [TestCase("My-Model")]
    [TestCase("My Model")]
    [TestCase("@Model")]
    [TestCase("Model\n")]
    [TestCase("My.Model")]
    [TestCase("class")]
    [TestCase("var")]
    [TestCase("record")]
    [TestCase("mymodel")]      // CS8981: lower-case ASCII type names are reserved
    [TestCase("Predict")]      // CS0542: a member of the generated class
    [TestCase("ModelOutput")]
    public void Should_Reject_Invalid_Class_Name(string name)
    {
        var description = SampleDescriptions.Fashion() with { ClassName = name };

        var error = Assert.Throws<ShapeDnnException>(() => CSharpModelGenerator.Generate(description));

        Assert.That(error!.Code, Is.EqualTo(ErrorCode.BadOption));
        Assert.That(error.Message, Does.Contain("model name"));
    }

    [TestCase("")]
    [TestCase(".App")]
    [TestCase("App.")]
    [TestCase("My..App")]
    [TestCase("My App")]
    [TestCase("My.1App")]
    [TestCase("My.class")]
    [TestCase("global")]
    [TestCase("App;class X{}")]
    public void Should_Reject_Invalid_Namespace(string ns)
    {
        var description = SampleDescriptions.Fashion() with { Namespace = ns };

        var error = Assert.Throws<ShapeDnnException>(() => CSharpModelGenerator.Generate(description));

        Assert.That(error!.Code, Is.EqualTo(ErrorCode.BadOption));
        Assert.That(error.Message, Does.Contain("namespace"));
    }

    [TestCase("")]
    [TestCase("models/Model.onnx")]
    [TestCase("..\\Model.onnx")]
    [TestCase("..")]
    public void Should_Reject_Onnx_File_Name_With_Folders(string file)
    {
        var description = SampleDescriptions.Fashion() with { OnnxFileName = file };

        var error = Assert.Throws<ShapeDnnException>(() => CSharpModelGenerator.Generate(description));

        Assert.That(error!.Code, Is.EqualTo(ErrorCode.BadOption));
    }

    [TestCase("_Model", "A")]
    [TestCase("Modèle2", "Entreprise.Modèles")]
    [TestCase("Model_1", "A.B_c.D9")]
    public void Should_Accept_And_Compile_Valid_Names(string name, string ns)
    {
        var description = SampleDescriptions.Fashion() with { ClassName = name, Namespace = ns };

        var result = RoslynCompiler.Compile(LanguageVersion.Latest, CSharpModelGenerator.Generate(description));

        Assert.That(result.Problems, Is.Empty, result.Describe());
    }

    [Test]
    public void Should_Reject_Labels_That_Do_Not_Match_The_Class_Count()
    {
        var description = SampleDescriptions.Fashion() with { ClassLabels = ["a", "b"] };

        Assert.Throws<ArgumentException>(() => CSharpModelGenerator.Generate(description));
    }

    [TestCase(double.NaN)]
    [TestCase(-0.1)]
    [TestCase(1.5)]
    public void Should_Reject_Accuracy_Outside_Zero_To_One(double accuracy)
    {
        var description = SampleDescriptions.Fashion() with { ValidationAccuracy = accuracy };

        Assert.Throws<ArgumentException>(() => CSharpModelGenerator.Generate(description));
    }
}
