using System.Reflection;
using System.Text.RegularExpressions;
using ShapeDnn.Training.Native;
using TorchSharp;

namespace ShapeDnn.Training.Profiling;

/// <summary>Which libtorch (and CUDA build) the process runs: part of a GPU latency fingerprint.</summary>
internal static partial class LibTorchVersion
{
    /// <summary>
    /// For a PyTorch install (<c>torch/lib</c>), the <c>__version__</c> and <c>cuda</c> of its
    /// <c>torch/version.py</c>, e.g. <c>PyTorch 2.11.0+cu130 (CUDA 13.0)</c>; otherwise the TorchSharp package's libtorch.
    /// </summary>
    public static string Describe(NativeLoadReport report)
    {
        string torchSharp = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";
        if (report.LibTorchDirectory is { } lib)
        {
            var versionFile = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(lib)) ?? lib, "version.py");
            if (File.Exists(versionFile))
            {
                var text = File.ReadAllText(versionFile);
                var version = Assignment(text, "__version__") ?? "?";
                var cuda = Assignment(text, "cuda");
                return $"PyTorch {version} libtorch{(cuda is null ? "" : $" (CUDA {cuda})")}, TorchSharp {torchSharp}";
            }
            return $"libtorch at {lib}, TorchSharp {torchSharp}";
        }
        return $"libtorch of TorchSharp {torchSharp}";
    }

    private static string? Assignment(string text, string name)
    {
        var match = AssignmentPattern().Matches(text).FirstOrDefault(m => m.Groups[1].Value == name);
        return match?.Groups[2].Value;
    }

    [GeneratedRegex("""^(\w+)\s*(?::\s*[\w\[\]]+\s*)?=\s*['"]([^'"]+)['"]""", RegexOptions.Multiline)]
    private static partial Regex AssignmentPattern();
}
