using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.ML.OnnxRuntime;

namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>
/// Compiles sources in memory the way a user's project would, but stricter: nullable on, XML docs
/// checked, every warning level on and every warning an error.
/// </summary>
internal static class RoslynCompiler
{
    /// <summary>The framework's own assemblies plus ShapeDnn.Runtime and ONNX Runtime's managed assembly: all a user's app has.</summary>
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        string runtimeDir = Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory());
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => string.Equals(Path.GetDirectoryName(p), runtimeDir, StringComparison.Ordinal));
        return framework.Append(typeof(InferenceSession).Assembly.Location)
            .Append(typeof(ShapeDnn.Runtime.EncodedImage).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    });

    /// <summary>The outcome: diagnostics of warning severity or above, and the assembly when there are none.</summary>
    public sealed record Result(IReadOnlyList<Diagnostic> Problems, byte[]? Image)
    {
        public string Describe() => string.Join("\n", Problems.Select(p => p.ToString()));
    }

    public static Result Compile(LanguageVersion language, params string[] sources) =>
        Compile(language, OutputKind.DynamicallyLinkedLibrary, sources);

    public static Result Compile(LanguageVersion language, OutputKind kind, params string[] sources)
    {
        var parse = new CSharpParseOptions(language, DocumentationMode.Diagnose);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"Source{i}.cs"));
        var options = new CSharpCompilationOptions(
            kind,
            nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: ReportDiagnostic.Error,
            warningLevel: 9999);
        var compilation = CSharpCompilation.Create($"Generated_{Guid.NewGuid():N}", trees, References.Value, options);

        using var image = new MemoryStream();
        using var documentation = new MemoryStream(); // XML doc errors surface only when docs are emitted
        var emitted = compilation.Emit(image, xmlDocumentationStream: documentation);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError).ToList();
        return new Result(problems, emitted.Success && problems.Count == 0 ? image.ToArray() : null);
    }

    /// <summary>Compiles with the latest language version and loads the assembly, failing the test on any diagnostic.</summary>
    public static Assembly CompileAndLoad(params string[] sources)
    {
        var result = Compile(LanguageVersion.Latest, sources);
        Assert.That(result.Problems, Is.Empty, result.Describe());
        return Assembly.Load(result.Image!);
    }
}
