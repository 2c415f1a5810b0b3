using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ShapeDnn.Cli.Tests.CodeGeneration;
using ShapeDnn.CodeGeneration;
using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Tests.Docs;

/// <summary>
/// The documentation's code is true: every C# block of README.md and docs/*.md compiles against a
/// generated class, and every MSBuild block is well-formed MSBuild whose ShapeDnn settings parse
/// and ask for no more accuracy than their budget reaches. (The packaged-consumer test in
/// ShapeDnn.Build.Tests also builds, runs and publishes README's MSBuild block as written.)
/// </summary>
public sealed class DocSnippetTests
{
    /// <summary>
    /// The highest validation accuracy a snippet may ask for with the default <c>quick</c> budget:
    /// it tops out just under 80 % on Fashion-MNIST (README, benchmarks/RESULTS.md).
    /// </summary>
    private const double QuickBudgetReach = 0.80;

    private static IEnumerable<TestCaseData> CSharp() => DocSnippets.Of("csharp").Select(s => new TestCaseData(s).SetArgDisplayNames(s.ToString()));

    private static IEnumerable<TestCaseData> Xml() => DocSnippets.Of("xml").Select(s => new TestCaseData(s).SetArgDisplayNames(s.ToString()));

    /// <summary>What <c>ImplicitUsings</c> gives a console app of Microsoft.NET.Sdk, as <c>dotnet new console</c> enables it.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Test]
    public void The_documents_have_snippets_to_check()
    {
        Assert.That(DocSnippets.Of("csharp"), Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(DocSnippets.Of("xml"), Has.Count.GreaterThanOrEqualTo(4));
    }

    [TestCaseSource(nameof(CSharp))]
    public void A_CSharp_snippet_compiles_against_the_generated_class(DocSnippet snippet)
    {
        // The class the snippets use, as the build generates it, and the pixels they classify.
        string generated = CSharpModelGenerator.Generate(SampleDescriptions.Fashion() with
        {
            ClassName = "FashionModel", Namespace = "DocsApp", OnnxFileName = "FashionModel.onnx",
        });
        string program = "using DocsApp;\nbyte[] pixels = new byte[FashionModel.BytesPerImage];\n" + snippet.Code + "\n";

        var result = RoslynCompiler.Compile(LanguageVersion.Latest, OutputKind.ConsoleApplication, generated, ImplicitUsings, program);

        Assert.That(result.Problems, Is.Empty, $"{snippet}:\n{snippet.Code}\n{result.Describe()}");
    }

    [TestCaseSource(nameof(Xml))]
    public void An_MSBuild_snippet_is_well_formed_and_its_settings_parse(DocSnippet snippet)
    {
        var project = XElement.Parse("<Project>" + snippet.Code + "</Project>");

        foreach (var element in project.Descendants())
        {
            string name = element.Name.LocalName, parent = element.Parent!.Name.LocalName;
            if (name is "PackageReference" or "ShapeDnnModel")
                Assert.That(parent, Is.EqualTo("ItemGroup"), $"{snippet}: <{name}> outside an <ItemGroup> is MSB4067");
            else if (name.StartsWith("ShapeDnn", StringComparison.Ordinal))
                Assert.That(parent, Is.EqualTo("PropertyGroup"), $"{snippet}: property <{name}> outside a <PropertyGroup>");
        }

        string? Property(string name) => project.Descendants(name).LastOrDefault()?.Value;
        var models = project.Descendants("ShapeDnnModel")
            .Select(m => (Constraints: (string?)m.Attribute("Constraints"), Goal: (string?)m.Attribute("Goal"), Budget: (string?)m.Attribute("Budget") ?? Property("ShapeDnnBudget")))
            .ToList();
        if (models.Count == 0 && (Property("ShapeDnnConstraints") is not null || Property("ShapeDnnGoal") is not null))
            models.Add((Property("ShapeDnnConstraints"), Property("ShapeDnnGoal"), Property("ShapeDnnBudget")));

        foreach (var (constraints, goal, budget) in models)
        {
            var limits = ConstraintParser.Parse(constraints);
            if (goal is not null) GoalParser.Parse(goal);
            var parsedBudget = TrainingBudget.Parse(budget);
            if (parsedBudget.Name == TrainingBudget.Quick.Name && limits.MinAccuracy is { } wanted)
                Assert.That(wanted, Is.LessThanOrEqualTo(QuickBudgetReach),
                    $"{snippet}: MinAccuracy={wanted:P0} with the quick budget, which tops out under {QuickBudgetReach:P0}");
        }
        if (Property("ShapeDnnDesignSpace") is { } space) DesignSpaceSpec.Parse(space);
    }
}
