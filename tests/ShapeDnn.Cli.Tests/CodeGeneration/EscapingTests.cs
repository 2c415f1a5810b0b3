using Microsoft.CodeAnalysis.CSharp;
using ShapeDnn.CodeGeneration;
using ShapeDnn.Profiles;

namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>Free text (labels, device, dataset, method) reaches the generated class unchanged and harmless.</summary>
public sealed class EscapingTests
{
    private static readonly string[] HostileLabels =
    [
        "say \"hi\"",
        "C:\\path\\",
        "ends */ a comment /* and opens one",
        "two\nlines\r\nand\ttab",
        "</summary> <b>&amp; #endregion",
        "\" + System.Environment.Exit(1) + \"",
        "line\u2028separator\u0085next\u2029paragraph",
        "bidi \u202Eesrever\u202C and zero\u200Bwidth",
        "nul\0and lone surrogate \uD800",
        "non-ASCII é 漢字 😀",
    ];

    private static GeneratedModelDescription Hostile() => SampleDescriptions.Fashion() with
    {
        ClassLabels = HostileLabels,
        Latency = new LatencyMeasurement(1, 1, 1, 10, 1, "GPU \"A\" </summary>\n// injected\r\n#error boom"),
        Energy = new EnergyFigure(1, FigureSource.Estimated, "15 W <assumed> & */ \\ \n#error method"),
        DatasetName = "data\n#error name </c>",
        DatasetHash = "\"\\\"",
        ToolVersion = "1.0\n#error version",
    };

    [TestCase(LanguageVersion.CSharp10)]
    [TestCase(LanguageVersion.Latest)]
    public void Should_Compile_Without_Diagnostics_When_Text_Is_Hostile(LanguageVersion language)
    {
        var result = RoslynCompiler.Compile(language, CSharpModelGenerator.Generate(Hostile()));

        Assert.That(result.Problems, Is.Empty, result.Describe());
    }

    [Test]
    public void Should_Keep_Every_String_Exactly()
    {
        // Given
        var description = Hostile();

        // When
        var harness = new GeneratedModelHarness(description);

        // Then
        Assert.Multiple(() =>
        {
            Assert.That(harness.Static("ClassLabels"), Is.EqualTo(HostileLabels));
            Assert.That(harness.Static("LatencyDevice"), Is.EqualTo(description.Latency.Device));
            Assert.That(harness.Static("EnergyMethod"), Is.EqualTo(description.Energy.Method));
            Assert.That(harness.Static("DatasetName"), Is.EqualTo(description.DatasetName));
            Assert.That(harness.Static("DatasetHash"), Is.EqualTo(description.DatasetHash));
            Assert.That(harness.Static("GeneratorVersion"), Is.EqualTo(description.ToolVersion));
        });
    }

    [Test]
    public void Should_Keep_Generated_Source_Free_Of_Raw_Line_Breaks_And_Format_Characters_From_Input()
    {
        string source = CSharpModelGenerator.Generate(Hostile());

        // Every line of the file is either code or a comment the generator wrote; none starts with injected text.
        Assert.That(source.Split('\n'), Has.None.StartsWith("#error"));
        // Checked per character: culture-aware string search ignores some of these characters.
        char[] forbidden = ['\u2028', '\u2029', '\u0085', '\u202E', '\u200B', '\0', '\uD800'];
        Assert.That(source.Where(forbidden.Contains).Select(c => $"U+{(int)c:X4}"), Is.Empty);
        Assert.That(source, Does.Contain("漢字"), "printable non-ASCII text stays readable");
    }
}
